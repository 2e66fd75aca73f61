import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cpuSplitPct, parseCpuSplitCounters } from '../../src/evidence/cpu-split.js';
import { parseSwapCounters, swapRates } from '../../src/evidence/vmstat.js';

const STAT = (user: number, system: number, idle: number, iowait: number, steal: number) =>
  `cpu  ${user} 0 ${system} ${idle} ${iowait} 0 0 ${steal} 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\nintr 1 2 3\n`;

test('the split groups nice with user and irq/softirq with system, as % of all time between two reads', () => {
  const counters = parseCpuSplitCounters('cpu  100 10 20 1000 5 3 2 7 40 0\ncpu0 1 1 1 1\n');
  assert.deepEqual(counters, { user: 110, system: 25, idle: 1000, iowait: 5, steal: 7 });
  const split = cpuSplitPct(parseCpuSplitCounters(STAT(0, 0, 0, 0, 0))!, parseCpuSplitCounters(STAT(10, 20, 30, 25, 15))!);
  assert.deepEqual(split, { user: 10, system: 20, iowait: 25, steal: 15 });
});

test('no split without an aggregate line, without progress, or across a counter reset; a falling iowait counts as 0', () => {
  assert.equal(parseCpuSplitCounters('cpu0 1 2 3 4\n'), undefined);
  const a = parseCpuSplitCounters(STAT(10, 10, 10, 10, 0))!;
  assert.equal(cpuSplitPct(a, a), undefined);
  assert.equal(cpuSplitPct(a, parseCpuSplitCounters(STAT(5, 10, 20, 10, 0))!), undefined);
  assert.deepEqual(cpuSplitPct(a, parseCpuSplitCounters(STAT(20, 10, 20, 5, 0))!), { user: 50, system: 0, iowait: 0, steal: 0 });
});

test('swapping now from pswpin/pswpout deltas', () => {
  const before = parseSwapCounters('nr_free_pages 1\npswpin 100\npswpout 200\n')!;
  assert.deepEqual(before, { pswpin: 100, pswpout: 200 });
  assert.deepEqual(swapRates(before, { pswpin: 150, pswpout: 200 }, 2000), { swappingNow: true, swapInPagesPerSec: 25, swapOutPagesPerSec: 0 });
  assert.deepEqual(swapRates(before, before, 1000), { swappingNow: false, swapInPagesPerSec: 0, swapOutPagesPerSec: 0 });
  assert.equal(swapRates(before, { pswpin: 1, pswpout: 1 }, 1000), undefined);
  assert.equal(swapRates(before, before, 0), undefined);
  assert.equal(parseSwapCounters('pswpin 1\n'), undefined);
});
