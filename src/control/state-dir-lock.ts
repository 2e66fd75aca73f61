// One owner per state dir. The process that runs the engine (headless or dashboard) holds this lock before it touches
// state.json, the alert log or the outbox.
//
// The lock is a listening socket in Linux's abstract namespace, named after a random id kept in the state dir. The
// kernel gives such a name to exactly one process (two starting at the same moment: one bind wins) and frees it the
// instant that process dies, SIGKILL included, so a stale lock can never block the next start and there is no
// lock file to clean up. The random id (state dir, mode 0600) keeps another local user from squatting the name to
// stop srvmon from starting. Holder details for the "in use" message are in owner.json, written after the lock is won.
// Limit: abstract names are per network namespace; two srvmons in different network namespaces on one state dir are
// not detected (the systemd unit in deploy/ shares the host's).
import { randomBytes } from 'node:crypto';
import { closeSync, constants, existsSync, linkSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { writeFileAtomic } from '../state/atomic-write.js';

export interface LockHolder {
  pid: number;
  startedMs: number;
  version: string;
  /** The control socket the holder listens on, if any. */
  socket?: string;
}

export interface StateDirLock {
  readonly stateDir: string;
  /** Record where the owner's control socket is (for `srvmon status` and the dashboard). */
  describe(holder: LockHolder): void;
  release(): Promise<void>;
}

export type LockAttempt = { ok: true; lock: StateDirLock } | { ok: false; holder: LockHolder | null };

const LOCK_ID_FILE = 'lock.id';
export const OWNER_FILE = 'owner.json';

export async function acquireStateDirLock(stateDir: string, holder: LockHolder): Promise<LockAttempt> {
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const name = `\0srvmon-state-${lockId(stateDir)}`;
  const server = createServer((socket) => socket.destroy()); // nobody has business connecting: it is only a lock
  const won = await new Promise<boolean>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => (error.code === 'EADDRINUSE' ? resolve(false) : reject(error)));
    server.listen({ path: name, exclusive: true }, () => resolve(true));
  });
  if (!won) return { ok: false, holder: readOwner(stateDir) };
  server.unref(); // the lock must not keep the process alive by itself
  const lock = new HeldLock(stateDir, server);
  lock.describe(holder);
  return { ok: true, lock };
}

/** The owner recorded in the state dir, or null if none is readable (it may be starting right now). */
export function readOwner(stateDir: string): LockHolder | null {
  try {
    const value = JSON.parse(readFileSync(join(stateDir, OWNER_FILE), 'utf8')) as Partial<LockHolder>;
    if (typeof value.pid !== 'number' || typeof value.startedMs !== 'number' || typeof value.version !== 'string') return null;
    return { pid: value.pid, startedMs: value.startedMs, version: value.version, ...(typeof value.socket === 'string' ? { socket: value.socket } : {}) };
  } catch {
    return null;
  }
}

/** The one line a second owner prints before it exits 75 (EX_TEMPFAIL). */
export function inUseMessage(stateDir: string, holder: LockHolder | null): string {
  const who = holder ? `srvmon pid ${holder.pid} (running since ${localMinute(holder.startedMs)})` : 'another srvmon';
  return `${stateDir} is in use by ${who}; "srvmon" attaches to it, "srvmon status" shows it`;
}

function localMinute(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * The state dir's random lock id, created on first use. It is written to a temp file and linked into place, so a
 * reader never sees it half-written and two first starts agree on one id (link fails with EEXIST for the second).
 */
function lockId(stateDir: string): string {
  const path = join(stateDir, LOCK_ID_FILE);
  for (let tries = 0; tries < 3; tries++) {
    const existing = readLockId(path);
    if (existing) return existing;
    if (existsSync(path)) rmSync(path, { force: true }); // not ours (corrupt or foreign): replace it
    const tmp = `${path}.${randomBytes(8).toString('hex')}.tmp`;
    const fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
    try {
      writeSync(fd, `${randomBytes(16).toString('hex')}\n`);
    } finally {
      closeSync(fd);
    }
    try {
      linkSync(tmp, path);
    } catch (error: unknown) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      rmSync(tmp, { force: true });
    }
  }
  const id = readLockId(path);
  if (!id) throw new Error(`cannot create ${path}`);
  return id;
}

function readLockId(path: string): string | null {
  try {
    const text = readFileSync(path, 'utf8').trim();
    return /^[0-9a-f]{32}$/.test(text) ? text : null;
  } catch {
    return null;
  }
}

class HeldLock implements StateDirLock {
  readonly stateDir: string;
  readonly #server: Server;
  #released = false;

  constructor(stateDir: string, server: Server) {
    this.stateDir = stateDir;
    this.#server = server;
  }

  describe(holder: LockHolder): void {
    try {
      writeFileAtomic(join(this.stateDir, OWNER_FILE), `${JSON.stringify(holder)}\n`, 0o644);
    } catch {
      // Only the "in use" message loses its details; the lock itself holds.
    }
  }

  async release(): Promise<void> {
    if (this.#released) return;
    this.#released = true;
    rmSync(join(this.stateDir, OWNER_FILE), { force: true });
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}
