// From a parsed file (or nothing) plus command-line values to the effective SrvmonConfig.
// Pure apart from reading process.cwd()/os.homedir() as fallbacks: loadConfig calls it after reading a file, tests
// and SIGHUP reload call it directly. Precedence for every setting: command line > file > default.
import os from 'node:os';
import path from 'node:path';
import type { LoadedConfig, SrvmonConfig } from './config-types.js';
import { checkConfigBounds } from './config-bounds.js';
import { validateChannels, validateChannelPolicies, isDisabledChannelPath, type ChannelRegistry } from './channels.js';
import { ConfigError } from './config-error.js';
import { describeValue } from './describe-value.js';
import { formatDurationMs, parseDurationMs } from './duration.js';
import { isPlainObject, substituteEnv } from './env-subst.js';
import { valueAt } from './key-path.js';
import { localeFromEnv } from './locale.js';
import { resolveRules, type WindowUse } from './resolve-rules.js';
import { INTERVAL_MAX_MS, INTERVAL_MIN_MS, MAX_HISTORY_SAMPLES, fileSchema, unknownKeyNoun } from './schema.js';
import { resolveControl, resolveStateDir } from './owner-location.js';
import { parseOrThrow } from './zod-issues.js';

/** Values given on the command line; they win over the file. */
export interface CliOverrides {
  /** --interval, already parsed (see parseDurationFlag). */
  intervalMs?: number;
  /** --state-dir; a relative path is relative to the working directory. */
  stateDir?: string;
}

export interface ResolveContext {
  /** Base for a relative --state-dir. @default process.cwd() */
  cwd?: string;
  /** For "~" and the default state dir. @default env.HOME, else os.homedir() */
  homeDir?: string;
  /** Channel schemas; tests inject strict ones. @default the notify registry */
  channelRegistry?: ChannelRegistry;
}

export const INTERVAL_FLAG = '--interval';
export { STATE_DIR_FLAG } from './owner-location.js';

export const DEFAULT_INTERVAL_MS = 1000;
export const DEFAULT_HISTORY_MS = 600_000;
export const DEFAULT_DISK_INTERVAL_MS = 30_000;
export const DEFAULT_ROLLUP_MS = 86_400_000;

export function resolveConfig(
  raw: unknown,
  filepath: string | null,
  env: NodeJS.ProcessEnv = process.env,
  cli: CliOverrides = {},
  context: ResolveContext = {},
): LoadedConfig {
  const file = filepath;
  const written = raw ?? {};
  if (!isPlainObject(written)) {
    throw new ConfigError(file, '', `must hold key: value pairs (a YAML or JSON object), got ${describeValue(written, [])}`);
  }
  checkConfigBounds(written, file);
  const warnings: string[] = [];
  const substituted = substituteEnv(written, env, {
    file,
    skip: (at) => isDisabledChannelPath(written, at),
    warn: (warning) => warnings.push(warning),
  }) as Record<string, unknown>;
  const parsed = parseOrThrow(fileSchema, substituted, { file, nounFor: unknownKeyNoun });

  checkIntervalFlag(cli.intervalMs);
  const timing: Timing = {
    intervalMs: cli.intervalMs ?? parsed.interval ?? DEFAULT_INTERVAL_MS,
    historyMs: parsed.history ?? DEFAULT_HISTORY_MS,
    intervalFrom: cli.intervalMs !== undefined ? 'flag' : parsed.interval !== undefined ? 'file' : 'default',
    historyInFile: parsed.history !== undefined,
    file,
    written: substituted,
  };
  checkHistory(timing);
  const { rules, windows } = resolveRules(parsed.rules, file);
  for (const use of windows) if (use.enabled) checkWindow(use, timing);

  const homeDir = context.homeDir ?? (env.HOME || os.homedir());
  const config: SrvmonConfig = {
    intervalMs: timing.intervalMs,
    historyMs: timing.historyMs,
    diskIntervalMs: parsed.diskInterval ?? DEFAULT_DISK_INTERVAL_MS,
    rollupMs: parsed.rollup === false ? null : (parsed.rollup ?? DEFAULT_ROLLUP_MS),
    locale: parsed.locale ?? localeFromEnv(env),
    stateDir: resolveStateDir(cli.stateDir, parsed.stateDir ?? undefined, file, context.cwd ?? process.cwd(), homeDir, env),
    rules,
    channels: validateChannels(parsed.channels, file, context.channelRegistry),
    quietHours: parsed.quietHours ?? [],
    prometheus: parsed.prometheus?.listen ? { listen: parsed.prometheus.listen } : {},
    control: { socket: '' },
  };
  config.policies = validateChannelPolicies(parsed.channels, file, config.quietHours ?? []);
  config.control = resolveControl(parsed.control, config.stateDir, file, context.cwd ?? process.cwd(), homeDir);
  return { config, filepath, raw: substituted, warnings };
}

