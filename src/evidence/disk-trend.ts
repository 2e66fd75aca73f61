// How fast a filesystem fills and when it will be full at that rate, from its free bytes over the last hour (the
// per-minute rollups hold them as `diskFree:<mount>`). Pure: the points and `now` come in.
import type { DiskEvidence } from '../alerts/evidence.js';

export const HOUR_MS = 3_600_000;
/** A trend needs this much history: over a few minutes a log rotation or a build looks like a flood. */
export const MIN_TREND_SPAN_MS = 15 * 60_000;

export interface FreePoint {
  timeMs: number;
  freeBytes: number;
}

/**
 * Growth in used bytes per hour between the oldest point of the last hour and now (free bytes going down is growth),
 * and the time left at that rate when it grows. Without MIN_TREND_SPAN_MS of history only the free bytes are given.
 */
export function diskTrend(mount: string, freeBytesNow: number, nowMs: number, points: readonly FreePoint[]): DiskEvidence {
  const evidence: DiskEvidence = { mount, freeBytes: freeBytesNow };
  const inHour = points.filter((p) => p.timeMs >= nowMs - HOUR_MS && p.timeMs <= nowMs && Number.isFinite(p.freeBytes));
  if (inHour.length === 0) return evidence;
  const oldest = inHour.reduce((a, b) => (b.timeMs < a.timeMs ? b : a));
  const spanMs = nowMs - oldest.timeMs;
  if (spanMs < MIN_TREND_SPAN_MS) return evidence;
  // Whole bytes and ms: the estimate is no finer, and a receiver's JSON should not show 4294967295.9999995.
  const growthBytesPerHour = Math.round(((oldest.freeBytes - freeBytesNow) / spanMs) * HOUR_MS);
  evidence.growthBytesPerHour = growthBytesPerHour;
  evidence.growthOverMs = spanMs;
  if (growthBytesPerHour > 0) evidence.timeLeftMs = Math.round((Math.max(0, freeBytesNow) / growthBytesPerHour) * HOUR_MS);
  return evidence;
}
