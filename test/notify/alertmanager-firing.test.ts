// firingNotifications(): the store's view of what fires now, which the alertmanager channel re-sends.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { firingNotifications } from '../../src/notify/alertmanager-firing.js';
import { MonitorStore } from '../../src/store/monitor-store.js';
import type { AlertEvent } from '../../src/types.js';
import { firing, quiet, rule, SAMPLE_TIME_MS } from '../metrics/store-fixture.js';

const SINCE = SAMPLE_TIME_MS - 60_000;

function sent(partial: Partial<AlertEvent>): AlertEvent {
  return { type: 'alert', id: 'x', timeMs: SINCE, rule: 'memory', kind: 'memory', state: 'firing', severity: 'warning', value: 91, threshold: 90, window: 1, notify: true, muted: false, message: 'Memory usage 91% is above 90%', sinceMs: SINCE, ...partial };
}

test('one notification per notified firing rule, with the last text sent for the episode and the current severity', () => {
  const store = new MonitorStore(10, 1000);
  store.preloadLog([
    sent({ id: 'old-episode', sinceMs: SINCE - 3_600_000, message: 'old' }),
    sent({ id: 'first', message: 'Memory usage 91% is above 90%' }),
    sent({ id: 'escalated', state: 'escalated', severity: 'critical', message: 'Memory usage 97% is above 95%' }),
  ]);
  const memory = firing('memory', 'warning', { critical: 95 });
  const heldBack = firing('swap', 'warning');
  heldBack.state = { ...heldBack.state, episodeNotified: false };
  store.setRules([memory, heldBack, quiet('cpu')]);
  const result = firingNotifications(store, { host: 'web-1', locale: 'en' });
  assert.equal(result.length, 1);
  const [only] = result;
  assert.equal(only?.host, 'web-1');
  assert.equal(only?.id, 'escalated');
  assert.equal(only?.event.message, 'Memory usage 97% is above 95%');
  assert.equal(only?.event.severity, 'warning', 'dropped back from critical without a notification');
  assert.equal(only?.event.sinceMs, SINCE);
});

test('when the log no longer holds the episode, the notification is rebuilt from the rule', () => {
  const store = new MonitorStore(10, 1000);
  store.setRules([{ ...firing('disk:/data', 'critical', { critical: 95, threshold: 90 }), average: 96.5 }]);
  const [only] = firingNotifications(store, { host: 'db-2', locale: 'en' });
  assert.equal(only?.event.rule, 'disk:/data');
  assert.equal(only?.event.mountpoint, '/data');
  assert.equal(only?.event.kind, 'disk');
  assert.equal(only?.event.severity, 'critical');
  assert.equal(only?.event.threshold, 95);
  assert.equal(only?.event.sinceMs, SINCE);
  assert.equal(only?.event.message, 'Disk usage of /data 96.5% is above the critical level 95%');
  assert.equal(rule('disk:/data').mountpoint, '/data');
});
