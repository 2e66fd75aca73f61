import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadMetrics } from '../../src/sampler/load-average.js';

test('load1PerCore divides load1 by the logical cores', () => {
  assert.deepEqual(loadMetrics([6, 4, 2], 4), { load1: 6, load5: 4, load15: 2, load1PerCore: 1.5 });
});

test('a malformed loadavg throws (the reader turns it into a gap)', () => {
  assert.throws(() => loadMetrics([], 4), /loadavg/);
});
