import assert from 'node:assert/strict';
import { test } from 'node:test';
import { admit, emptyPolicyState, nextWakeMs, tick, type PolicyMessage, type PolicyState } from '../../../src/notify/policy/channel-policy.js';
import type { ChannelPolicyConfig } from '../../../src/notify/policy/policy-types.js';
import type { AlertEvent } from '../../../src/types.js';
import { at, event, HOUR, MIN, NIGHT, policy } from './policy-fixtures.js';

/** Runs events (and ticks at given times) through one channel's policy; collects what it would send. */
class Run {
  state: PolicyState = emptyPolicyState();
  sent: { atMs: number; message: PolicyMessage }[] = [];
  constructor(readonly config: ChannelPolicyConfig) {}
  admit(e: AlertEvent, nowMs = e.timeMs): this {
    const step = admit(this.state, this.config, e, nowMs);
    this.state = step.state;
    for (const message of step.messages) this.sent.push({ atMs: nowMs, message });
    return this;
  }
  tick(nowMs: number): this {
    const step = tick(this.state, this.config, nowMs);
    this.state = step.state;
    for (const message of step.messages) this.sent.push({ atMs: nowMs, message });
    return this;
  }
  kinds(): string[] {
    return this.sent.map(({ message }) => (message.kind === 'single' ? `${message.event.rule}:${message.event.state}` : message.digest.kind));
  }
}

test('routing: severity critical drops warnings; rules match ids and kinds; test alerts go everywhere', () => {
  const run = new Run(policy({ severity: 'critical', rules: ['cpu', 'disk'] }));
  run.admit(event({ timeMs: at(10), rule: 'cpu' }));
  run.admit(event({ timeMs: at(10), rule: 'cpu', severity: 'critical', state: 'escalated' }));
  run.admit(event({ timeMs: at(10), rule: 'memory', severity: 'critical' }));
  run.admit(event({ timeMs: at(10), rule: 'disk:/data', severity: 'critical' }));
  run.admit(event({ timeMs: at(10), rule: 'memory', test: true }));
  assert.deepEqual(run.kinds(), ['cpu:escalated', 'disk:/data:firing', 'memory:firing']);
});

test('quiet hours: a night sends only the allowed critical, then one digest at 07:30 with duration, peak and state', () => {
  const run = new Run(policy({ quietHours: [NIGHT] }));
  const cpu = { rule: 'cpu', sinceMs: at(23, 40) };
  run.admit(event({ ...cpu, timeMs: at(23, 40), value: 92 }));
  run.admit(event({ ...cpu, timeMs: at(0, 10, 1), state: 'repeat', value: 97 }));
  run.admit(event({ ...cpu, timeMs: at(0, 40, 1), state: 'resolved', value: 70, threshold: 80 }));
  const disk = { rule: 'disk:/data', sinceMs: at(1, 0, 1) };
  run.admit(event({ ...disk, timeMs: at(1, 0, 1), value: 91 }));
  run.admit(event({ ...disk, timeMs: at(3, 0, 1), state: 'escalated', severity: 'critical', value: 96 }));
  for (let t = at(23, 41); t <= at(7, 29, 1); t += 10 * MIN) run.tick(t);
  assert.deepEqual(run.kinds(), ['disk:/data:escalated'], 'only the critical passes during the night');
  assert.equal(nextWakeMs(run.state, run.config, at(7, 29, 1)), at(7, 30, 1));
  run.tick(at(7, 30, 1));
  assert.deepEqual(run.kinds(), ['disk:/data:escalated', 'digest']);
  const digest = run.sent[1]?.message;
  assert.ok(digest?.kind === 'list');
  assert.equal(digest.digest.reason, 'quiet');
  assert.equal(digest.digest.fromMs, at(23, 40));
  const [cpuItem, diskItem] = digest.digest.items;
  assert.deepEqual(
    { state: cpuItem?.state, peak: cpuItem?.peak, resolvedMs: cpuItem?.resolvedMs, events: cpuItem?.events },
    { state: 'resolved', peak: 97, resolvedMs: at(0, 40, 1), events: 3 },
    'the recovery is held with its firing',
  );
  assert.deepEqual({ state: diskItem?.state, severity: diskItem?.severity, peak: diskItem?.peak, resolvedMs: diskItem?.resolvedMs }, { state: 'escalated', severity: 'critical', peak: 96, resolvedMs: undefined });
  assert.deepEqual(run.state.held, [], 'nothing is held after the digest');
  // The next event of the still-firing episode is an ordinary message again.
  run.admit(event({ ...disk, timeMs: at(8, 0, 1), state: 'resolved', severity: 'critical', value: 80 }));
  assert.deepEqual(run.kinds().at(-1), 'disk:/data:resolved');
});

