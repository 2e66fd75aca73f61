// The store's part in bounding history memory: the one-time notice when a family of series reaches its cap.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_MAX_SERIES_PER_FAMILY } from '../../src/store/metric-history.js';
import { MonitorStore, type StoreEvent } from '../../src/store/monitor-store.js';

function manyMounts(timeMs: number, count: number): Record<string, number> {
  const values: Record<string, number> = { cpu: 1 };
  // A mount point may hold control characters (the kernel turns \012 back into a newline).
  for (let n = 0; n < count; n++) values[`disk:/mnt/c${n}\n\u001b[31m`] = timeMs;
  return values;
}

test('a family over its cap is reported once, as one escaped line, and not again after a history resize', () => {
  const store = new MonitorStore(100, 1000);
  const notices: Extract<StoreEvent, { type: 'notice' }>[] = [];
  store.subscribe((event) => {
    if (event.type === 'notice') notices.push(event);
  });
  for (let t = 0; t < 5; t++) store.addSample({ timeMs: t, values: manyMounts(t, 400) });
  store.resizeHistory(200, 1000);
  for (let t = 5; t < 10; t++) store.addSample({ timeMs: t, values: manyMounts(t, 400) });
  assert.equal(notices.length, 1);
  const [notice] = notices;
  assert.equal(notice!.level, 'info');
  assert.equal(notice!.timeMs, 0);
  assert.ok(!/[\u0000-\u001f]/.test(notice!.message), notice!.message);
  assert.match(notice!.message, new RegExp(`^history keeps at most ${DEFAULT_MAX_SERIES_PER_FAMILY} disk series and more are in use \\("disk:/mnt/c${DEFAULT_MAX_SERIES_PER_FAMILY}\\\\n\\\\u001b\\[31m"\\)`));
  assert.match(notice!.message, /alerts and \/metrics still see every one$/);
  assert.equal(store.history.keys().filter((k) => k.startsWith('disk:')).length, DEFAULT_MAX_SERIES_PER_FAMILY);
  // The live sample is untouched: views and /metrics read every mount from it.
  assert.equal(Object.keys(store.latest!.values).length, 401);
});
