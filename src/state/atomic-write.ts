// Write-then-rename, so that a SIGKILL mid-write leaves either the old file or the new one, never half of each.
//
// The temp file gets a random name and is created with O_EXCL|O_NOFOLLOW: in a state dir others can write to, a name
// that can be guessed (path.PID.tmp) lets them plant a symlink there and have srvmon write through it. A failed write
// (ENOSPC, EIO) removes its temp file, so none pile up.
import { randomBytes } from 'node:crypto';
import { closeSync, constants, fsyncSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ensureDir } from './ensure-dir.js';

/** Temp files end so (`<path>.<16 hex digits>.tmp`): a sweep at start may remove those a SIGKILL left behind. */
export const TEMP_SUFFIX = '.tmp';

const CREATE_NEW = constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW | constants.O_WRONLY;

/** `tmp` is for tests, to plant something at the exact temp path. */
export function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o600, tmp = tempPathFor(path)): void {
  ensureDir(dirname(path));
  const fd = openSync(tmp, CREATE_NEW, mode);
  try {
    try {
      writeFileSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (error: unknown) {
    removeQuietly(tmp);
    throw error;
  }
}

/** `<path>.<16 random hex digits>.tmp`: unpredictable, so nobody can plant something at the name first. */
export function tempPathFor(path: string): string {
  return `${path}.${randomBytes(8).toString('hex')}${TEMP_SUFFIX}`;
}

function removeQuietly(tmp: string): void {
  try {
    rmSync(tmp, { force: true });
  } catch {
    // The write already failed; its error is the one worth reporting.
  }
}