test('quiet hours: a recovery of an alert sent before the night is held, not sent at 02:00', () => {
  const run = new Run(policy({ quietHours: [NIGHT] }));
  const since = at(22, 0);
  run.admit(event({ timeMs: since, sinceMs: since, value: 95 }));
  run.admit(event({ timeMs: at(2, 0, 1), sinceMs: since, state: 'resolved', value: 60 }));
  assert.deepEqual(run.kinds(), ['cpu:firing']);
  run.tick(at(7, 30, 1));
  const digest = run.sent[1]?.message;
  assert.ok(digest?.kind === 'list' && digest.digest.kind === 'digest');
  assert.equal(digest.digest.items[0]?.resolvedMs, at(2, 0, 1));
  assert.equal(digest.digest.items[0]?.sinceMs, since, 'the episode start is known from the event');
});

test('a peak carried by the event is used when present', () => {
  const run = new Run(policy({ quietHours: [NIGHT] }));
  run.admit({ ...event({ timeMs: at(23, 30), value: 91 }), peak: 99.5 } as AlertEvent);
  run.tick(at(7, 30, 1));
  const digest = run.sent[0]?.message;
  assert.ok(digest?.kind === 'list');
  assert.equal(digest.digest.items[0]?.peak, 99.5);
});

test('grouping: transitions within groupWait go out as one message; one alone goes as itself', () => {
  const run = new Run(policy({ groupWaitMs: 5000 }));
  run.admit(event({ timeMs: at(10), rule: 'cpu' }));
  run.admit(event({ timeMs: at(10) + 1000, rule: 'memory' }));
  run.admit(event({ timeMs: at(10) + 4000, rule: 'disk:/data' }));
  run.tick(at(10) + 4999);
  assert.deepEqual(run.kinds(), [], 'nothing before the wait is over');
  assert.equal(nextWakeMs(run.state, run.config, at(10) + 4999), at(10) + 5000);
  run.tick(at(10) + 5000);
  assert.deepEqual(run.kinds(), ['group']);
  const group = run.sent[0]?.message;
  assert.ok(group?.kind === 'list');
  assert.deepEqual(group.digest.items.map((item) => item.rule), ['cpu', 'memory', 'disk:/data']);
  // The next one, 6 s later, starts a new window and goes alone.
  run.admit(event({ timeMs: at(10) + 11_000, rule: 'swap' }));
  run.tick(at(10) + 16_000);
  assert.deepEqual(run.kinds(), ['group', 'swap:firing']);
});

test('grouping: a wall clock stepped back sends the group at once rather than hours later', () => {
  const run = new Run(policy({ groupWaitMs: 5000 }));
  run.admit(event({ timeMs: at(10), rule: 'cpu' }));
  run.tick(at(9));
  assert.deepEqual(run.kinds(), ['cpu:firing']);
});

