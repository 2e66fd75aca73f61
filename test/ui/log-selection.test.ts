// Selecting an alert in the log moves the charts to it: the cursor over the log's alert lines, the scroll that keeps
// it on screen, the window chosen for the alert's episode, and the action that ties them to the dashboard state.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MonitorPort } from '../../src/app/monitor-port.js';
import { MonitorStore } from '../../src/store/monitor-store.js';
import type { AlertEvent } from '../../src/types.js';
import { runAction, type ActionContext } from '../../src/ui/dashboard-actions.js';
import { initialState } from '../../src/ui/dashboard-state.js';
import { actionForKey, KEYMAP } from '../../src/ui/keymap.js';
import { episodeSpans } from '../../src/ui/view-models/alert-episodes.js';
import { alertLogLines } from '../../src/ui/view-models/alert-log.js';
import { renderAsciiChart } from '../../src/ui/view-models/ascii-chart.js';
import { helpLines } from '../../src/ui/view-models/help-overlay.js';
import { visibleLogLines } from '../../src/ui/view-models/log-scroll.js';
import { scrollBackShowing, selectableAlerts, stepLogSelection, windowForAlert, windowShowing } from '../../src/ui/view-models/log-selection.js';
import { uiStrings } from '../../src/ui/view-models/strings.js';
import { symbolsFor } from '../../src/ui/view-models/symbols.js';
import { drawLogBox } from '../../src/ui/widgets/log-box.js';
import { EN, status } from './fixtures.js';

const NOW = Date.UTC(2026, 11, 3, 12);
const MIN = 60_000;
const HOUR = 60 * MIN;

function alert(rule: string, state: AlertEvent['state'], timeMs: number, extra: Partial<AlertEvent> = {}): AlertEvent {
  return { type: 'alert', id: `${rule}-${state}-${timeMs}`, timeMs, rule, kind: 'cpu', state, severity: 'warning', value: 90, threshold: 85, window: 1, notify: true, muted: false, message: 'm', sinceMs: timeMs, ...extra };
}

test('[ and ] are bound, listed in help in both languages, and free of other bindings', () => {
  assert.deepEqual(actionForKey('[', '['), { kind: 'selectLogAlert', delta: -1 });
  assert.deepEqual(actionForKey(']', ']'), { kind: 'selectLogAlert', delta: 1 });
  const keys = KEYMAP.flatMap((b) => b.keys);
  assert.equal(keys.length, new Set(keys).size, 'no key bound twice');
  for (const locale of ['en', 'zh-CN'] as const) {
    const strings = uiStrings(locale, false);
    const help = helpLines(KEYMAP, strings, symbolsFor(false)).join('\n');
    assert.ok(help.includes('[ ]') && help.includes(strings.commands.selectLogAlert), `help lists [ ] (${locale})`);
  }
});

test('the cursor walks the alert lines oldest to newest, stops at the ends, starts at the newest, skips test alerts', () => {
  const log = [alert('cpu', 'firing', NOW - 30 * MIN), alert('cpu', 'firing', NOW - 25 * MIN, { test: true, id: 'test' }), alert('cpu', 'resolved', NOW - 20 * MIN), alert('memory', 'firing', NOW - 5 * MIN)];
  const alerts = selectableAlerts(log);
  assert.deepEqual(alerts.map((a) => a.id), [log[0]!.id, log[2]!.id, log[3]!.id]);
  assert.equal(stepLogSelection(alerts, null, -1), log[3]!.id, 'nothing selected: the newest');
  assert.equal(stepLogSelection(alerts, null, 1), log[3]!.id);
  assert.equal(stepLogSelection(alerts, log[3]!.id, -1), log[2]!.id);
  assert.equal(stepLogSelection(alerts, log[0]!.id, -1), log[0]!.id, 'stops at the oldest');
  assert.equal(stepLogSelection(alerts, log[3]!.id, 1), log[3]!.id, 'stops at the newest');
  assert.equal(stepLogSelection(alerts, 'gone', -1), log[3]!.id, 'a selection that left the log starts over');
  assert.equal(stepLogSelection([], null, -1), null);
  // The log panel's lines carry the ids the cursor stands on; a test alert's line none.
  const lines = alertLogLines({ entries: log, notices: [], nowMs: NOW, locale: 'en', strings: EN, symbols: symbolsFor(false), widthCols: 100 });
  assert.deepEqual(lines.map((l) => l.alertId), [log[0]!.id, undefined, log[2]!.id, log[3]!.id]);
});

