import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AlertEngine, NOTHING_MUTED } from '../../src/alerts/engine.js';
import { RuleSet } from '../../src/alerts/rule-set.js';
import { rulesConfig, samplesOf } from '../helpers/config.js';

function engineWith(rules = rulesConfig(), overrides = {}) {
  let n = 0;
  return new AlertEngine({ ruleSet: new RuleSet(rules, overrides), locale: 'en', newId: () => `e${++n}` });
}

test('cpu fires on the average of the last 3 samples, not the last reading', () => {
  const engine = engineWith();
  // the original reported the last value: 100 after 80, 80 would average 86.7
  const events = samplesOf(3, (i) => ({ cpu: [80, 80, 100][i] })).flatMap((s) => engine.evaluate(s, NOTHING_MUTED));
  assert.equal(events.length, 1);
  assert.equal(events[0].value, (80 + 80 + 100) / 3, 'the raw average: texts format it once');
  assert.equal(events[0].message, 'CPU usage 86.7% (average of the last 3 samples) is above 85%');
  assert.equal(events[0].window, 3);
  assert.equal(events[0].threshold, 85);
});

test('fewer samples than the window never fire; a gap restarts the window', () => {
  const engine = engineWith();
  const values = [99, 99, undefined, 99, 99, 99];
  const events = samplesOf(values.length, (i) => (values[i] === undefined ? ({} as Record<string, number>) : { cpu: values[i] as number })).flatMap((s, i) =>
    engine.evaluate(s, NOTHING_MUTED).map((e) => ({ i, e })),
  );
  assert.deepEqual(events.map(({ i, e }) => [i, e.state]), [[5, 'firing']]);
});

test('memory with window 1 fires on the first sample above; message without "average"', () => {
  const engine = engineWith(rulesConfig({ memory: { threshold: 1 } }));
  const [event] = engine.evaluate({ timeMs: 0, values: { memory: 42.04 } }, NOTHING_MUTED);
  assert.equal(event.rule, 'memory');
  assert.equal(event.message, 'Memory usage 42% is above 1%');
  assert.equal(event.notify, true);
});

test('disk rules per mountpoint, with per-mount overrides and excludes', () => {
  const rules = rulesConfig();
  rules.disk.mounts = { '/data': { threshold: 50 } };
  rules.disk.exclude = ['/snap'];
  const engine = engineWith(rules);
  const events = engine.evaluate({ timeMs: 0, values: { 'disk:/': 60, 'disk:/data': 60, 'disk:/snap/core': 99 } }, NOTHING_MUTED);
  assert.deepEqual(events.map((e) => [e.rule, e.mountpoint, e.threshold]), [['disk:/data', '/data', 50]]);
  assert.equal(events[0].message, 'Disk usage of /data 60% is above 50%');
  const critical = engine.evaluate({ timeMs: 1000, values: { 'disk:/': 96 } }, NOTHING_MUTED);
  assert.deepEqual(critical.map((e) => [e.rule, e.severity, e.threshold]), [['disk:/', 'critical', 95]]);
});

test('threshold overrides take effect and zh-CN messages follow the original wording', () => {
  const engine = new AlertEngine({ ruleSet: new RuleSet(rulesConfig(), { cpu: 90 }), locale: 'zh-CN', newId: () => 'x' });
  const events = samplesOf(3, () => ({ cpu: 91.3 })).flatMap((s) => engine.evaluate(s, NOTHING_MUTED));
  assert.equal(events.length, 1);
  assert.equal(events[0].message, 'CPU使用率为91.3%（最近3次平均），超过了90%，请关注');
});

test('states survive into a new engine (restart): no second firing', () => {
  const first = engineWith();
  samplesOf(3, () => ({ cpu: 95 })).forEach((s) => first.evaluate(s, NOTHING_MUTED));
  const second = new AlertEngine({ ruleSet: new RuleSet(rulesConfig()), locale: 'en', initialStates: first.snapshotStates() });
  const events = samplesOf(10, () => ({ cpu: 95 }), Date.UTC(2026, 2, 1, 2, 5)).flatMap((s) => second.evaluate(s, NOTHING_MUTED));
  assert.deepEqual(events, []);
});

test('load rule reads load1 per core', () => {
  const rules = rulesConfig({ load: { enabled: true, threshold: 1.5, clear: 1.2 } });
  const engine = engineWith(rules);
  const [event] = engine.evaluate({ timeMs: 0, values: { load1: 4, load1PerCore: 2 } }, NOTHING_MUTED);
  assert.equal(event.rule, 'load');
  assert.equal(event.message, 'Load per core 2.00 is above 1.5');
});

test('a muted rule\'s transition is recorded, marked muted and not sent; the other rules of the sample still notify', () => {
  const engine = engineWith(rulesConfig({ memory: { threshold: 50 }, cpu: { threshold: 50, window: 1 } }));
  const asked: string[] = [];
  const events = engine.evaluate({ timeMs: 0, values: { cpu: 90, memory: 90 } }, (ruleId) => (asked.push(ruleId), ruleId === 'memory'));
  const byRule = Object.fromEntries(events.map((e) => [e.rule, e]));
  assert.deepEqual([byRule.memory?.notify, byRule.memory?.muted, byRule.memory?.suppressedBy], [false, true, 'mute']);
  assert.deepEqual([byRule.cpu?.notify, byRule.cpu?.muted, byRule.cpu?.suppressedBy], [true, false, undefined]);
  assert.ok(asked.includes('cpu') && asked.includes('memory'), 'asked per rule');
});
