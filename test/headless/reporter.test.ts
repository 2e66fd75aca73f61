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
