import assert from 'node:assert/strict';
import { test } from 'node:test';
import { INITIAL_RULE_STATE, stepRule, type RuleState } from '../../src/alerts/rule-step.js';
import type { Rule } from '../../src/types.js';

const MIN = 60_000;
const rule: Rule = { id: 'cpu', kind: 'cpu', metric: 'cpu', threshold: 85, critical: 95, window: 3, clear: 80, repeatMs: 30 * MIN };

function run(values: (number | undefined)[], opts: { stepMs?: number; muted?: (i: number) => boolean; start?: RuleState } = {}) {
  let state = opts.start ?? INITIAL_RULE_STATE;
  const transitions = [];
  for (let i = 0; i < values.length; i++) {
    const r = stepRule(state, values[i], rule, i * (opts.stepMs ?? 1000), opts.muted?.(i) ?? false);
    state = r.next;
    if (r.transition) transitions.push({ i, ...r.transition });
  }
  return { state, transitions };
}

test('fires only above the threshold, not at it', () => {
  assert.equal(run([85, 85, 85]).transitions.length, 0);
  const { transitions } = run([85.1]);
  assert.equal(transitions.length, 1);
  assert.equal(transitions[0].state, 'firing');
  assert.equal(transitions[0].notify, true);
  assert.equal(transitions[0].level, 85);
});

test('an undefined average (window not full, gap) never fires and keeps state', () => {
  const firing = run([90]).state;
  const r = stepRule(firing, undefined, rule, 5000, false);
  assert.equal(r.next, firing);
  assert.equal(r.transition, undefined);
});

test('hysteresis: resolves only below clear, not between clear and threshold', () => {
  const { transitions } = run([90, 84, 81, 80, 79.9]);
  assert.deepEqual(transitions.map((t) => [t.i, t.state]), [[0, 'firing'], [4, 'resolved']]);
  assert.equal(transitions[1].level, 80);
  assert.equal(transitions[1].notify, true);
});

test('repeat while still firing every repeatMs, not more often', () => {
  const values = Array.from({ length: 61 }, () => 90); // one per minute for an hour
  const { transitions } = run(values, { stepMs: MIN });
  assert.deepEqual(transitions.map((t) => [t.i, t.state, t.notify]), [[0, 'firing', true], [30, 'repeat', true], [60, 'repeat', true]]);
});

test('escalation to critical is sent at once inside the repeat window, then repeats are spaced from it', () => {
  const { transitions } = run([90, 90, 96, 96, 90], { stepMs: MIN });
  assert.deepEqual(transitions.map((t) => [t.i, t.state, t.severity, t.notify]), [[0, 'firing', 'warning', true], [2, 'escalated', 'critical', true]]);
  assert.equal(transitions[1].level, 95);
});

test('critical drops back to warning only below critical minus the hysteresis gap, silently', () => {
  const a = run([96, 92]).state;
  assert.equal(a.severity, 'critical');
  const b = run([96, 89.9]).state;
  assert.equal(b.severity, 'warning');
  assert.equal(run([96, 89.9]).transitions.length, 1);
});

test('flapping inside the repeat window: recorded, not notified; resolve of an unnotified episode not notified', () => {
  const values: number[] = [];
  for (let c = 0; c < 10; c++) values.push(90, 70); // flap every second
  const { transitions } = run(values);
  const notified = transitions.filter((t) => t.notify);
  assert.deepEqual(notified.map((t) => [t.i, t.state]), [[0, 'firing'], [1, 'resolved']]);
  const second = transitions.find((t) => t.i === 2);
  assert.equal(second?.state, 'firing');
  assert.equal(second?.suppressedBy, 'flapping');
  assert.equal(transitions.find((t) => t.i === 3)?.suppressedBy, 'not-notified-episode');
});

test('a held-back episode still firing when the throttle lapses is sent then, as firing', () => {
  // fire+resolve at 0-1 min, new episode at 2 min (flapping), still firing at 30 min
  const values = [90, 70, ...Array.from({ length: 40 }, () => 90)];
  const { transitions } = run(values, { stepMs: MIN });
  const sent = transitions.filter((t) => t.notify).map((t) => [t.i, t.state]);
  assert.deepEqual(sent, [[0, 'firing'], [1, 'resolved'], [30, 'firing']]);
});

test('mute: transitions recorded with suppressedBy mute; after the mute a firing episode is sent', () => {
  const muted = (i: number) => i < 5;
  const { transitions } = run([90, 90, 90, 90, 90, 90, 90], { muted, stepMs: MIN });
  assert.deepEqual(transitions.map((t) => [t.i, t.state, t.notify, t.suppressedBy]), [[0, 'firing', false, 'mute'], [5, 'firing', true, undefined]]);
});

test('a resolve during mute is not sent; the episode notification state is reset', () => {
  const { transitions, state } = run([90, 90, 70], { muted: (i) => i === 2 });
  assert.deepEqual(transitions.map((t) => [t.state, t.notify, t.suppressedBy]), [['firing', true, undefined], ['resolved', false, 'mute']]);
  assert.equal(state.status, 'ok');
  assert.equal(state.episodeNotified, false);
});

test('restored state inside the repeat window does not notify again', () => {
  const restored: RuleState = { status: 'firing', severity: 'warning', sinceMs: -5 * MIN, episodeNotified: true, lastNotifiedMs: -5 * MIN, repeatAnchorMs: -5 * MIN };
  const inside = run(Array.from({ length: 20 }, () => 90), { start: restored, stepMs: MIN });
  assert.deepEqual(inside.transitions, []);
  // 25 minutes after the restart (30 after the first notification) the repeat comes due, not before
  const longer = run(Array.from({ length: 26 }, () => 90), { start: restored, stepMs: MIN });
  assert.deepEqual(longer.transitions.map((t) => [t.i, t.state]), [[25, 'repeat']]);
});
