import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AlertEngine, NOTHING_MUTED } from '../../src/alerts/engine.js';
import { RuleSet } from '../../src/alerts/rule-set.js';
import { alertLine, deliveryLine } from '../../src/headless/event-line.js';
import { startHeadlessReporter } from '../../src/headless/reporter.js';
import { MonitorStore } from '../../src/store/monitor-store.js';
import type { AlertEvent } from '../../src/types.js';
import { rulesConfig } from '../helpers/config.js';
import { HOSTILE_MOUNT, RAW_CONTROL } from '../helpers/raw-control.js';

const T = Date.UTC(2026, 2, 1, 2);

/** The event the real engine makes for one sample (window 1 rules). */
function fire(values: Record<string, number>, rules = rulesConfig()): AlertEvent {
  const engine = new AlertEngine({ ruleSet: new RuleSet(rules), locale: 'en', newId: () => 'e1' });
  const [event] = engine.evaluate({ timeMs: T, values }, NOTHING_MUTED);
  assert.ok(event, 'the rule fires');
  return event;
}

test('an alert line for a hostile mount point: one line, no raw control character, the name shown escaped', () => {
  const line = alertLine(fire({ [`disk:${HOSTILE_MOUNT}`]: 99 }));
  assert.doesNotMatch(line, RAW_CONTROL);
  assert.ok(line.includes('/media/\\x1b]0;pwned\\x07\\x1b[41m\\nFIRING  critical  forged\\x9b2J{red-fg}x'), line);
  assert.equal(line.split('\n').length, 1);
});

test('a delivery line with a server reply holding ESC and a newline stays one escaped line', () => {
  const line = deliveryLine({ type: 'delivery', timeMs: T, alertId: 'a', rule: `disk:${HOSTILE_MOUNT}`, channel: 'webhook', ok: false, attempt: 1, error: 'HTTP 500 \u001b[2J\r\nforged', willRetry: true });
  assert.doesNotMatch(line, RAW_CONTROL);
  assert.match(line, /HTTP 500 \\x1b\[2J\\r\\nforged/);
});

test('headless reporter: notices on stderr and the status line escaped; JSON lines escaped once, as JSON', () => {
  const store = new MonitorStore(10, 1000);
  const out: string[] = [];
  const err: string[] = [];
  startHeadlessReporter({ store, json: false, out: (l) => out.push(l), err: (l) => err.push(l), statusEveryMs: 1000 });
  store.emit({ type: 'notice', level: 'warning', message: `cannot read ${HOSTILE_MOUNT}`, timeMs: T });
  store.addLogEntry(fire({ [`disk:${HOSTILE_MOUNT}`]: 99 }));
  assert.equal(err.length, 1);
  assert.doesNotMatch(err[0]!, RAW_CONTROL);
  assert.match(err[0]!, /^srvmon: warning: cannot read \/media\/\\x1b\]0;pwned\\x07/);
  for (const line of out) assert.doesNotMatch(line, RAW_CONTROL);

  const json: string[] = [];
  startHeadlessReporter({ store, json: true, out: (l) => json.push(l), err: () => assert.fail('nothing on stderr in JSON mode') });
  store.emit({ type: 'notice', level: 'warning', message: `cannot read ${HOSTILE_MOUNT}`, timeMs: T });
  store.addLogEntry(fire({ [`disk:${HOSTILE_MOUNT}`]: 99 }));
  assert.equal(json.length, 2);
  for (const line of json) assert.doesNotMatch(line, RAW_CONTROL);
  assert.equal(JSON.parse(json[0]!).message, `cannot read ${HOSTILE_MOUNT}`, 'the JSON value is the name itself');
  assert.equal(JSON.parse(json[1]!).mountpoint, HOSTILE_MOUNT);
});

test('the alert line and its message agree: memory averaging 1.749% reads 1.7% in both (was 1.8% > 1% / 1.7%)', () => {
  const event = fire({ memory: 1.749 }, rulesConfig({ memory: { threshold: 1 } }));
  assert.match(alertLine(event), /memory {2}1\.7% > 1% {2}notify: {2}Memory usage 1\.7% is above 1%$/);
});

test('a threshold of 0.01 prints as 0.01%, not 0%; a small value keeps two significant digits', () => {
  const event = fire({ memory: 0.0149 }, rulesConfig({ memory: { threshold: 0.01, clear: 0.005 } }));
  assert.match(alertLine(event), /memory {2}0\.015% > 0\.01% {2}notify: {2}Memory usage 0\.015% is above 0\.01%$/);
});
