// Entry point of the configuration layer: find or read the file, then resolve it (resolve-config.ts).
import { stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { LoadedConfig } from './config-types.js';
import { ConfigError } from './config-error.js';
import { loadConfigFile, searchConfig, UNSUPPORTED_EXTENSIONS } from './config-search.js';
import { findLiteralSecrets } from './env-subst.js';
import { toParseConfigError } from './parse-error.js';
import { secretsPermissionWarning } from './permission-warning.js';
import { resolveConfig, type CliOverrides, type ResolveContext } from './resolve-config.js';

export { resolveConfig, parseDurationFlag, INTERVAL_FLAG, STATE_DIR_FLAG } from './resolve-config.js';
export type { CliOverrides, ResolveContext } from './resolve-config.js';

export interface LoadConfigOptions {
  /** --config: read this file instead of searching. Relative to cwd. */
  configPath?: string;
  /** Where the search starts. @default process.cwd() */
  cwd?: string;
  /** For ${NAME} substitution, locale and XDG dirs. @default process.env */
  env?: NodeJS.ProcessEnv;
  /** Where the search ends and "~" points. @default env.HOME, else os.homedir() */
  homeDir?: string;
  cli?: CliOverrides;
  channelRegistry?: ResolveContext['channelRegistry'];
}

/** Throws ConfigError (exitCode 78) for every user mistake; any other error is a bug or an I/O failure. */
export async function loadConfig(opts: LoadConfigOptions = {}): Promise<LoadedConfig> {
  const env = opts.env ?? process.env;
  const cwd = path.resolve(opts.cwd ?? process.cwd());
  const homeDir = path.resolve(opts.homeDir ?? (env.HOME || os.homedir()));

  const found = opts.configPath !== undefined ? await readGivenFile(opts.configPath, cwd) : await search(cwd, homeDir, env);
  const filepath = found?.filepath ?? null;
  const written: unknown = found?.config;

  const loaded = resolveConfig(written, filepath, env, opts.cli, { cwd, homeDir, channelRegistry: opts.channelRegistry });
  if (filepath) {
    const warning = await secretsPermissionWarning(filepath, findLiteralSecrets(written));
    if (warning) loaded.warnings.push(warning);
  }
  return loaded;
}

interface Found {
  filepath: string;
  config: unknown;
}

async function search(cwd: string, homeDir: string, env: NodeJS.ProcessEnv): Promise<Found | null> {
  try {
    return await searchConfig(cwd, homeDir, env);
  } catch (error: unknown) {
    throw toParseConfigError(error, fileOf(error) ?? '(config)');
  }
}

async function readGivenFile(given: string, cwd: string): Promise<Found> {
  const filepath = path.resolve(cwd, given);
  try {
    const info = await stat(filepath);
    if (info.isDirectory()) throw new ConfigError(given, '', 'is a directory, not a config file');
  } catch (error: unknown) {
    if (error instanceof ConfigError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(given, '', code === 'ENOENT' || code === 'ENOTDIR' ? 'no such config file' : `cannot read (${code ?? 'error'})`);
  }
  const extension = path.extname(filepath);
  if (UNSUPPORTED_EXTENSIONS.includes(extension)) {
    throw new ConfigError(filepath, '', `TypeScript config files are not supported; use YAML, JSON or JavaScript (.js, .cjs, .mjs)`);
  }
  let result;
  try {
    result = await loadConfigFile(filepath);
  } catch (error: unknown) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') throw new ConfigError(filepath, '', 'permission denied');
    throw toParseConfigError(error, filepath);
  }
  // A package.json without a "srvmon" key loads as null.
  if (!result) throw new ConfigError(filepath, '', 'has no "srvmon" key');
  return { filepath: result.filepath, config: result.config };
}

function fileOf(error: unknown): string | undefined {
  const filepath = (error as { filepath?: unknown } | null)?.filepath;
  return typeof filepath === 'string' ? filepath : undefined;
}
