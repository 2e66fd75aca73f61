import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { cpuBusyPct, iowaitPct, parseProcStat } from '../../src/sampler/proc-stat.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../../test/fixtures/proc/${name}`, import.meta.url), 'utf8');

test('parses the aggregate and per-core lines of a real /proc/stat, ignoring the rest', () => {
  const times = parseProcStat(fixture('stat'));
  assert.deepEqual([...times.keys()], ['cpu', 'cpu:0', 'cpu:1']);
});

test('total excludes guest and guest_nice (already counted in user/nice); idle includes iowait', () => {
  const cpu0 = parseProcStat(fixture('stat-t0')).get('cpu:0');
  // cpu0 1000 10 500 8000 100 0 20 0 50 0
  assert.deepEqual(cpu0, { totalJiffies: 1000 + 10 + 500 + 8000 + 100 + 20, idleJiffies: 8100, iowaitJiffies: 100 });
});

test('busy % from the deltas between two reads, total and per core', () => {
  const busy = cpuBusyPct(parseProcStat(fixture('stat-t0')), parseProcStat(fixture('stat-t1')));
  assert.deepEqual(busy, { cpu: 46.25, 'cpu:0': 60, 'cpu:1': 25, 'cpu:2': 0, 'cpu:3': 100 });
});

test('a core that went offline or just appeared has no value (no baseline), the others are unaffected', () => {
  const busy = cpuBusyPct(parseProcStat(fixture('stat-t0')), parseProcStat(fixture('stat-t1-hotplug')));
  assert.deepEqual(Object.keys(busy).sort(), ['cpu', 'cpu:0', 'cpu:1', 'cpu:3']);
  assert.equal(busy['cpu:0'], 60);
});

test('counters that went backwards or did not move give a gap, never NaN or a negative', () => {
  const busy = cpuBusyPct(parseProcStat(fixture('stat-t0')), parseProcStat(fixture('stat-t1-odd')));
  // cpu (unchanged aggregate), cpu:1 (reset) and cpu:2 (unchanged) are gaps.
  assert.deepEqual(busy, { 'cpu:0': 60, 'cpu:3': 100 });
  for (const value of Object.values(busy)) assert.ok(Number.isFinite(value) && value >= 0 && value <= 100);
});

test('the same read twice gives no values at all', () => {
  const times = parseProcStat(fixture('stat-t0'));
  assert.deepEqual(cpuBusyPct(times, times), {});
});

test('old kernels with fewer columns parse with the missing ones as 0', () => {
  const times = parseProcStat(fixture('stat-old-kernel'));
  assert.deepEqual(times.get('cpu'), { totalJiffies: 1000, idleJiffies: 850, iowaitJiffies: 50 });
});

test('garbage lines are skipped', () => {
  assert.equal(parseProcStat('cpu  a b c d\ncpu0 1 2\n').size, 0);
});

test('iowait % of all CPU time from the aggregate line: 10 of 800 jiffies is 1.25%', () => {
  assert.equal(iowaitPct(parseProcStat(fixture('stat-t0')), parseProcStat(fixture('stat-t1'))), 1.25);
});

test('iowait is a gap when the aggregate counters did not move, went backwards, or iowait stepped back', () => {
  const t0 = parseProcStat(fixture('stat-t0'));
  assert.equal(iowaitPct(t0, parseProcStat(fixture('stat-t1-odd'))), undefined);
  assert.equal(iowaitPct(t0, t0), undefined);
  const back = parseProcStat('cpu  3950 10 1420 33920 150 0 35 0 90 0\n');
  assert.equal(iowaitPct(t0, back), undefined);
});
