// Files in the state dir are opened only as what they should be: regular files of our own. Anyone who can write into
// the dir could otherwise plant alerts.jsonl as a symlink and have srvmon (often root) append to a file of their
// choosing, or as a FIFO that blocks it forever.
import { closeSync, constants, fstatSync, openSync, readFileSync, type Stats } from 'node:fs';

export class UnsafeFileError extends Error {
  readonly code = 'EUNSAFE';

  /** `what` completes "cannot write <path>: ...". */
  constructor(readonly path: string, what: string) {
    super(what);
  }
}

/**
 * open(2) with O_NOFOLLOW (a symlink fails with ELOOP) and O_NONBLOCK (a FIFO cannot block; no effect on regular
 * files), then fstat on the open descriptor, so nothing can be swapped in between the check and the use.
 */
export function openRegularFile(path: string, flags: number, mode = 0o600): { fd: number; stats: Stats } {
  let fd: number;
  try {
    fd = openSync(path, flags | constants.O_NOFOLLOW | constants.O_NONBLOCK, mode);
  } catch (error: unknown) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw new UnsafeFileError(path, 'a symbolic link, not followed');
    if (code === 'ENXIO') throw new UnsafeFileError(path, 'not a regular file'); // a FIFO nobody reads
    throw error;
  }
  const stats = fstatSync(fd);
  let problem: string | undefined;
  if (!stats.isFile()) problem = 'not a regular file';
  // A hard link to another file would be written through just like a symlink.
  else if (stats.nlink > 1) problem = `a file with ${stats.nlink} hard links, not used`;
  if (problem) {
    closeSync(fd);
    throw new UnsafeFileError(path, problem);
  }
  return { fd, stats };
}

export function readRegularFile(path: string): string {
  const { fd } = openRegularFile(path, constants.O_RDONLY);
  try {
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}
