import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AlertEvent, DeliveryEvent } from '../../src/types.js';
import { alertEpisodes, episodeBand, episodeSpans } from '../../src/ui/view-models/alert-episodes.js';

const T = Date.UTC(2026, 11, 1, 8);
const MIN = 60_000;

function alert(rule: string, state: AlertEvent['state'], timeMs: number, severity: AlertEvent['severity'] = 'warning', extra: Partial<AlertEvent> = {}): AlertEvent {
  return { type: 'alert', id: `${rule}-${state}-${timeMs}`, timeMs, rule, kind: 'cpu', state, severity, value: 90, threshold: 85, window: 1, notify: true, muted: false, message: '', sinceMs: timeMs, ...extra };
}

test('episodes: firing to resolved per rule; an escalation splits warning from critical; repeats change nothing', () => {
  const delivery = { type: 'delivery', timeMs: T + MIN } as DeliveryEvent;
  const log = [
    alert('cpu', 'firing', T),
    delivery,
    alert('memory', 'firing', T + MIN),
    alert('cpu', 'repeat', T + 2 * MIN, 'warning', { sinceMs: T }),
    alert('cpu', 'escalated', T + 3 * MIN, 'critical', { sinceMs: T }),
    alert('cpu', 'resolved', T + 5 * MIN, 'critical', { sinceMs: T }),
    alert('cpu', 'firing', T + 8 * MIN, 'warning', { test: true }),
  ];
  assert.deepEqual(alertEpisodes(log, ['cpu']), [
    { ruleId: 'cpu', severity: 'warning', fromMs: T, toMs: T + 3 * MIN },
    { ruleId: 'cpu', severity: 'critical', fromMs: T + 3 * MIN, toMs: T + 5 * MIN },
  ]);
  assert.deepEqual(alertEpisodes(log, ['memory']), [{ ruleId: 'memory', severity: 'warning', fromMs: T + MIN, toMs: null }], 'ongoing');
});

test('episodes whose firing fell off the log start at sinceMs (a repeat or a resolve)', () => {
  const log = [alert('cpu', 'repeat', T + 30 * MIN, 'warning', { sinceMs: T }), alert('disk:/', 'resolved', T + 9 * MIN, 'warning', { sinceMs: T + MIN })];
  assert.deepEqual(alertEpisodes(log, ['cpu', 'disk:/']), [
    { ruleId: 'cpu', severity: 'warning', fromMs: T, toMs: null },
    { ruleId: 'disk:/', severity: 'warning', fromMs: T + MIN, toMs: T + 9 * MIN },
  ]);
});

test('spans: on the columns, clipped at both edges, ongoing to now, at least one column; outside the window none', () => {
  const axis = { fromMs: T, columnMs: MIN, columns: 60 };
  const now = T + 59 * MIN + 30_000;
  const spans = episodeSpans(
    [
      { ruleId: 'a', severity: 'warning', fromMs: T - 10 * MIN, toMs: T + 2 * MIN }, // clipped on the left, ends at a column's start
      { ruleId: 'b', severity: 'critical', fromMs: T + 10 * MIN + 5000, toMs: T + 10 * MIN + 9000 }, // a few seconds
      { ruleId: 'c', severity: 'warning', fromMs: T + 50 * MIN, toMs: null }, // ongoing
      { ruleId: 'd', severity: 'warning', fromMs: T - 20 * MIN, toMs: T - 15 * MIN }, // before the window
      { ruleId: 'e', severity: 'critical', fromMs: T - MIN, toMs: T + 2 * 3_600_000 }, // across the whole window
    ],
    axis,
    now,
  );
  assert.deepEqual(
    spans.map((s) => [s.ruleId, s.firstColumn, s.lastColumn, s.ongoing]),
    [['a', 0, 1, false], ['b', 10, 10, false], ['c', 50, 59, true], ['e', 0, 59, false]],
  );
  const band = episodeBand(spans.slice(0, 3), 60);
  assert.deepEqual([band[0], band[1], band[2], band[10], band[55]], ['warning', 'warning', null, 'critical', 'warning']);
  assert.equal(episodeBand(spans, 60).every((s) => s === 'critical'), true, 'the worse severity wins a column');
});