test('the log scrolls as little as needed to show the selected line', () => {
  const lines = Array.from({ length: 20 }, (_, i) => i);
  const shownFor = (index: number, back: number): number[] => visibleLogLines(lines, 5, scrollBackShowing(index, 20, 5, back)).shown;
  assert.deepEqual(shownFor(19, 0), [15, 16, 17, 18, 19], 'already shown: no move');
  assert.deepEqual(shownFor(17, 0), [15, 16, 17, 18, 19]);
  assert.deepEqual(shownFor(14, 0), [14, 15, 16, 17, 18], 'one above: one line back');
  assert.deepEqual(shownFor(2, 0), [2, 3, 4, 5, 6]);
  assert.deepEqual(shownFor(0, 0), [0, 1, 2, 3, 4]);
  assert.deepEqual(shownFor(19, 10), [15, 16, 17, 18, 19], 'scrolled back, newest selected: back to the end');
  assert.deepEqual(shownFor(8, 10), [5, 6, 7, 8, 9], 'shown while scrolled back: stays');
});

test('the window: the current one if it reaches back, else the smallest that does; beyond 24h the largest, too old', () => {
  assert.deepEqual(windowShowing(NOW - 5 * MIN, NOW, '10m'), { window: '10m', tooOld: false });
  assert.deepEqual(windowShowing(NOW - 20 * MIN, NOW, '10m'), { window: '1h', tooOld: false });
  assert.deepEqual(windowShowing(NOW - 20 * MIN, NOW, '6h'), { window: '6h', tooOld: false }, 'a larger window already shows it');
  assert.deepEqual(windowShowing(NOW - 2 * HOUR, NOW, '1h'), { window: '6h', tooOld: false });
  assert.deepEqual(windowShowing(NOW - 7 * HOUR, NOW, '10m'), { window: '24h', tooOld: false });
  assert.deepEqual(windowShowing(NOW - 25 * HOUR, NOW, '10m'), { window: '24h', tooOld: true });
  assert.deepEqual(windowShowing(NOW - 10 * MIN, NOW, '10m'), { window: '1h', tooOld: false }, 'at the very edge of 10m: the next');
});

test('the window holds the alert episode from its start: a resolve 5 min ago of an episode from 20 min ago picks 1h', () => {
  const firing = alert('cpu', 'firing', NOW - 20 * MIN);
  const resolved = alert('cpu', 'resolved', NOW - 5 * MIN, { sinceMs: NOW - 20 * MIN });
  const log = [firing, resolved];
  const choice = windowForAlert(log, resolved, NOW, '10m');
  assert.equal(choice.window, '1h');
  assert.deepEqual(choice.episode, { ruleId: 'cpu', severity: 'warning', fromMs: NOW - 20 * MIN, toMs: NOW - 5 * MIN });
  // An episode that began two days ago, repeated an hour ago: shown from the repeat on, not "too old".
  const repeat = alert('memory', 'repeat', NOW - HOUR, { sinceMs: NOW - 48 * HOUR });
  assert.deepEqual({ ...windowForAlert([repeat], repeat, NOW, '10m'), episode: undefined }, { window: '6h', tooOld: false, episode: undefined });
});

