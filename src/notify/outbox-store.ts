// The durable outbox on disk: one small JSON file per (notification, channel), written atomically before the first
// attempt and removed once the channel accepted it. A SIGKILL at any moment loses nothing: the next start reads the
// folder back. Permanently failed entries move to failed/, where a restart (with a fixed config) tries them again;
// files that fail the entry check move to bad/ and are never sent.
//
// The disk is a copy of the queue, not its master: when it cannot be written or a file cannot be removed (full,
// read-only, EACCES) the queue in memory goes on, one warning says what that means, and this store remembers the
// files it could not remove so that a reload does not read them back and send them again.
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { writeFileAtomic } from '../state/atomic-write.js';
import type { EpochMs } from '../types.js';
import { parseOutboxEntry, type OutboxEntry } from './outbox-entry.js';

export type { OutboxEntry } from './outbox-entry.js';

/** An entry and the file it was read from (or will be written to): always the file that is removed after it. */
export interface StoredEntry {
  entry: OutboxEntry;
  file: string;
  /** Read back with an attempt that a crash cut short (already counted in entry.attempts). */
  interrupted?: boolean;
}

/** outbox/in-flight/<channel>: which entry is being sent, as which attempt (see markInFlight). */
const IN_FLIGHT_FOLDER = 'in-flight';

/**
 * A temp file younger than this may be a write under way in another srvmon process on the same state dir (test-alert
 * beside the daemon); older ones are leftovers of a SIGKILL or a full disk.
 */
export const TEMP_FILE_MIN_AGE_MS = 60_000;

type Trouble = 'write' | 'remove' | 'park';

export class OutboxStore {
  readonly dir: string;
  readonly #onWarning: (message: string) => void;
  /** Files whose entry left the queue (delivered, parked, set aside) but that could not be removed or moved. */
  readonly #settled = new Set<string>();
  /** Disk troubles already reported; one is forgotten when that operation works again, so a new spell is reported. */
  readonly #warned = new Set<Trouble>();

  constructor(stateDir: string, onWarning: (message: string) => void) {
    this.dir = join(stateDir, 'outbox');
    this.#onWarning = onWarning;
  }

  /** Where a new entry is written. Time first so that a directory listing is already in send order. */
  fileFor(entry: Pick<OutboxEntry, 'channel' | 'id' | 'createdMs'>): string {
    return join(this.dir, 'pending', entry.channel, `${String(entry.createdMs).padStart(15, '0')}-${safe(entry.id)}.json`);
  }

  /** Returns false if the entry could not be made durable (srvmon still sends it from memory). */
  write(entry: OutboxEntry, file: string): boolean {
    try {
      writeFileAtomic(file, JSON.stringify(entry));
      this.#warned.delete('write');
      return true;
    } catch (error: unknown) {
      this.#warn('write', `cannot write the outbox in ${this.dir} (${codeOf(error)}): notifications are kept in memory only`);
      return false;
    }
  }

  /**
   * Notes, before an attempt, which entry is being sent and as which attempt, so that after a crash mid-attempt the
   * next start reports the real attempt number. A label, not data: written plainly (no fsync, no rename), so it costs
   * next to nothing per attempt; a torn or missing note only loses the label, and a failure to write it is ignored.
   */
  markInFlight(stored: StoredEntry, attempt: number): void {
    const note = JSON.stringify({ file: basename(stored.file), attempt });
    const file = join(this.dir, IN_FLIGHT_FOLDER, stored.entry.channel);
    try {
      writeFileSync(file, note, { mode: 0o600 });
    } catch {
      try {
        mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
        writeFileSync(file, note, { mode: 0o600 });
      } catch {
        // the disk refuses: the entry is still sent, only the label after a crash is lost
      }
    }
  }

  /** The channel accepted the entry read from `file`. Never throws: the entry has left the queue whatever happens. */
  remove(file: string): void {
    const failure = this.#unlink(file);
    if (failure === null) this.#warned.delete('remove');
    else this.#warn('remove', `cannot remove ${file} from the outbox (${failure}): it was delivered and may be sent again after a restart`);
  }

  /** Park a permanently failed entry; a later start re-queues it (the user may have fixed the config). Never throws. */
  moveToFailed(entry: OutboxEntry, file: string): void {
    const target = join(this.dir, 'failed', entry.channel, basename(file));
    try {
      writeFileAtomic(target, JSON.stringify(entry));
    } catch (error: unknown) {
      this.#settled.add(file);
      this.#warn('park', `cannot move ${file} to ${join(this.dir, 'failed')} (${codeOf(error)}): the failed notification may be tried again after a restart`);
      return;
    }
    const failure = this.#unlink(file);
    if (failure === null) this.#warned.delete('park');
    else this.#warn('park', `cannot remove ${file} from the outbox (${failure}): the failed notification may be tried again after a restart`);
  }

