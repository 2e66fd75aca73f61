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
