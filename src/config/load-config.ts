// Entry point of the configuration layer: find or read the file, then resolve it (resolve-config.ts).
import { readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { LoadedConfig } from './config-types.js';
import { ConfigError } from './config-error.js';
import { MAX_CONFIG_BYTES } from './config-bounds.js';
import { loadConfigFile, searchConfig, UNSUPPORTED_EXTENSIONS, type FileCheck } from './config-search.js';
import { whyUntrusted } from './config-trust.js';
import { findLiteralSecrets, isPlainObject } from './env-subst.js';
import { loadChannelSchemas } from '../notify/channel-catalogue.js';
import { toParseConfigError } from './parse-error.js';
import { secretsPermissionWarning } from './permission-warning.js';
import { resolveConfig, type CliOverrides, type ResolveContext } from './resolve-config.js';
import { findInvalidUtf8 } from './utf8-check.js';

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
  /**
   * Told about each warning as soon as it is found ("warning: ..." lines), so that a file skipped by the search is
   * reported even when loading then fails. All of them are also in the result's warnings.
   */
  onWarning?: (warning: string) => void;
}

/** Throws ConfigError (exitCode 78) for every user mistake; any other error is a bug or an I/O failure. */
export async function loadConfig(opts: LoadConfigOptions = {}): Promise<LoadedConfig> {
  const env = opts.env ?? process.env;
  const cwd = path.resolve(opts.cwd ?? process.cwd());
  const homeDir = path.resolve(opts.homeDir ?? (env.HOME || os.homedir()));
  const warnings: string[] = [];
  const warn = (warning: string): void => {
    warnings.push(warning);
    opts.onWarning?.(warning);
  };

  const found = opts.configPath !== undefined ? await readGivenFile(opts.configPath, cwd, warn) : await search(cwd, homeDir, env, warn);
  const filepath = found?.filepath ?? null;
  const written: unknown = found?.config;

  // Only the channels the file names get their schema (and its module) loaded.
  if (!opts.channelRegistry) await loadChannelSchemas(writtenChannelNames(written));
  const loaded = resolveConfig(written, filepath, env, opts.cli, { cwd, homeDir, channelRegistry: opts.channelRegistry });
  for (const warning of loaded.warnings) warn(warning);
  if (filepath) {
    const warning = await secretsPermissionWarning(filepath, findLiteralSecrets(written));
    if (warning) warn(warning);
  }
  return { ...loaded, warnings };
}

interface Found {
  filepath: string;
  config: unknown;
}

async function search(cwd: string, homeDir: string, env: NodeJS.ProcessEnv, warn: (warning: string) => void): Promise<Found | null> {
  try {
    return await searchConfig(cwd, homeDir, env, { whyUntrusted: (file) => whyUntrusted(file), warn, check: checkFile });
  } catch (error: unknown) {
    if (error instanceof ConfigError) throw error;
    throw toParseConfigError(error, fileOf(error) ?? '(config)');
  }
}

/**
 * Every file parsed: not too big to parse without stalling a reload, valid UTF-8, and, for a file pulled in by
 * `$import`, trusted like the config itself (the config was vetted before it was chosen).
 */
const checkFile: FileCheck = async (filepath, mainFile) => {
  if (filepath !== mainFile) {
    const untrusted = await whyUntrusted(filepath);
    if (untrusted) throw new ConfigError(mainFile, '$import', `not loading ${filepath}: ${untrusted}`);
  }
  const bytes = await readFile(filepath);
  if (bytes.length > MAX_CONFIG_BYTES) {
    throw new ConfigError(filepath, '', `is ${bytes.length} bytes; a config file is at most ${MAX_CONFIG_BYTES} bytes`);
  }
  const invalid = findInvalidUtf8(bytes);
  if (invalid) {
    throw new ConfigError(filepath, '', `is not valid UTF-8 at line ${invalid.line} (byte offset ${invalid.byteOffset}); save it as UTF-8`);
  }
};

async function readGivenFile(given: string, cwd: string, warn: (warning: string) => void): Promise<Found> {
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
    // Named on the command line, so the user chose it: a data file that others could have written is read with a
    // warning, but code that others could have written is not run.
    const untrusted = await whyUntrusted(filepath);
    if (untrusted && isJavaScript(filepath)) throw new ConfigError(filepath, '', `not running this JavaScript config: ${untrusted}`);
    if (untrusted) warn(`warning: ${filepath}: ${untrusted}; reading it anyway because --config names it`);
    result = await loadConfigFile(filepath, checkFile);
  } catch (error: unknown) {
    if (error instanceof ConfigError) throw error;
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

function isJavaScript(file: string): boolean {
  return ['.js', '.cjs', '.mjs'].includes(path.extname(file));
}

/** The keys of the file's `channels` section, as written (names are not ${ENV} substituted). */
function writtenChannelNames(written: unknown): string[] {
  return isPlainObject(written) && isPlainObject(written.channels) ? Object.keys(written.channels) : [];
}