test('budget: past maxPerHour one summary, then held until the hour rolls over, then one digest', () => {
  const run = new Run(policy({ maxPerHour: 3 }));
  const rules = ['cpu', 'memory', 'disk:/data', 'swap', 'load', 'disk:/', 'disk:/var'];
  rules.forEach((rule, i) => run.admit(event({ timeMs: at(14, 10 + i), rule })));
  assert.deepEqual(run.kinds(), ['cpu:firing', 'memory:firing', 'disk:/data:firing', 'summary']);
  const summary = run.sent[3]?.message;
  assert.ok(summary?.kind === 'list');
  assert.equal(summary.digest.maxPerHour, 3);
  assert.equal(summary.digest.heldUntilMs, at(15));
  assert.deepEqual(summary.digest.items.map((item) => item.rule), ['swap']);
  assert.equal(run.state.held.length, 4, 'everything past the budget waits for the digest');
  run.tick(at(14, 59));
  assert.equal(run.sent.length, 4);
  assert.equal(nextWakeMs(run.state, run.config, at(14, 59)), at(15));
  run.tick(at(15));
  assert.deepEqual(run.kinds().slice(4), ['digest']);
  const digest = run.sent[4]?.message;
  assert.ok(digest?.kind === 'list');
  assert.equal(digest.digest.reason, 'budget');
  assert.deepEqual(digest.digest.items.map((item) => item.rule), ['swap', 'load', 'disk:/', 'disk:/var']);
  // A new hour, a new budget.
  run.admit(event({ timeMs: at(15, 5), rule: 'cpu', sinceMs: at(15, 5) }));
  assert.deepEqual(run.kinds().at(-1), 'cpu:firing');
});

test('budget: an escalation to critical passes a spent budget, unless budgetHoldsCritical', () => {
  for (const budgetHoldsCritical of [false, true]) {
    const run = new Run(policy({ maxPerHour: 1, budgetHoldsCritical }));
    run.admit(event({ timeMs: at(14, 0), rule: 'cpu' }));
    run.admit(event({ timeMs: at(14, 1), rule: 'memory' }));
    run.admit(event({ timeMs: at(14, 2), rule: 'disk:/data', sinceMs: at(13), state: 'escalated', severity: 'critical', value: 97 }));
    run.admit(event({ timeMs: at(14, 3), rule: 'swap', state: 'repeat', severity: 'critical' }));
    const expected = budgetHoldsCritical ? ['cpu:firing', 'summary'] : ['cpu:firing', 'summary', 'disk:/data:escalated'];
    assert.deepEqual(run.kinds(), expected, `budgetHoldsCritical ${budgetHoldsCritical}`);
  }
});

test('budget: a recovery of an alert the budget held is held with it', () => {
  const run = new Run(policy({ maxPerHour: 1 }));
  run.admit(event({ timeMs: at(14, 0), rule: 'cpu' }));
  run.admit(event({ timeMs: at(14, 1), rule: 'memory', sinceMs: at(14, 1) }));
  run.admit(event({ timeMs: at(14, 20), rule: 'memory', sinceMs: at(14, 1), state: 'resolved', value: 50 }));
  assert.deepEqual(run.kinds(), ['cpu:firing', 'summary']);
  run.tick(at(15));
  const digest = run.sent[2]?.message;
  assert.ok(digest?.kind === 'list');
  assert.deepEqual(digest.digest.items.map((item) => [item.rule, item.state, item.events]), [['memory', 'resolved', 2]]);
});

test('quiet hours and a budget together: the digest waits for the end of quiet hours', () => {
  const run = new Run(policy({ quietHours: [NIGHT], maxPerHour: 1 }));
  run.admit(event({ timeMs: at(22, 0), rule: 'cpu' }));
  run.admit(event({ timeMs: at(22, 30), rule: 'memory' }));
  run.admit(event({ timeMs: at(23, 30), rule: 'swap' }));
  run.tick(at(0, 0, 1));
  assert.deepEqual(run.kinds(), ['cpu:firing', 'summary'], 'the budget digest is not sent at midnight: quiet hours hold it');
  run.tick(at(7, 30, 1));
  const digest = run.sent[2]?.message;
  assert.ok(digest?.kind === 'list');
  assert.deepEqual(digest.digest.items.map((item) => item.rule), ['memory', 'swap']);
});
