// How fast a filesystem fills and when it will be full at that rate, from its free bytes over the last hour; the
// `diskfull` rule reads the result, and the disk evidence (src/evidence/disk-trend.ts) calls the same `fillTrend`: the
// oldest point of the last hour against now, at least 15 minutes apart.
import { buildKey, familyEntries } from '../catalogue/metric-keys.js';
import type { Sample } from '../types.js';

export const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
/** A trend needs this much history: over a few minutes a log rotation or a build looks like a flood. */
export const MIN_TREND_SPAN_MS = 15 * 60_000;

export interface FreePoint {
  timeMs: number;
  freeBytes: number;
}

export interface FillTrend {
  /** Used bytes gained per hour (free bytes going down is growth); 0 or below when not filling. */
  growthBytesPerHour: number;
  /** The span the growth was measured over. */
  growthOverMs: number;
  /** Time until no free byte is left at that rate; undefined when not growing. */
  timeLeftMs?: number;
}

/**
 * Growth per hour between the oldest point of the last hour and now, and the time left at that rate; undefined
 * without MIN_TREND_SPAN_MS of history. Pure: the points and `now` come in.
 */
export function fillTrend(freeBytesNow: number, nowMs: number, points: readonly FreePoint[]): FillTrend | undefined {
  const inHour = points.filter((p) => p.timeMs >= nowMs - HOUR_MS && p.timeMs <= nowMs && Number.isFinite(p.freeBytes));
  if (inHour.length === 0) return undefined;
  const oldest = inHour.reduce((a, b) => (b.timeMs < a.timeMs ? b : a));
  const spanMs = nowMs - oldest.timeMs;
  if (spanMs < MIN_TREND_SPAN_MS) return undefined;
  // Whole bytes and ms: the estimate is no finer.
  const growthBytesPerHour = Math.round(((oldest.freeBytes - freeBytesNow) / spanMs) * HOUR_MS);
  const trend: FillTrend = { growthBytesPerHour, growthOverMs: spanMs };
  if (growthBytesPerHour > 0) trend.timeLeftMs = Math.round((Math.max(0, freeBytesNow) / growthBytesPerHour) * HOUR_MS);
  return trend;
}

/** The fill rate of a trend: the share of the free space used per hour, the reciprocal of the hours left (0: not filling). */
export function fillPerHour(trend: FillTrend): number {
  if (trend.timeLeftMs === undefined) return 0;
  // Already full and still growing: as urgent as a rate can say without dividing by zero.
  return trend.timeLeftMs <= 0 ? MAX_FILL_PER_HOUR : Math.min(MAX_FILL_PER_HOUR, HOUR_MS / trend.timeLeftMs);
}

/** Full within a second. */
export const MAX_FILL_PER_HOUR = 3600;

/**
 * Keeps the free bytes of each mount per minute for the last hour (the minute's average at its middle, as the
 * per-minute rollups do) and adds to each sample, per mount with a trend, `diskFill:<mount>` (share of the free
 * space used per hour; the `diskfull` rule fires when it says full within the horizon) and `diskGrowth:<mount>`
 * (bytes per hour, for the message). The running monitor and `srvmon replay` both pass their samples through one.
 */
export class DiskFillEstimator {
  /** mount -> minute -> [sum, count]. */
  readonly #minutes = new Map<string, Map<number, [number, number]>>();

  /** The sample with the derived keys added (the same object when there is nothing to add). */
  augment(sample: Sample): Sample {
    const free = familyEntries(sample.values, 'diskFree');
    if (free.length === 0) return sample;
    const added: Record<string, number> = {};
    const minute = Math.floor(sample.timeMs / MINUTE_MS);
    for (const [mount, freeBytes] of free) {
      if (!Number.isFinite(freeBytes)) continue;
      let minutes = this.#minutes.get(mount);
      if (!minutes) this.#minutes.set(mount, (minutes = new Map()));
      const points: FreePoint[] = [];
      for (const [m, [sum, count]] of minutes) {
        if (m < minute - 61) minutes.delete(m);
        else if (m !== minute) points.push({ timeMs: m * MINUTE_MS + MINUTE_MS / 2, freeBytes: sum / count });
      }
      const bucket = minutes.get(minute);
      if (bucket) {
        bucket[0] += freeBytes;
        bucket[1] += 1;
      } else minutes.set(minute, [freeBytes, 1]);
      const trend = fillTrend(freeBytes, sample.timeMs, points);
      if (!trend) continue;
      added[buildKey('diskFill', mount)] = fillPerHour(trend);
      added[buildKey('diskGrowth', mount)] = trend.growthBytesPerHour;
    }
    // Mounts gone from the samples for an hour are forgotten.
    for (const [mount, minutes] of this.#minutes) if (![...minutes.keys()].some((m) => m >= minute - 61)) this.#minutes.delete(mount);
    return Object.keys(added).length === 0 ? sample : { ...sample, values: { ...sample.values, ...added } };
  }
}