  /**
   * Pending entries of a channel, oldest first, after moving back the failed ones younger than maxAgeMs. Files that
   * fail the entry check, or repeat an id already read, are moved to bad/ with one warning.
   */
  load(channel: string, nowMs: EpochMs, maxAgeMs: number): StoredEntry[] {
    const failed = this.#read('failed', channel);
    this.#setAside(channel, failed.bad);
    for (const { entry, file } of failed.good) {
      if (nowMs - entry.createdMs > maxAgeMs) {
        this.#unlink(file);
        continue;
      }
      const target = join(this.dir, 'pending', channel, basename(file));
      try {
        mkdirSync(join(this.dir, 'pending', channel), { recursive: true, mode: 0o700 });
        renameSync(file, target);
        this.#settled.delete(target);
      } catch {
        // stays parked until a start that can move it
      }
    }
    const pending = this.#read('pending', channel);
    const seen = new Map<string, string>();
    const entries: StoredEntry[] = [];
    const bad = [...pending.bad];
    for (const stored of pending.good) {
      const first = seen.get(stored.entry.id);
      if (first !== undefined) {
        bad.push({ file: stored.file, reason: `same id as ${basename(first)}` });
        continue;
      }
      seen.set(stored.entry.id, stored.file);
      entries.push(stored);
    }
    this.#setAside(channel, bad);
    const inFlight = readInFlight(join(this.dir, IN_FLIGHT_FOLDER, channel));
    const interrupted = entries.find((stored) => basename(stored.file) === inFlight?.file);
    if (interrupted && inFlight && inFlight.attempt > interrupted.entry.attempts) {
      interrupted.entry.attempts = inFlight.attempt;
      interrupted.interrupted = true;
    }
    return entries;
  }

  /** Channels with valid entries waiting on disk (pending or parked), whether configured or not. */
  queuedChannels(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const folder of ['pending', 'failed']) {
      for (const channel of listDir(join(this.dir, folder))) {
        const count = this.#read(folder, channel).good.length;
        if (count > 0) counts.set(channel, (counts.get(channel) ?? 0) + count);
      }
    }
    return counts;
  }

  /**
   * Removes temp files left by writes that never finished (SIGKILL, ENOSPC between create and rename): both the
   * `NAME.PID.tmp` names of older versions and any `NAME.*.tmp`. Returns how many were removed.
   */
  sweepTempFiles(nowMs: EpochMs, minAgeMs = TEMP_FILE_MIN_AGE_MS): number {
    let removed = 0;
    for (const folder of ['pending', 'failed', 'bad']) {
      for (const channel of listDir(join(this.dir, folder))) {
        const dir = join(this.dir, folder, channel);
        for (const name of listDir(dir)) {
          if (!name.endsWith('.tmp')) continue;
          const file = join(dir, name);
          try {
            if (nowMs - statSync(file).mtimeMs < minAgeMs) continue;
            unlinkSync(file);
            removed++;
          } catch {
            // gone already, or the disk is read-only: nothing a sweep can do
          }
        }
      }
    }
    return removed;
  }

  #read(folder: string, channel: string): { good: StoredEntry[]; bad: { file: string; reason: string }[] } {
    const dir = join(this.dir, folder, channel);
    const good: StoredEntry[] = [];
    const bad: { file: string; reason: string }[] = [];
    for (const name of listDir(dir).filter((n) => n.endsWith('.json')).sort()) {
      const file = join(dir, name);
      if (this.#settled.has(file)) continue;
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error: unknown) {
        bad.push({ file, reason: `cannot read (${codeOf(error)})` });
        continue;
      }
      const check = parseOutboxEntry(text, channel);
      if (check.ok) good.push({ entry: check.entry, file });
      else bad.push({ file, reason: check.reason });
    }
    return { good, bad };
  }

  #setAside(channel: string, bad: { file: string; reason: string }[]): void {
    if (bad.length === 0) return;
    const badDir = join(this.dir, 'bad', channel);
    let failure: string | undefined;
    for (const { file } of bad) {
      try {
        mkdirSync(badDir, { recursive: true, mode: 0o700 });
        renameSync(file, join(badDir, basename(file)));
      } catch (error: unknown) {
        failure ??= codeOf(error);
        this.#settled.add(file);
      }
    }
    const listed = bad.slice(0, 3).map(({ file, reason }) => `${basename(file)} (${reason})`).join(', ');
    const more = bad.length > 3 ? ` and ${bad.length - 3} more` : '';
    const where = failure === undefined ? `moved to ${badDir}` : `left in place, not sent (cannot move them to ${badDir}: ${failure})`;
    this.#onWarning(`${bad.length} invalid outbox file(s) ${where}: ${listed}${more}`);
  }

  /** null when the file is gone (ENOENT included); otherwise the error code, and no reload will read the file back. */
  #unlink(file: string): string | null {
    try {
      unlinkSync(file);
      return null;
    } catch (error: unknown) {
      // ENOTDIR: a folder on the way is not one (the state dir is a file); the entry was never written there.
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return null;
      this.#settled.add(file);
      return codeOf(error);
    }
  }

  #warn(trouble: Trouble, message: string): void {
    if (this.#warned.has(trouble)) return;
    this.#warned.add(trouble);
    this.#onWarning(message);
  }
}

function readInFlight(file: string): { file: string; attempt: number } | undefined {
  try {
    const note = JSON.parse(readFileSync(file, 'utf8')) as { file?: unknown; attempt?: unknown };
    if (typeof note.file === 'string' && Number.isSafeInteger(note.attempt)) return { file: note.file, attempt: note.attempt as number };
  } catch {
    // no note, or one torn by the crash: no label to restore
  }
  return undefined;
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException | null)?.code ?? String(error);
}

function safe(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 80);
}
