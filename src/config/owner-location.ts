// Where a monitor keeps its state and its control socket, from the --state-dir flag, the file's stateDir and
// control.socket, or the defaults. Kept apart from the schema so that one-shot commands (`status`, `mute`) find a
// running owner without loading zod and the config schema when there is no config file (ownerLocationWithoutFile):
// those modules were most of their start-up time.
import { stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from './config-error.js';
import { GLOBAL_PLACES, SEARCH_PLACES, searchDirs } from './config-search.js';
import { defaultStateDir, resolveUserPath } from './state-dir.js';

export const STATE_DIR_FLAG = '--state-dir';

export interface ControlLocation {
  socket: string;
  group?: string;
}

export function resolveStateDir(
  flag: string | undefined,
  written: string | undefined,
  file: string | null,
  cwd: string,
  homeDir: string,
  env: NodeJS.ProcessEnv,
): string {
  if (flag !== undefined) {
    if (flag.trim() === '') throw new ConfigError(null, 'stateDir', 'must not be empty', { flag: STATE_DIR_FLAG });
    return resolveUserPath(flag, cwd, homeDir);
  }
  // Relative to the file, not the cwd: the same file must mean the same directory wherever srvmon is started.
  if (written !== undefined) return resolveUserPath(written, file ? path.dirname(file) : cwd, homeDir);
  return defaultStateDir(env, homeDir);
}

/** Unix socket paths are limited to 107 bytes (sun_path); a longer one is a config error at start, not a surprise later. */
const MAX_SOCKET_PATH_BYTES = 107;

export function resolveControl(
  written: { socket?: string | null; group?: string | null } | undefined,
  stateDir: string,
  file: string | null,
  cwd: string,
  homeDir: string,
): ControlLocation {
  const socket = written?.socket ? resolveUserPath(written.socket, file ? path.dirname(file) : cwd, homeDir) : path.join(stateDir, 'control.sock');
  const bytes = Buffer.byteLength(socket);
  if (bytes > MAX_SOCKET_PATH_BYTES) {
    const why = `the socket path ${socket} is ${bytes} bytes; Unix sockets allow at most ${MAX_SOCKET_PATH_BYTES}`;
    throw written?.socket
      ? new ConfigError(file, 'control.socket', `${why}: choose a shorter path, e.g. /run/srvmon/control.sock`)
      : new ConfigError(file, 'control.socket', `${why} (inside the state dir): set control.socket to a shorter path, e.g. /run/srvmon/control.sock`);
  }
  return { socket, ...(written?.group ? { group: written.group } : {}) };
}

/**
 * The state dir and socket of the owner when no config file can change them: no --config, no --interval, and no
 * file in any place the search looks (found or not trusted, it is the full load's business to read or reject it).
 * Null means "load the config". Throws ConfigError as the full load would (an empty --state-dir, a socket path
 * too long).
 */
export async function ownerLocationWithoutFile(
  cli: { configPath?: string; stateDir?: string; interval?: string },
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
): Promise<{ stateDir: string; socket: string } | null> {
  if (cli.configPath !== undefined || cli.interval !== undefined) return null;
  const homeDir = path.resolve(env.HOME || os.homedir());
  for (const { dir, global } of searchDirs(cwd, homeDir, env)) {
    for (const place of global ? GLOBAL_PLACES : SEARCH_PLACES) {
      if (await exists(path.join(dir, place))) return null;
    }
  }
  const stateDir = resolveStateDir(cli.stateDir, undefined, null, cwd, homeDir, env);
  return { stateDir, socket: resolveControl(undefined, stateDir, null, cwd, homeDir).socket };
}

async function exists(filepath: string): Promise<boolean> {
  try {
    await stat(filepath);
    return true;
  } catch {
    return false;
  }
}