/** For the CLI: "--interval 5s" -> 5000, or a ConfigError naming the flag. */
export function parseDurationFlag(flag: string, text: string): number {
  try {
    return parseDurationMs(text);
  } catch (error: unknown) {
    throw new ConfigError(null, '', (error as Error).message, { flag });
  }
}

function checkIntervalFlag(intervalMs: number | undefined): void {
  if (intervalMs === undefined) return;
  if (!Number.isFinite(intervalMs) || intervalMs < INTERVAL_MIN_MS || intervalMs > INTERVAL_MAX_MS) {
    const got = Number.isFinite(intervalMs) ? formatDurationMs(intervalMs) : String(intervalMs);
    throw new ConfigError(null, 'interval', `must be from ${formatDurationMs(INTERVAL_MIN_MS)} to ${formatDurationMs(INTERVAL_MAX_MS)}, got ${got}`, {
      flag: INTERVAL_FLAG,
    });
  }
}

interface Timing {
  intervalMs: number;
  historyMs: number;
  intervalFrom: 'flag' | 'file' | 'default';
  historyInFile: boolean;
  file: string | null;
  written: Record<string, unknown>;
}

// When two settings conflict, the error names the one the user wrote (history before interval, since history is
// the one to raise); a value from a flag is named as the flag.

function checkHistory(t: Timing): void {
  const interval = formatDurationMs(t.intervalMs);
  const history = formatDurationMs(t.historyMs);
  if (t.historyMs < t.intervalMs) {
    if (t.historyInFile) throw historyError(t, `must be at least interval (${interval})`);
    throw intervalError(t, `must be at most history (${history})`);
  }
  if (t.historyMs / t.intervalMs > MAX_HISTORY_SAMPLES) {
    const limit = formatDurationMs(t.intervalMs * MAX_HISTORY_SAMPLES);
    if (t.historyInFile) throw historyError(t, `must be at most ${limit} (${MAX_HISTORY_SAMPLES} samples at interval ${interval})`);
    throw intervalError(t, `must be at least ${formatDurationMs(Math.ceil(t.historyMs / MAX_HISTORY_SAMPLES))} for history ${history}`);
  }
}

function checkWindow(use: WindowUse, t: Timing): void {
  const neededMs = use.window * t.intervalMs;
  if (neededMs <= t.historyMs) return;
  const interval = formatDurationMs(t.intervalMs);
  const history = formatDurationMs(t.historyMs);
  if (use.explicit) {
    const maxWindow = Math.floor(t.historyMs / t.intervalMs);
    throw new ConfigError(t.file, use.keyPath, `must be at most ${maxWindow} (history ${history} / interval ${interval}), got ${use.window}`);
  }
  if (t.historyInFile) {
    throw historyError(t, `must be at least ${formatDurationMs(neededMs)} (${use.keyPath} ${use.window} × interval ${interval})`);
  }
  throw intervalError(t, `must be at most ${formatDurationMs(Math.floor(t.historyMs / use.window))} (history ${history} / ${use.keyPath} ${use.window})`);
}

function historyError(t: Timing, rule: string): ConfigError {
  return new ConfigError(t.file, 'history', `${rule}, got ${describeValue(valueAt(t.written, ['history']), ['history'])}`);
}

function intervalError(t: Timing, rule: string): ConfigError {
  if (t.intervalFrom === 'flag') {
    return new ConfigError(null, 'interval', `${rule}, got ${formatDurationMs(t.intervalMs)}`, { flag: INTERVAL_FLAG });
  }
  const got = t.intervalFrom === 'file' ? describeValue(valueAt(t.written, ['interval']), ['interval']) : formatDurationMs(t.intervalMs);
  return new ConfigError(t.file, 'interval', `${rule}, got ${got}`);
}

