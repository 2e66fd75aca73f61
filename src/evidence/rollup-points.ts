// The free bytes of a mount over the last hour, from the per-minute rollups, as points for disk-trend.ts. Each
// minute's average stands at the middle of its minute.
import { MINUTE_MS, minuteOf } from '../store/rollup-ring.js';
import type { RollupRecorder } from '../store/rollup-recorder.js';
import { HOUR_MS, type FreePoint } from './disk-trend.js';

export function diskFreePoints(rollups: Pick<RollupRecorder, 'ring'> | null, mountpoint: string, nowMs: number): FreePoint[] {
  const ring = rollups?.ring(`diskFree:${mountpoint}`);
  if (!ring) return [];
  const points: FreePoint[] = [];
  ring.forEach(minuteOf(nowMs - HOUR_MS), minuteOf(nowMs), (bucket) => points.push({ timeMs: bucket.minute * MINUTE_MS + MINUTE_MS / 2, freeBytes: bucket.avg }));
  return points;
}
