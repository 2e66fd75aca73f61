// Creating the state dir (0700), with the real cause when a file stands where a directory must be: mkdir says EEXIST
// for the path itself and ENOTDIR for a path below a file, and neither says which path is wrong.
import { mkdirSync, statSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';

export class NotADirectoryError extends Error {
  readonly code = 'ENOTDIR';

  constructor(readonly path: string) {
    super(`${path} is not a directory`);
  }
}

export function ensureDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error: unknown) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST' && code !== 'ENOTDIR') throw error;
    throw notADirectory(dir);
  }
}

/** For an ENOTDIR met below dir: the error naming the path that is in the way. */
export function notADirectory(dir: string): NotADirectoryError {
  return new NotADirectoryError(firstNonDirectory(dir) ?? dir);
}

/** The nearest existing path at or above dir that is not a directory (a file, a dangling symlink...). */
function firstNonDirectory(dir: string): string | undefined {
  for (let path = dir; ; path = dirname(path)) {
    const stats = statOrUndefined(path);
    if (stats) return stats.isDirectory() ? undefined : path;
    if (dirname(path) === path) return undefined;
  }
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined; // missing, or below a file: look higher up
  }
}
