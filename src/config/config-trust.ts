// Whether a config file may be loaded, as git (safe.directory) and ssh (StrictModes) decide it: a config can run code
// (srvmon.config.js) or redirect alerts, so a file that another user could have written or replaced is not used.
// Trusted: the file belongs to us or root and only its owner can write it, and so does the directory holding it,
// unless that directory is sticky (like /tmp: others may create files there but not replace ours) and belongs to us
// or root. A file another user planted in /tmp is owned by that user, so it fails the first test.
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';

const WRITABLE_BY_OTHERS = 0o022;
const STICKY = 0o1000;

/** Why the file may not be trusted (a phrase for "not loading FILE: <reason>"), or undefined when it may. */
export async function whyUntrusted(file: string, uid: number | undefined = process.geteuid?.()): Promise<string | undefined> {
  // No owners to compare (Windows): nothing to check.
  if (uid === undefined) return undefined;
  const real = await realpath(file);
  const info = await stat(real);
  if (!ownedByUsOrRoot(info.uid, uid)) return `it is owned by another user (uid ${info.uid}), not by you or root`;
  if (info.mode & WRITABLE_BY_OTHERS) return `it can be written by ${writers(info.mode)} (mode ${octal(info.mode)}); run: chmod go-w ${real}`;
  // The directory as found (its entry could be swapped for another file) and, behind a symlink, the real one.
  const dirs = new Set([path.dirname(path.resolve(file)), path.dirname(real)]);
  for (const dir of dirs) {
    const dirInfo = await stat(dir);
    if (!ownedByUsOrRoot(dirInfo.uid, uid)) return `its directory ${dir} is owned by another user (uid ${dirInfo.uid}), not by you or root`;
    if (dirInfo.mode & WRITABLE_BY_OTHERS && !(dirInfo.mode & STICKY)) {
      return `its directory ${dir} can be written by ${writers(dirInfo.mode)} (mode ${octal(dirInfo.mode)}), who could have put it there; run: chmod go-w ${dir}`;
    }
  }
  return undefined;
}

function ownedByUsOrRoot(owner: number, uid: number): boolean {
  return owner === uid || owner === 0;
}

function writers(mode: number): string {
  if ((mode & WRITABLE_BY_OTHERS) === WRITABLE_BY_OTHERS) return 'its group and others';
  return mode & 0o002 ? 'others' : 'its group';
}

function octal(mode: number): string {
  return `0${(mode & 0o7777).toString(8)}`;
}
