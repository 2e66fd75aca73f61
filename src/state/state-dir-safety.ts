// What ssh says of ~/.ssh, for the state dir: if other users can write into it they can plant files there (a symlink
// as alerts.jsonl, a forged outbox entry, a mute in state.json). srvmon still runs (refusing would stop the
// monitoring), but says so once at start.
import { statSync, type Stats } from 'node:fs';

/** One warning line when the state dir is writable by others or owned by someone else, else undefined. */
export function stateDirWarning(dir: string, uid: number | undefined = process.getuid?.()): string | undefined {
  let stats: Stats;
  try {
    stats = statSync(dir);
  } catch {
    return undefined; // missing: srvmon creates it 0700; anything else is reported when it is read or written
  }
  if (!stats.isDirectory()) return undefined; // reported by every read and write as "<dir> is not a directory"
  const problems: string[] = [];
  const fixes: string[] = [];
  const sticky = (stats.mode & 0o1000) !== 0;
  if ((stats.mode & 0o002) !== 0 || ((stats.mode & 0o020) !== 0 && !sticky)) {
    problems.push((stats.mode & 0o002) !== 0 ? 'world-writable' : 'group-writable');
    fixes.push(`chmod 700 ${dir}`);
  }
  // Root owning the dir is fine: root can change anything anyway (ssh accepts root-owned dirs for the same reason).
  if (uid !== undefined && stats.uid !== uid && stats.uid !== 0) {
    problems.push(`owned by another user (uid ${stats.uid})`);
    fixes.push(`chown ${uid} ${dir}`);
  }
  if (problems.length === 0) return undefined;
  const mode = (stats.mode & 0o7777).toString(8).padStart(4, '0');
  return `state dir ${dir} is ${problems.join(' and ')} (mode ${mode}): other users can plant or change srvmon's state, alert log and outbox there; run: ${fixes.join(' && ')}`;
}
