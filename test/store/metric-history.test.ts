import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MetricHistory } from '../../src/store/metric-history.js';

test('ring buffer keeps the newest capacity points, oldest first, NaN for gaps', () => {
  const h = new MetricHistory(3);
  for (let i = 0; i < 5; i++) h.add({ timeMs: i, values: i === 3 ? {} : { cpu: i * 10 } });
  const points = h.series('cpu');
  assert.deepEqual(points.map((p) => p.timeMs), [2, 3, 4]);
  assert.equal(points[0].value, 20);
  assert.ok(Number.isNaN(points[1].value));
  assert.equal(h.latest('cpu'), 40);
});

test('keys unseen for a whole history are dropped, so memory stays flat with churning interfaces', () => {
  const h = new MetricHistory(10);
  for (let i = 0; i < 1000; i++) h.add({ timeMs: i, values: { cpu: 1, [`netRx:veth${i}`]: 5 } });
  assert.ok(h.keys().length <= 11, `keys: ${h.keys().length}`);
});

// Issue 9 item 21: a container host. Interfaces that live for a few samples must cost a few slots, not a whole history
// each, and hundreds of them at once must not each get a series.
const CHURN_CAPACITY = 10_000;

test('400 short-lived interface keys cost a few slots each, not a whole history each', () => {
  const h = new MetricHistory(CHURN_CAPACITY);
  const seen = new Set<string>();
  // 40 generations of 10 interfaces, each alive for 20 samples, beside steady cpu and eth0.
  for (let i = 0; i < 800; i++) {
    const values: Record<string, number> = { cpu: i % 100, 'netRx:eth0': i };
    for (let k = 0; k < 10; k++) values[`netRx:veth${Math.floor(i / 20) * 10 + k}`] = 1;
    for (const key of Object.keys(values)) seen.add(key);
    h.add({ timeMs: i * 1000, values });
  }
  assert.equal(seen.size, 2 + 400);
  // cpu and eth0 hold 800 samples each (grown to 1024 slots); every veth held 20 values (grown to 32 slots at most).
  // Before: 10,000 slots for each of the 402 keys, all still held (none was unseen for 10,000 samples).
  const steadySlots = 2 * 1024;
  const vethSeries = h.keys().filter((k) => k.startsWith('netRx:veth')).length;
  assert.ok(vethSeries <= h.maxSeriesPerFamily, `veth series: ${vethSeries}`);
  assert.ok(h.allocatedSlots() <= steadySlots + vethSeries * 32, `slots: ${h.allocatedSlots()}`);
  assert.equal(h.series('netRx:eth0').length, 800);
  assert.equal(h.series('netRx:eth0')[0]!.value, 0);
});

test('400 interfaces at once: each family keeps at most its cap of series and says so once', () => {
  const capped: { family: string; key: string }[] = [];
  const h = new MetricHistory(1000, { maxSeriesPerFamily: 64, onFamilyCapped: ({ family, key }) => capped.push({ family, key }) });
  for (let i = 0; i < 50; i++) {
    const values: Record<string, number> = { cpu: 1, memory: 2 };
    for (let n = 0; n < 400; n++) {
      values[`netRx:veth${n}`] = i;
      values[`netTx:veth${n}`] = i;
    }
    h.add({ timeMs: i, values });
  }
  assert.equal(h.keys().filter((k) => k.startsWith('netRx:')).length, 64);
  assert.equal(h.keys().filter((k) => k.startsWith('netTx:')).length, 64);
  assert.equal(h.keys().length, 2 + 128);
  // The first comers keep their whole series; a latecomer in a full family has none.
  assert.deepEqual(h.series('netRx:veth0').map((p) => p.value), [...Array(50).keys()]);
  assert.ok(h.series('netRx:veth399').every((p) => Number.isNaN(p.value)));
  assert.deepEqual(capped, [
    { family: 'netRx', key: 'netRx:veth64' },
    { family: 'netTx', key: 'netTx:veth64' },
  ]);
  // 130 series of 50 values (64 slots each), not 800 series of 1000.
  assert.equal(h.allocatedSlots(), 130 * 64);
});

test('in a full family a new interface pushes out the one seen least recently, never one still present', () => {
  const h = new MetricHistory(100, { maxSeriesPerFamily: 2 });
  h.add({ timeMs: 0, values: { 'netRx:a': 1, 'netRx:b': 1 } });
  h.add({ timeMs: 1, values: { 'netRx:a': 2 } }); // b is gone
  h.add({ timeMs: 2, values: { 'netRx:a': 3, 'netRx:c': 3 } });
  assert.deepEqual(h.keys().sort(), ['netRx:a', 'netRx:c']);
  h.add({ timeMs: 3, values: { 'netRx:a': 4, 'netRx:c': 4, 'netRx:d': 4 } });
  assert.deepEqual(h.keys().sort(), ['netRx:a', 'netRx:c']);
  assert.deepEqual(h.series('netRx:a').map((p) => p.value), [1, 2, 3, 4]);
});

test('a key unseen for a whole history window is dropped; a steady key keeps its full history', () => {
  const capacity = 50;
  const h = new MetricHistory(capacity);
  h.add({ timeMs: 0, values: { cpu: 0, 'netRx:veth1': 7 } });
  for (let i = 1; i < capacity; i++) h.add({ timeMs: i, values: { cpu: i } });
  // veth1's one value is still the oldest point of the history.
  assert.ok(h.keys().includes('netRx:veth1'));
  assert.equal(h.series('netRx:veth1')[0]!.value, 7);
  assert.ok(h.series('netRx:veth1').slice(1).every((p) => Number.isNaN(p.value)));
  h.add({ timeMs: capacity, values: { cpu: capacity } });
  assert.deepEqual(h.keys(), ['cpu']);
  for (let i = capacity + 1; i < 5 * capacity; i++) h.add({ timeMs: i, values: { cpu: i } });
  const cpu = h.series('cpu');
  assert.equal(cpu.length, capacity);
  assert.deepEqual(cpu.map((p) => p.value), Array.from({ length: capacity }, (_, k) => 4 * capacity + k));
  assert.deepEqual(cpu.map((p) => p.timeMs), Array.from({ length: capacity }, (_, k) => 4 * capacity + k));
  assert.equal(h.allocatedSlots(), capacity);
});

test('a series that grows while it has gaps reads back every value and every gap in place', () => {
  const h = new MetricHistory(37);
  const expected: number[] = [];
  for (let i = 0; i < 200; i++) {
    const present = i % 7 !== 3 && !(i > 20 && i < 30);
    h.add({ timeMs: i, values: present ? { 'disk:/': i } : {} });
    expected.push(present ? i : Number.NaN);
    assert.deepEqual(h.series('disk:/').map((p) => p.value), expected.slice(-37), `after sample ${i}`);
    assert.deepEqual(h.latest('disk:/'), expected[i]);
  }
});
