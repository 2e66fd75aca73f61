import assert from 'node:assert/strict';
import { test } from 'node:test';
import { reconcileWithQueued } from '../../src/alerts/reconcile.js';
import type { RuleState } from '../../src/alerts/rule-step.js';
import type { AlertEvent } from '../../src/types.js';

const MIN = 60_000;
function queued(partial: Partial<AlertEvent>): AlertEvent {
  return { type: 'alert', id: 'q', timeMs: 10 * MIN, rule: 'memory', kind: 'memory', state: 'firing', severity: 'warning', value: 90, threshold: 85, window: 1, notify: true, muted: false, message: '', sinceMs: 10 * MIN, ...partial };
}

test('a queued firing the saved state missed (crash between outbox and state) counts as notified', () => {
  const states = reconcileWithQueued({}, [queued({})]);
  assert.deepEqual(states.memory, { status: 'firing', severity: 'warning', sinceMs: 10 * MIN, episodeNotified: true, lastNotifiedMs: 10 * MIN, repeatAnchorMs: 10 * MIN });
});

test('a queued notification the state already knows changes nothing', () => {
  const saved: RuleState = { status: 'firing', severity: 'warning', sinceMs: 10 * MIN, episodeNotified: true, lastNotifiedMs: 10 * MIN, repeatAnchorMs: 10 * MIN };
  assert.deepEqual(reconcileWithQueued({ memory: saved }, [queued({})]), { memory: saved });
});

test('a queued resolve closes the saved firing episode; test alerts are ignored', () => {
  const saved: RuleState = { status: 'firing', severity: 'critical', sinceMs: 5 * MIN, episodeNotified: true, lastNotifiedMs: 5 * MIN, repeatAnchorMs: 5 * MIN };
  const states = reconcileWithQueued({ memory: saved }, [queued({ state: 'resolved', sinceMs: 5 * MIN }), queued({ rule: 'test', test: true })]);
  assert.equal(states.memory.status, 'ok');
  assert.equal(states.memory.episodeNotified, false);
  assert.equal(states.test, undefined);
});
