import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeClock } from '../../src/clock.js';
import { MetricHistory } from '../../src/store/metric-history.js';
import { RollupRecorder } from '../../src/store/rollup-recorder.js';
import { MINUTE_MS, RollupRing, minuteOf } from '../../src/store/rollup-ring.js';
import { CHART_WINDOWS_MS, chartWindow } from '../../src/ui/view-models/chart-window.js';

const NOON_MS = Date.UTC(2026, 0, 1, 12, 0);

test('the time axis is fixed to the window and filled from the right: 5 minutes of data in a 1 h window', () => {
  const history = new MetricHistory(600);
  for (let s = 1; s <= 300; s++) history.add({ timeMs: NOON_MS + s * 1000, values: { cpu: 42 } });
  const nowMs = NOON_MS + 300_000;
  const chart = chartWindow({ nowMs, windowMs: CHART_WINDOWS_MS['1h'], columns: 60, seconds: history.series('cpu') });
  assert.equal(chart.columnMs, MINUTE_MS);
  assert.equal(chart.max.length, 60);
  assert.equal(chart.fromMs + 60 * chart.columnMs, NOON_MS + 6 * MINUTE_MS, 'the newest column holds now');
  // 12:00:01..12:05:00: columns 12:00 to 12:05 (the last holds only the 12:05:00 sample), 54 empty columns on the left.
  assert.equal(chart.max.slice(0, 54).filter(Number.isNaN).length, 54);
  assert.deepEqual(chart.avg.slice(54), [42, 42, 42, 42, 42, 42]);
});

test('columns are aligned on the clock: as time passes the chart moves by whole columns, old columns keep their value', () => {
  const history = new MetricHistory(600);
  for (let s = 1; s <= 600; s++) history.add({ timeMs: NOON_MS + s * 1000, values: { cpu: s % 17 } });
  const at = (nowMs: number) => chartWindow({ nowMs, windowMs: CHART_WINDOWS_MS['10m'], columns: 40, seconds: history.series('cpu') });
  const a = at(NOON_MS + 600_000);
  const b = at(NOON_MS + 614_999);
  const c = at(NOON_MS + 615_000);
  assert.equal(a.columnMs, 15_000);
  assert.equal(a.fromMs, b.fromMs, 'same column, same axis');
  assert.equal(c.fromMs, a.fromMs + 15_000, 'one column later');
  assert.deepEqual(c.max.slice(0, 38), a.max.slice(1, 39));
});

test('each column keeps min, average and max of what fell in it; a gap stays NaN', () => {
  const history = new MetricHistory(600);
  for (let s = 0; s < 600; s++) {
    const minute = Math.floor(s / 60);
    history.add({ timeMs: NOON_MS + s * 1000, values: minute === 3 ? {} : { cpu: minute * 10 + (s % 60) / 59 } });
  }
  const chart = chartWindow({ nowMs: NOON_MS + 599_000, windowMs: CHART_WINDOWS_MS['10m'], columns: 10, seconds: history.series('cpu') });
  assert.equal(chart.fromMs, NOON_MS);
  assert.deepEqual(chart.min.map((v) => Math.round(v)), [0, 10, 20, Number.NaN, 40, 50, 60, 70, 80, 90]);
  assert.deepEqual(chart.max.map((v) => Math.round(v)), [1, 11, 21, Number.NaN, 41, 51, 61, 71, 81, 91]);
  assert.ok(Math.abs(chart.avg[5]! - 50.5) < 1e-9);
});

test('per-second history and rollups meet at a whole minute: each minute counted once, whichever source it comes from', () => {
  // The monitor feeds both: a 10 min per-second ring and the rollups, 3 h of samples.
  const clock = new FakeClock(NOON_MS);
  const history = new MetricHistory(600);
  const recorder = new RollupRecorder({ clock, file: null, onWarning: assert.fail });
  const truth = new Map<number, { sum: number; n: number; min: number; max: number }>();
  for (let s = 1; s <= 3 * 3600; s++) {
    clock.advance(1000);
    const value = (s * 7919) % 101;
    const sample = { timeMs: clock.nowMs(), values: { cpu: value } };
    history.add(sample);
    recorder.add(sample);
    const m = minuteOf(sample.timeMs);
    const t = truth.get(m) ?? { sum: 0, n: 0, min: Infinity, max: -Infinity };
    truth.set(m, { sum: t.sum + value, n: t.n + 1, min: Math.min(t.min, value), max: Math.max(t.max, value) });
  }
  // One column per minute over the last hour: 50 minutes from rollups, 10 from the per-second ring.
  const chart = chartWindow({ nowMs: clock.nowMs(), windowMs: CHART_WINDOWS_MS['1h'], columns: 60, seconds: history.series('cpu'), rollups: recorder.ring('cpu') });
  const firstMinute = chart.fromMs / MINUTE_MS;
  for (let c = 0; c < 60; c++) {
    const t = truth.get(firstMinute + c)!;
    assert.equal(chart.count[c], t.n, `samples of column ${c}`);
    assert.equal(chart.min[c], t.min, `min of column ${c}`);
    assert.equal(chart.max[c], t.max, `max of column ${c}`);
    assert.ok(Math.abs(chart.avg[c]! - t.sum / t.n) < 1e-4, `avg of column ${c}: ${chart.avg[c]} vs ${t.sum / t.n}`);
  }
});

test('24 h window right after a restart: the rollups alone fill the chart, no per-second point yet', () => {
  const ring = new RollupRing(1440);
  const nowMs = NOON_MS;
  const nowMinute = minuteOf(nowMs);
  // The last 6 hours were recorded before the restart.
  for (let m = nowMinute - 360; m < nowMinute; m++) ring.add(m, m % 2 === 0 ? 10 : 30);
  const chart = chartWindow({ nowMs, windowMs: CHART_WINDOWS_MS['24h'], columns: 96, seconds: [], rollups: ring });
  assert.equal(chart.columnMs, 15 * MINUTE_MS);
  const filled = chart.avg.map((v) => !Number.isNaN(v));
  // 6 hours = 24 columns of 15 minutes, at the right; the newest column (now) is still empty.
  assert.deepEqual(filled, [...Array<boolean>(71).fill(false), ...Array<boolean>(24).fill(true), false]);
  assert.deepEqual(new Set(chart.min.filter((v) => !Number.isNaN(v))), new Set([10]));
  assert.deepEqual(new Set(chart.max.filter((v) => !Number.isNaN(v))), new Set([30]));
});

test('a minute wider than a column fills every column it covers, leaving no holes', () => {
  const ring = new RollupRing(1440);
  const nowMinute = minuteOf(NOON_MS);
  for (let m = nowMinute - 60; m <= nowMinute; m++) ring.add(m, 5);
  // 1 h in 120 columns: 30 s each, so every minute covers two columns.
  const chart = chartWindow({ nowMs: NOON_MS, windowMs: CHART_WINDOWS_MS['1h'], columns: 120, seconds: [], rollups: ring });
  assert.equal(chart.avg.filter(Number.isNaN).length, 0);
});

test('points dated after now (the wall clock stepped back) are left off the axis, not drawn at its edge', () => {
  const points = [
    { timeMs: NOON_MS - 30_000, value: 1 },
    { timeMs: NOON_MS + 3_600_000, value: 99 },
  ];
  const chart = chartWindow({ nowMs: NOON_MS, windowMs: CHART_WINDOWS_MS['10m'], columns: 10, seconds: points });
  assert.deepEqual(chart.max.filter((v) => !Number.isNaN(v)), [1]);
});
