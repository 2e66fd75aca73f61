import assert from 'node:assert/strict';
import { test } from 'node:test';
import { reconcileWithQueued, withoutFutureTimes } from '../../src/alerts/reconcile.js';
import { stepRule, type RuleState } from '../../src/alerts/rule-step.js';
import type { AlertEvent, Rule } from '../../src/types.js';

const MIN = 60_000;
const NOW = 20 * MIN;
function queued(partial: Partial<AlertEvent>): AlertEvent {
  return { type: 'alert', id: 'q', timeMs: 10 * MIN, rule: 'memory', kind: 'memory', state: 'firing', severity: 'warning', value: 90, threshold: 85, window: 1, notify: true, muted: false, message: '', sinceMs: 10 * MIN, ...partial };
}

test('a queued firing the saved state missed (crash between outbox and state) counts as notified', () => {
  const states = reconcileWithQueued({}, [queued({})], NOW);
  assert.deepEqual(states.memory, { status: 'firing', severity: 'warning', sinceMs: 10 * MIN, episodeNotified: true, lastNotifiedMs: 10 * MIN, repeatAnchorMs: 10 * MIN });
});

test('a queued notification the state already knows changes nothing', () => {
  const saved: RuleState = { status: 'firing', severity: 'warning', sinceMs: 10 * MIN, episodeNotified: true, lastNotifiedMs: 10 * MIN, repeatAnchorMs: 10 * MIN };
  assert.deepEqual(reconcileWithQueued({ memory: saved }, [queued({})], NOW), { memory: saved });
});

test('a queued resolve closes the saved firing episode; test alerts are ignored', () => {
  const saved: RuleState = { status: 'firing', severity: 'critical', sinceMs: 5 * MIN, episodeNotified: true, lastNotifiedMs: 5 * MIN, repeatAnchorMs: 5 * MIN };
  const states = reconcileWithQueued({ memory: saved }, [queued({ state: 'resolved', sinceMs: 5 * MIN }), queued({ rule: 'test', test: true })], NOW);
  assert.equal(states.memory.status, 'ok');
  assert.equal(states.memory.episodeNotified, false);
  assert.equal(states.test, undefined);
});

test('a state saved while the clock was ahead: a future lastNotifiedMs does not make the next episode "flapping"', () => {
  const saved: RuleState = { status: 'ok', severity: 'warning', sinceMs: NOW + 60 * MIN, episodeNotified: false, lastNotifiedMs: NOW + 60 * MIN, repeatAnchorMs: NOW + 60 * MIN };
  const states = reconcileWithQueued({ memory: saved }, [], NOW);
  assert.equal(states.memory.lastNotifiedMs, undefined);
  assert.equal(states.memory.repeatAnchorMs, NOW);
  assert.equal(states.memory.sinceMs, NOW);
  const rule: Rule = { id: 'memory', kind: 'memory', metric: 'memory', threshold: 80, clear: 75, window: 1, repeatMs: 30 * MIN };
  const { transition } = stepRule(states.memory, 90, rule, NOW + 1000, false);
  assert.equal(transition?.state, 'firing');
  assert.equal(transition?.notify, true);
  assert.equal(transition?.suppressedBy, undefined);
});

test('a firing episode whose repeat anchor is in the future repeats one interval from now, not later', () => {
  const saved: RuleState = { status: 'firing', severity: 'warning', sinceMs: NOW - MIN, episodeNotified: true, lastNotifiedMs: NOW + 50 * MIN, repeatAnchorMs: NOW + 50 * MIN };
  const fixed = withoutFutureTimes(saved, NOW);
  const rule: Rule = { id: 'memory', kind: 'memory', metric: 'memory', threshold: 80, clear: 75, window: 1, repeatMs: 30 * MIN };
  assert.equal(stepRule(fixed, 90, rule, NOW + 30 * MIN, false).transition?.state, 'repeat');
});

test('a notification queued while the clock was ahead still counts as sent, as of now', () => {
  const states = reconcileWithQueued({}, [queued({ timeMs: NOW + 60 * MIN, sinceMs: NOW + 59 * MIN })], NOW);
  assert.deepEqual(states.memory, { status: 'firing', severity: 'warning', sinceMs: NOW, episodeNotified: true, lastNotifiedMs: NOW, repeatAnchorMs: NOW });
});
