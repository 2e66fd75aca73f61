import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DiskFillEstimator, HOUR_MS, fillPerHour, fillTrend } from '../../src/alerts/disk-fill.js';
import { formatAlertMessage } from '../../src/alerts/messages.js';
import { formatTimeLeft, parseHorizon } from '../../src/catalogue/fill-horizon.js';

const MIN = 60_000;

test('growth per hour from the oldest point of the last hour, and the time left at that rate', () => {
  const now = 10 * HOUR_MS;
  // 525 MB used in 15 minutes: 2.1 GB/h; 10.5 GB free is 5 h.
  const trend = fillTrend(10.5e9, now, [{ timeMs: now - 15 * MIN, freeBytes: 11.025e9 }, { timeMs: now - 5 * MIN, freeBytes: 10.7e9 }]);
  assert.deepEqual(trend, { growthBytesPerHour: 2.1e9, growthOverMs: 15 * MIN, timeLeftMs: 5 * HOUR_MS });
  assert.equal(fillPerHour(trend!), 0.2);
});

test('no trend under 15 minutes of history, points older than an hour ignored; shrinking use is no growth', () => {
  const now = 10 * HOUR_MS;
  assert.equal(fillTrend(5e9, now, [{ timeMs: now - 14 * MIN, freeBytes: 9e9 }]), undefined);
  assert.equal(fillTrend(5e9, now, [{ timeMs: now - 61 * MIN, freeBytes: 9e9 }]), undefined);
  const freed = fillTrend(9e9, now, [{ timeMs: now - 30 * MIN, freeBytes: 5e9 }])!;
  assert.equal(freed.growthBytesPerHour, -8e9);
  assert.equal(freed.timeLeftMs, undefined);
  assert.equal(fillPerHour(freed), 0);
});

test('the estimator adds diskFill and diskGrowth per mount to the samples, once it has 15 minutes of them', () => {
  const estimator = new DiskFillEstimator();
  const start = 100 * HOUR_MS + 30_000; // minute middles, as the per-minute points stand
  const added: Record<string, number>[] = [];
  for (let m = 0; m <= 16; m++) {
    const sample = estimator.augment({ timeMs: start + m * MIN, values: { 'diskFree:/data': 11.025e9 - m * 35e6, 'diskFree:/': 50e9, cpu: 3 } });
    added.push(sample.values);
  }
  assert.equal(added[14]!['diskFill:/data'], undefined, 'no trend before 15 minutes');
  assert.equal(added[15]!['diskFill:/data'], 0.2);
  assert.equal(added[15]!['diskGrowth:/data'], 2.1e9);
  assert.equal(added[15]!['diskFill:/'], 0, 'a mount that does not fill reads 0');
  assert.equal(added[15]!['cpu'], 3);
});

test('the horizon is written as a duration and read back as time left', () => {
  assert.equal(parseHorizon('24h'), 1 / 24);
  assert.equal(parseHorizon('30m'), 2);
  assert.throws(() => parseHorizon('soon'));
  assert.deepEqual([0.2, 1 / 24, 2, 1 / 72, 1 / 18.4, 0].map(formatTimeLeft), ['5 h', '24 h', '30 min', '3 d', '18 h', 'no growth']);
});

test('the diskfull message gives the time left and the growth, in English and Chinese', () => {
  const base = { kind: 'diskfull' as const, instance: '/data', severity: 'warning' as const, value: 0.2, level: 1 / 24, window: 1, durationMs: 0, values: { 'diskGrowth:/data': 2.1e9 } };
  assert.equal(formatAlertMessage({ ...base, state: 'firing' }, 'en'), '/data will be full in about 5 h at 2.1 GB/h (within 24 h)');
  assert.equal(formatAlertMessage({ ...base, state: 'firing' }, 'zh-CN'), '磁盘/data按当前每小时2.1 GB的速度，约5小时后写满（24小时内），请关注');
  assert.equal(
    formatAlertMessage({ ...base, state: 'escalated', severity: 'critical', value: 1, level: 0.5 }, 'en'),
    '/data will be full in about 1 h at 2.1 GB/h (within the critical horizon of 2 h)',
  );
  assert.equal(
    formatAlertMessage({ ...base, state: 'resolved', value: 0, durationMs: 2 * HOUR_MS, values: {} }, 'en'),
    '/data is no longer filling within 24 h (no growth, after 2h)',
  );
  assert.equal(formatAlertMessage({ ...base, state: 'resolved', value: 0, durationMs: 2 * HOUR_MS, values: {} }, 'zh-CN'), '磁盘/data已不会在24小时内写满（未增长，持续2小时）');
});

test('event lines put the sign the way the times read: 5 h < 24 h fires, and cpu keeps > for firing', async () => {
  const { crossedSign } = await import('../../src/alerts/messages.js');
  assert.equal(crossedSign('diskfull', 'firing'), '<');
  assert.equal(crossedSign('diskfull', 'resolved'), '>');
  assert.equal(crossedSign('cpu', 'firing'), '>');
  assert.equal(crossedSign('cpu', 'resolved'), '<');
});
