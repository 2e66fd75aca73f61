import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AlertEngine, NOTHING_MUTED } from '../../src/alerts/engine.js';
import { RuleSet } from '../../src/alerts/rule-set.js';
import { INITIAL_RULE_STATE, stepRule, type RuleState } from '../../src/alerts/rule-step.js';
import { validateState } from '../../src/state/state-validation.js';
import type { Rule } from '../../src/types.js';
import { rulesConfig } from '../helpers/config.js';

const MIN = 60_000;
const rule: Rule = { id: 'cpu', kind: 'cpu', metric: 'cpu', threshold: 85, critical: 95, window: 1, clear: 80, repeatMs: 30 * MIN };

function run(values: number[], start: RuleState = INITIAL_RULE_STATE) {
  let state = start;
  const transitions = [];
  for (let i = 0; i < values.length; i++) {
    const r = stepRule(state, values[i], rule, i * 1000, false);
    state = r.next;
    if (r.transition) transitions.push(r.transition);
  }
  return { state, transitions };
}

test('the resolve carries the highest average of the episode, and the next episode starts its own peak', () => {
  const { state, transitions } = run([90, 97.5, 93, 79, 86, 70]);
  const resolves = transitions.filter((t) => t.state === 'resolved');
  assert.deepEqual(resolves.map((t) => t.peak), [97.5, 86]);
  assert.equal(state.peak, undefined, 'an ok rule keeps no peak');
});

test('an episode begun before peaks were kept resolves without one rather than with a wrong one', () => {
  const old: RuleState = { status: 'firing', severity: 'warning', sinceMs: 0, episodeNotified: true, lastNotifiedMs: 0, repeatAnchorMs: 0 };
  const { transitions } = run([99, 50], old);
  assert.equal(transitions.at(-1)?.state, 'resolved');
  assert.equal(transitions.at(-1)?.peak, undefined);
});

test('the peak survives state.json, and a state file without it is still read', () => {
  const { state } = validateState({ rules: { cpu: { status: 'firing', severity: 'warning', sinceMs: 5, episodeNotified: true, peak: 91.5 } } });
  assert.equal(state.rules.cpu?.peak, 91.5);
  const old = validateState({ rules: { cpu: { status: 'firing', severity: 'warning', sinceMs: 5, episodeNotified: true } } });
  assert.deepEqual(old.problems, []);
  assert.equal(old.state.rules.cpu?.peak, undefined);
});

test('the engine puts the peak on the resolved event only', () => {
  // Every kind at its defaults (new kinds off), CPU on at 85 with a window of 1: the test's subject only.
  const rules = rulesConfig({ cpu: { enabled: true, threshold: 85, clear: 80, window: 1, repeatMs: 30 * MIN }, memory: { enabled: false }, disk: { enabled: false } });
  let n = 0;
  const engine = new AlertEngine({ ruleSet: new RuleSet(rules), locale: 'en', newId: () => `e${++n}` });
  const events = [92, 99, 90, 60].flatMap((cpu, i) => engine.evaluate({ timeMs: i * 1000, values: { cpu } }, NOTHING_MUTED));
  assert.deepEqual(events.map((e) => [e.state, e.peak]), [['firing', undefined], ['resolved', 99]]);
  assert.equal(events[1]!.timeMs - events[1]!.sinceMs, 3000);
});
