// The durable outbox on disk: one small JSON file per (notification, channel), written atomically before the first
// attempt and removed only when the channel accepted it. A SIGKILL at any moment loses nothing: the next start reads
// the folder back. Permanently failed entries move to failed/, where a restart (with a fixed config) tries them again.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../state/atomic-write.js';
import type { AlertEvent, EpochMs, Locale } from '../types.js';

export interface OutboxEntry {
  /** Notification id (= alert event id). */
  id: string;
  channel: string;
  event: AlertEvent;
  host: string;
  locale: Locale;
  createdMs: EpochMs;
  /** Attempts made so far. */
  attempts: number;
  nextAttemptMs: EpochMs;
  lastError?: string;
}

export class OutboxStore {
  readonly dir: string;
  readonly #onWarning: (message: string) => void;
  #warned = false;

  constructor(stateDir: string, onWarning: (message: string) => void) {
    this.dir = join(stateDir, 'outbox');
    this.#onWarning = onWarning;
  }

  #file(entry: Pick<OutboxEntry, 'channel' | 'id' | 'createdMs'>, folder = 'pending'): string {
    // Time first so that a directory listing is already in send order.
    return join(this.dir, folder, entry.channel, `${String(entry.createdMs).padStart(15, '0')}-${safe(entry.id)}.json`);
  }

  /** Returns false if the entry could not be made durable (srvmon still tries to send it from memory). */
  write(entry: OutboxEntry): boolean {
    try {
      writeFileAtomic(this.#file(entry), JSON.stringify(entry));
      this.#warned = false;
      return true;
    } catch (error: unknown) {
      if (!this.#warned) this.#onWarning(`cannot write the outbox in ${this.dir}: ${String((error as NodeJS.ErrnoException).code ?? error)}; notifications are kept in memory only`);
      this.#warned = true;
      return false;
    }
  }

  remove(entry: OutboxEntry): void {
    rmSync(this.#file(entry), { force: true });
  }

  /** Park a permanently failed entry; a later start re-queues it (the user may have fixed the config). */
  moveToFailed(entry: OutboxEntry): void {
    try {
      const target = this.#file(entry, 'failed');
      mkdirSync(join(this.dir, 'failed', entry.channel), { recursive: true, mode: 0o700 });
      writeFileAtomic(target, JSON.stringify(entry));
      this.remove(entry);
    } catch {
      this.remove(entry);
    }
  }

  /** Pending entries of a channel, oldest first, plus failed ones younger than maxAgeMs moved back to pending. */
  load(channel: string, nowMs: EpochMs, maxAgeMs: number): OutboxEntry[] {
    for (const entry of this.#read('failed', channel)) {
      if (nowMs - entry.createdMs > maxAgeMs) {
        rmSync(this.#file(entry, 'failed'), { force: true });
        continue;
      }
      try {
        mkdirSync(join(this.dir, 'pending', channel), { recursive: true, mode: 0o700 });
        renameSync(this.#file(entry, 'failed'), this.#file(entry));
      } catch {
        // stays parked
      }
    }
    return this.#read('pending', channel);
  }

  /** Channels with entries waiting on disk (pending or parked), whether configured or not. */
  queuedChannels(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const folder of ['pending', 'failed']) {
      let channels: string[];
      try {
        channels = readdirSync(join(this.dir, folder));
      } catch {
        continue;
      }
      for (const channel of channels) {
        const count = this.#read(folder, channel).length;
        if (count > 0) counts.set(channel, (counts.get(channel) ?? 0) + count);
      }
    }
    return counts;
  }

  #read(folder: string, channel: string): OutboxEntry[] {
    const dir = join(this.dir, folder, channel);
    let names: string[];
    try {
      names = readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
    } catch {
      return [];
    }
    const entries: OutboxEntry[] = [];
    for (const name of names) {
      try {
        const entry = JSON.parse(readFileSync(join(dir, name), 'utf8')) as OutboxEntry;
        if (entry && entry.id && entry.event && entry.channel === channel) entries.push(entry);
      } catch {
        // A half-written temp file never has the .json name (atomic rename), so this is foreign junk: leave it.
      }
    }
    return entries;
  }
}

function safe(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 80);
}
