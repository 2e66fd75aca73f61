// What views read of the day of per-minute history: the owning monitor's RollupRecorder is one, and so is the
// replica an attached dashboard keeps of its agent's. Read-only: only the monitor (or the mirror) adds to it.
import type { RollupRing } from './rollup-ring.js';

export interface RollupSource {
  /** The key's rollups; undefined if it has none (not charted, or not seen in the window). */
  ring(key: string): RollupRing | undefined;
  keys(): string[];
  /** Minutes the rollups reach back at most (the `rollup` config key). */
  readonly capacityMinutes: number;
}

/** How far back the rollups go: the oldest minute held by any key, and the most per-minute points one key holds. */
export interface RollupSpan {
  /** Start of the oldest minute held (wall ms); null while nothing is held. */
  sinceMs: number | null;
  minutes: number;
}

export function rollupSpan(source: RollupSource | null | undefined): RollupSpan {
  let firstMinute = Number.POSITIVE_INFINITY;
  let minutes = 0;
  for (const key of source?.keys() ?? []) {
    const ring = source!.ring(key);
    const first = ring?.firstMinute();
    if (ring === undefined || first === undefined) continue;
    firstMinute = Math.min(firstMinute, first);
    let held = 0;
    ring.forEach(first, ring.lastMinute!, () => held++);
    minutes = Math.max(minutes, held);
  }
  return { sinceMs: Number.isFinite(firstMinute) ? firstMinute * 60_000 : null, minutes };
}

/** Every key with its ring, for encoding. */
export function* rollupEntries(source: RollupSource): Generator<[string, RollupRing]> {
  for (const key of source.keys()) {
    const ring = source.ring(key);
    if (ring) yield [key, ring];
  }
}
