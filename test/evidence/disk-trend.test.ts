import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diskTrend, HOUR_MS } from '../../src/evidence/disk-trend.js';
import { diskFreePoints } from '../../src/evidence/rollup-points.js';
import { RollupRing } from '../../src/store/rollup-ring.js';

const GB = 1024 ** 3;
const NOW = 100 * HOUR_MS;
const MIN = 60_000;

test('growth over the last hour and the time left at that rate', () => {
  // 10 GB free an hour ago, 6 GB now: 4 GB/h, full in 1.5 h.
  const d = diskTrend('/data', 6 * GB, NOW, [{ timeMs: NOW - HOUR_MS, freeBytes: 10 * GB }, { timeMs: NOW - 30 * MIN, freeBytes: 8 * GB }]);
  assert.deepEqual(d, { mount: '/data', freeBytes: 6 * GB, growthBytesPerHour: 4 * GB, growthOverMs: HOUR_MS, timeLeftMs: 1.5 * HOUR_MS });
});

test('points older than an hour are not used; the oldest inside the hour is', () => {
  const d = diskTrend('/', 5 * GB, NOW, [{ timeMs: NOW - 2 * HOUR_MS, freeBytes: 100 * GB }, { timeMs: NOW - 30 * MIN, freeBytes: 6 * GB }]);
  assert.equal(d.growthBytesPerHour, 2 * GB);
  assert.equal(d.growthOverMs, 30 * MIN);
  assert.equal(d.timeLeftMs, 2.5 * HOUR_MS);
});

test('space being freed or steady: growth given, no time left', () => {
  const freed = diskTrend('/', 8 * GB, NOW, [{ timeMs: NOW - HOUR_MS, freeBytes: 6 * GB }]);
  assert.equal(freed.growthBytesPerHour, -2 * GB);
  assert.equal(freed.timeLeftMs, undefined);
  const steady = diskTrend('/', 8 * GB, NOW, [{ timeMs: NOW - HOUR_MS, freeBytes: 8 * GB }]);
  assert.equal(steady.growthBytesPerHour, 0);
  assert.equal(steady.timeLeftMs, undefined);
});

test('less than 15 minutes of history (just started): only the free bytes', () => {
  assert.deepEqual(diskTrend('/', GB, NOW, [{ timeMs: NOW - 14 * MIN, freeBytes: 2 * GB }]), { mount: '/', freeBytes: GB });
  assert.deepEqual(diskTrend('/', GB, NOW, []), { mount: '/', freeBytes: GB });
});

test('the rollups give one point per minute at the middle of the minute, from the diskFree ring of the mount', () => {
  const ring = new RollupRing(1440);
  const nowMinute = NOW / MIN;
  ring.add(nowMinute - 90, 50 * GB);
  ring.add(nowMinute - 60, 10 * GB);
  ring.add(nowMinute - 1, 7 * GB);
  const rollups = { ring: (key: string) => (key === 'diskFree:/data' ? ring : undefined) };
  const points = diskFreePoints(rollups, '/data', NOW);
  assert.deepEqual(points, [
    { timeMs: (nowMinute - 60) * MIN + MIN / 2, freeBytes: 10 * GB },
    { timeMs: (nowMinute - 1) * MIN + MIN / 2, freeBytes: 7 * GB },
  ]);
  assert.deepEqual(diskFreePoints(rollups, '/other', NOW), []);
  assert.deepEqual(diskFreePoints(null, '/data', NOW), []);
});

test('the free bytes per mount are kept in the per-minute rollups, so that the trend survives a restart', async () => {
  const { isChartedKey } = await import('../../src/store/rollup-keys.js');
  assert.equal(isChartedKey('diskFree:/data'), true);
  assert.equal(isChartedKey('disk:/data'), false, 'used % is not charted per minute (unchanged)');
});
