// An outbox entry as a channel worker holds it: the stored entry (wall times, as written to disk) plus its schedule on
// the monotonic clock, which is what decides. Wall times are converted once, when an entry is read from disk, so a
// wall-clock step while srvmon runs neither freezes a retry nor ages a notification by a day in a second.
import type { Clock } from '../clock.js';
import { MAX_RETRY_MS } from './backoff.js';
import type { StoredEntry } from './outbox-store.js';

export interface QueuedEntry extends StoredEntry {
  /** Monotonic time from which the entry may be attempted. */
  dueMonoMs: number;
  /** Monotonic time the entry counts as created: the 24 h give-up is measured from here. */
  createdMonoMs: number;
  /** Arrival order: of entries due at the same time, the one that came first goes first. */
  seq: number;
}

/** A new notification: due now. */
export function queuedNew(stored: StoredEntry, clock: Clock, seq: number): QueuedEntry {
  const monoMs = clock.monoMs();
  return { ...stored, dueMonoMs: monoMs, createdMonoMs: monoMs, seq };
}

/** An entry read back from disk (a restart, a channel configured again), its wall times moved to the monotonic clock. */
export function queuedFromDisk(stored: StoredEntry, clock: Clock, seq: number): QueuedEntry {
  const nowMs = clock.nowMs();
  const monoMs = clock.monoMs();
  // A time saved while the clock was ahead, or a hand-edited one, never puts an entry off by more than the longest
  // backoff. Overdue entries keep their distance in the past, so the oldest goes first.
  const waitMs = Math.min(stored.entry.nextAttemptMs - nowMs, MAX_RETRY_MS);
  // Created "in the future" (the clock was ahead then): counts as created now.
  const ageMs = Math.max(0, nowMs - stored.entry.createdMs);
  return { ...stored, dueMonoMs: monoMs + waitMs, createdMonoMs: monoMs - ageMs, seq };
}

/** Index of the entry to attempt next, not necessarily the oldest: the earliest due, the first arrival among equals. */
export function nextIndex(queue: readonly QueuedEntry[]): number {
  let best = -1;
  for (let i = 0; i < queue.length; i++) {
    const entry = queue[i] as QueuedEntry;
    const chosen = queue[best];
    if (!chosen || entry.dueMonoMs < chosen.dueMonoMs || (entry.dueMonoMs === chosen.dueMonoMs && entry.seq < chosen.seq)) best = i;
  }
  return best;
}
