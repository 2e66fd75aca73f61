import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diskUsedPct } from '../../src/sampler/disk-usage.js';

test('used / (used + avail) like df: the root reserve counts as neither', () => {
  // 1000 blocks, 300 free of which 50 reserved for root: df shows 700 used, 250 avail, 74 %.
  assert.equal(diskUsedPct({ blocks: 1000, bfree: 300, bavail: 250 }), (700 / 950) * 100);
});

test('a full disk (only the root reserve left) is 100 %, not 95 %', () => {
  assert.equal(diskUsedPct({ blocks: 1000, bfree: 50, bavail: 0 }), 100);
});

test('an empty or nonsensical filesystem has no value', () => {
  assert.equal(diskUsedPct({ blocks: 0, bfree: 0, bavail: 0 }), undefined);
  assert.equal(diskUsedPct({ blocks: 10, bfree: 20, bavail: 20 }), undefined);
});
