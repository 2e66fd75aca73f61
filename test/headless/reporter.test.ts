import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startHeadlessReporter } from '../../src/headless/reporter.js';
import { MonitorStore } from '../../src/store/monitor-store.js';
import type { AlertEvent } from '../../src/types.js';

const alert: AlertEvent = { type: 'alert', id: 'a1', timeMs: Date.UTC(2026, 2, 1, 2), rule: 'cpu', kind: 'cpu', state: 'firing', severity: 'warning', value: 91.3, threshold: 85, window: 3, notify: false, muted: true, suppressedBy: 'mute', message: 'CPU usage 91.3% (average of the last 3 samples) is above 85%', sinceMs: Date.UTC(2026, 2, 1, 2) };

test('--json: one JSON object per line with type and ISO time; never a line per sample; status at most once a minute', () => {
  const store = new MonitorStore(10, 1000);
  const out: string[] = [];
  const stop = startHeadlessReporter({ store, json: true, out: (l) => out.push(l), err: () => assert.fail('nothing on stderr in JSON mode') });
  for (let s = 0; s <= 150; s++) store.addSample({ timeMs: Date.UTC(2026, 2, 1, 2) + s * 1000, values: { cpu: 5, memory: 40 } });
  store.addLogEntry(alert);
  store.addLogEntry({ type: 'delivery', timeMs: alert.timeMs + 500, alertId: 'a1', rule: 'cpu', channel: 'mail', ok: false, attempt: 2, error: 'ECONNREFUSED', willRetry: true });
  stop();
  store.addLogEntry(alert);
  const rows = out.map((l) => JSON.parse(l));
  assert.deepEqual(rows.map((r) => r.type), ['status', 'status', 'alert', 'delivery']);
  assert.deepEqual(rows.map((r) => r.time), ['2026-03-01T02:01:00.000Z', '2026-03-01T02:02:00.000Z', '2026-03-01T02:00:00.000Z', '2026-03-01T02:00:00.500Z']);
  assert.equal(rows[0].cpu, 5);
  assert.deepEqual(
    { rule: rows[2].rule, state: rows[2].state, severity: rows[2].severity, value: rows[2].value, threshold: rows[2].threshold, notify: rows[2].notify, muted: rows[2].muted },
    { rule: 'cpu', state: 'firing', severity: 'warning', value: 91.3, threshold: 85, notify: false, muted: true },
  );
  assert.deepEqual({ channel: rows[3].channel, ok: rows[3].ok, error: rows[3].error, attempt: rows[3].attempt }, { channel: 'mail', ok: false, error: 'ECONNREFUSED', attempt: 2 });
});

test('human mode: one readable line per alert and delivery; notices go to stderr', () => {
  const store = new MonitorStore(10, 1000);
  const out: string[] = [];
  const err: string[] = [];
  startHeadlessReporter({ store, json: false, out: (l) => out.push(l), err: (l) => err.push(l) });
  store.addLogEntry(alert);
  store.emit({ type: 'notice', level: 'warning', message: 'cannot read disk:/nfs', timeMs: 0 });
  assert.equal(out.length, 1);
  assert.match(out[0], /^2026-03-01T02:00:00.000Z {2}FIRING {5}warning {3}cpu {2}91.3% > 85% {2}recorded only \(mute\): {2}CPU usage 91.3%/);
  assert.deepEqual(err, ['srvmon: warning: cannot read disk:/nfs']);
});

test('mute lines name the rules of a rule mute; the status line lists the rules muted now', () => {
  const T = Date.UTC(2026, 2, 1, 2);
  const untilMs = T + 3_600_000;
  for (const json of [false, true]) {
    const store = new MonitorStore(10, 1000);
    const out: string[] = [];
    startHeadlessReporter({ store, json, out: (l) => out.push(l), err: () => {}, statusEveryMs: 1000 });
    store.ruleMutes = { memory: { sinceMs: T, untilMs }, 'disk:/x\n': { sinceMs: T, untilMs } };
    store.emit({ type: 'mute', reason: 'mute', rules: ['memory', 'disk:/x\n'], mute: null, ruleMutes: store.ruleMutes, timeMs: T });
    store.emit({ type: 'mute', reason: 'expired', rules: ['memory'], mute: null, ruleMutes: {}, timeMs: T });
    store.emit({ type: 'mute', reason: 'unmute', rules: null, mute: null, ruleMutes: {}, timeMs: T });
    store.addSample({ timeMs: T, values: { cpu: 5 } });
    store.addSample({ timeMs: T + 1000, values: { cpu: 5 } });
    if (json) {
      const rows = out.map((l) => JSON.parse(l));
      assert.deepEqual(rows.slice(0, 3), [
        { type: 'mute', time: '2026-03-01T02:00:00.000Z', state: 'muted', rules: ['memory', 'disk:/x\n'], until: '2026-03-01T03:00:00.000Z' },
        { type: 'mute', time: '2026-03-01T02:00:00.000Z', state: 'expired', rules: ['memory'], until: null },
        { type: 'mute', time: '2026-03-01T02:00:00.000Z', state: 'unmuted', rules: null, until: null },
      ]);
      assert.deepEqual([rows[3].muted, rows[3].mutedRules], [false, ['memory', 'disk:/x\n']]);
    } else {
      assert.deepEqual(out.slice(0, 3), [
        '2026-03-01T02:00:00.000Z  MUTED until 2026-03-01T03:00:00.000Z  rules memory, disk:/x\\n',
        '2026-03-01T02:00:00.000Z  MUTE expired  rule memory',
        '2026-03-01T02:00:00.000Z  UNMUTED',
      ]);
      assert.match(out[3]!, /STATUS .* muted rules memory,disk:\/x\\n$/);
    }
  }
});