test('the selected episode is emphasised on the chart axis; the others are not', () => {
  const axis = { fromMs: NOW - HOUR, columnMs: MIN, columns: 60 };
  const episodes = [
    { ruleId: 'cpu', severity: 'warning' as const, fromMs: NOW - 50 * MIN, toMs: NOW - 40 * MIN },
    { ruleId: 'cpu', severity: 'warning' as const, fromMs: NOW - 20 * MIN, toMs: NOW - 10 * MIN },
  ];
  const spans = episodeSpans(episodes, axis, NOW, { ruleId: 'cpu', fromMs: NOW - 20 * MIN });
  assert.deepEqual(spans.map((s) => s.emphasised ?? false), [false, true]);
  const values = new Array<number>(60).fill(50);
  const chart = renderAsciiChart({ title: 'CPU %', tone: 'ok', lines: [{ title: 'cpu', role: 'total', values }], xLabels: values.map(() => '12:00:00'), maxY: 100, window: '1h', episodes: spans }, 65, 10);
  const axisRow = chart.rows[chart.axisRow]!;
  assert.match(axisRow, /~+[^~@]+@+/, `the selected episode drawn with @, the other with ~: ${axisRow}`);
});

function actionSetup(log: AlertEvent[]) {
  const store = new MonitorStore(10, 1000);
  store.rules = [status('cpu', { threshold: 85 })];
  store.log.push(...log);
  const port = { store, locale: 'en', commands: {}, link: () => ({ kind: 'local' }) } as unknown as MonitorPort;
  const state = initialState();
  const invalidated: string[] = [];
  const ctx: ActionContext = { monitor: port, state, strings: EN, locale: 'en', nowMs: () => NOW, invalidate: (...parts) => invalidated.push(...parts), freezeCharts: () => null, quit: () => {} };
  return { state, ctx, invalidated };
}

test('[ selects the newest alert, shows the Overview in a window reaching back to it; Esc clears the selection', () => {
  const old = alert('cpu', 'firing', NOW - 20 * MIN);
  const recent = alert('cpu', 'resolved', NOW - 2 * MIN, { sinceMs: NOW - 20 * MIN });
  const { state, ctx } = actionSetup([old, recent]);
  state.view = 'processes';
  runAction({ kind: 'selectLogAlert', delta: -1 }, ctx);
  assert.deepEqual(state.logSelection, { alertId: recent.id, reveal: true });
  assert.equal(state.view, 'overview');
  assert.equal(state.chartWindow, '1h', 'its episode began 20 min ago');
  runAction({ kind: 'closeOverlay' }, ctx);
  assert.equal(state.logSelection, null);
  state.overlay = 'help';
  state.logSelection = { alertId: recent.id, reveal: false };
  runAction({ kind: 'closeOverlay' }, ctx);
  assert.equal(state.overlay, 'none', 'Esc closes an overlay first');
  assert.notEqual(state.logSelection, null);
});

test('an alert older than a day: the 24h window and a notice saying the charts cannot show it; an empty log says so', () => {
  const { state, ctx } = actionSetup([alert('cpu', 'firing', NOW - 30 * HOUR, { sinceMs: NOW - 30 * HOUR })]);
  runAction({ kind: 'selectLogAlert', delta: 1 }, ctx);
  assert.equal(state.chartWindow, '24h');
  assert.match(state.notices.at(-1)?.message ?? '', /older than 24h/);
  const empty = actionSetup([]);
  runAction({ kind: 'selectLogAlert', delta: -1 }, empty.ctx);
  assert.equal(empty.state.logSelection, null);
  assert.equal(empty.state.notices.at(-1)?.message, EN.noAlertInLog);
});

test('the selected log line is drawn black on its colour (reverse video in monochrome); the others as before', () => {
  let content = '';
  const box = { setContent: (text: string) => void (content = text) } as unknown as Parameters<typeof drawLogBox>[0];
  const shown = [
    { text: 'a', tone: 'warning' as const, muted: false, alertId: 'x' },
    { text: 'b', tone: 'warning' as const, muted: false, alertId: 'y' },
  ];
  drawLogBox(box, 'H', shown, false, 'x');
  assert.deepEqual(content.split('\n').slice(1), ['{black-fg}{yellow-bg}a{/yellow-bg}{/black-fg}', '{yellow-fg}b{/yellow-fg}']);
  drawLogBox(box, 'H', shown, true, 'y');
  assert.deepEqual(content.split('\n').slice(1), ['a', '{inverse}b{/inverse}']);
});
