import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_BUCKET_COUNT, MINUTE_MS, RollupRing, minuteOf, type RollupBucket } from '../../src/store/rollup-ring.js';

const M0 = minuteOf(Date.UTC(2026, 0, 1, 12, 0));

function buckets(ring: RollupRing, from: number, to: number): RollupBucket[] {
  const out: RollupBucket[] = [];
  ring.forEach(from, to, (b) => out.push(b));
  return out;
}

test('a minute keeps min, average and max of its values; NaN and Infinity are missing readings, not values', () => {
  const ring = new RollupRing(1440);
  for (const v of [10, 40, Number.NaN, 25, Number.POSITIVE_INFINITY, 5]) ring.add(M0, v);
  assert.deepEqual(ring.at(M0), { minute: M0, min: 5, avg: 20, max: 40, count: 4 });
  assert.equal(ring.at(M0 + 1), undefined);
  assert.equal(ring.at(M0 - 1), undefined);
});

test('the average of a bucket is exact over many samples (summed in float64, stored once as float32)', () => {
  const ring = new RollupRing(10);
  // 0.1 added 600 times in float32 steps would drift; the exact mean is 0.1.
  for (let i = 0; i < 600; i++) ring.add(M0, 0.1);
  assert.equal(ring.at(M0)!.avg, Math.fround(0.1));
  assert.equal(ring.at(M0)!.count, 600);
});

test('minute boundaries follow the wall clock: 12:00:59.999 and 12:01:00.000 fall in different buckets', () => {
  const ring = new RollupRing(1440);
  const t0 = M0 * MINUTE_MS;
  ring.add(minuteOf(t0 + 59_999), 1);
  ring.add(minuteOf(t0 + 60_000), 2);
  assert.deepEqual(buckets(ring, M0, M0 + 1).map((b) => [b.minute - M0, b.avg]), [[0, 1], [1, 2]]);
  // Before the epoch too (floor, not truncation).
  assert.equal(minuteOf(-1), -1);
});

test('a sample dated before the newest bucket (wall clock stepped back) folds into the newest bucket', () => {
  const ring = new RollupRing(1440);
  ring.add(M0, 10);
  ring.add(M0 + 1, 20);
  ring.add(M0 - 30, 90); // stepped back half an hour
  ring.add(M0, 0);
  assert.deepEqual(ring.at(M0), { minute: M0, min: 10, avg: 10, max: 10, count: 1 }, 'an older minute is never rewritten');
  assert.deepEqual(ring.at(M0 + 1), { minute: M0 + 1, min: 0, avg: Math.fround(110 / 3), max: 90, count: 3 });
  assert.equal(ring.lastMinute, M0 + 1);
});

test('a step forward leaves the skipped minutes empty (a gap); a jump past the window empties it', () => {
  const ring = new RollupRing(60);
  for (let m = 0; m < 60; m++) ring.add(M0 + m, m);
  ring.add(M0 + 69, 1); // ten minutes later
  const held = buckets(ring, M0, M0 + 69).map((b) => b.minute - M0);
  // The window is 60 minutes (M0+10..M0+69): 10..59 are still there, 60..68 are a gap.
  assert.deepEqual(held, [...Array.from({ length: 50 }, (_, i) => i + 10), 69]);
  ring.add(M0 + 69 + 500, 7);
  assert.deepEqual(buckets(ring, M0, M0 + 10_000).map((b) => b.minute - M0), [569]);
});

test('the ring holds exactly its capacity in minutes and reuses slots without leaking old values', () => {
  const ring = new RollupRing(1440);
  for (let m = 0; m < 3 * 1440; m++) ring.add(M0 + m, m % 2 === 0 ? m : Number.NaN);
  const held = buckets(ring, M0, M0 + 3 * 1440);
  assert.equal(held[0]!.minute, M0 + 2 * 1440);
  assert.equal(held.length, 720);
  for (const b of held) assert.equal(b.avg, b.minute - M0);
  assert.equal(ring.at(M0 + 2 * 1440 - 2), undefined);
  assert.equal(ring.allocatedBytes, 1440 * 14);
});

test('the count saturates at 65535 while min, max and the average stay right', () => {
  const ring = new RollupRing(2);
  for (let i = 0; i < MAX_BUCKET_COUNT + 10; i++) ring.add(M0, i < MAX_BUCKET_COUNT ? 1 : 3);
  const b = ring.at(M0)!;
  assert.equal(b.count, MAX_BUCKET_COUNT);
  assert.equal(b.max, 3);
  assert.equal(b.avg, Math.fround((MAX_BUCKET_COUNT + 30) / (MAX_BUCKET_COUNT + 10)));
});

test('restore puts buckets back in order and continues the open minute; bad or out-of-order buckets are refused', () => {
  const ring = new RollupRing(1440);
  assert.equal(ring.restore({ minute: M0, min: 1, avg: 2, max: 3, count: 10 }), true);
  assert.equal(ring.restore({ minute: M0 + 1, min: 4, avg: 5, max: 6, count: 2 }), true);
  assert.equal(ring.restore({ minute: M0, min: 1, avg: 2, max: 3, count: 1 }), false, 'not after the newest');
  assert.equal(ring.restore({ minute: M0 + 2, min: 5, avg: 4, max: 6, count: 1 }), false, 'min above avg');
  assert.equal(ring.restore({ minute: M0 + 2, min: 1, avg: 1, max: 1, count: 0 }), false, 'empty');
  assert.equal(ring.restore({ minute: M0 + 2, min: Number.NaN, avg: 1, max: 1, count: 1 }), false, 'NaN');
  ring.add(M0 + 1, 8); // the same minute after a restart: its average continues
  assert.deepEqual(ring.at(M0 + 1), { minute: M0 + 1, min: 4, avg: 6, max: 8, count: 3 });
});
