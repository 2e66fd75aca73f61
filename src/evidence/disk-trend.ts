// The disk evidence: a filesystem's free bytes now, and how fast it fills and when it will be full at that rate, from
// its free bytes over the last hour (the per-minute rollups hold them as `diskFree:<mount>`). The arithmetic is the
// diskfull rule's (alerts/disk-fill.ts fillTrend), so the alert and its evidence never disagree. Pure.
import type { DiskEvidence } from '../alerts/evidence.js';
import { fillTrend, type FreePoint } from '../alerts/disk-fill.js';

export { HOUR_MS, MIN_TREND_SPAN_MS, type FreePoint } from '../alerts/disk-fill.js';

/** Without MIN_TREND_SPAN_MS of history in the last hour, only the free bytes are given. */
export function diskTrend(mount: string, freeBytesNow: number, nowMs: number, points: readonly FreePoint[]): DiskEvidence {
  const trend = fillTrend(freeBytesNow, nowMs, points);
  return { mount, freeBytes: freeBytesNow, ...trend };
}
