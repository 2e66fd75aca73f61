import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EN, status, T0 } from './fixtures.js';
import { FakeClock } from '../../src/clock.js';
import type { LogEntry } from '../../src/store/monitor-store.js';
import { MetricHistory } from '../../src/store/metric-history.js';
import { RollupRecorder } from '../../src/store/rollup-recorder.js';
import type { AlertEvent } from '../../src/types.js';
import { cpuChart, memoryChart, type ChartInput, type ChartModel } from '../../src/ui/view-models/chart-series.js';
import { nextChartWindow } from '../../src/ui/view-models/chart-window.js';
import { renderAsciiChart } from '../../src/ui/view-models/ascii-chart.js';

function history(samples: Record<string, number>[], startMs = T0, capacity = 100): MetricHistory {
  const h = new MetricHistory(capacity);
  samples.forEach((values, i) => h.add({ timeMs: startMs + i * 1000, values }));
  return h;
}

function input(partial: Partial<ChartInput> & Pick<ChartInput, 'history'>): ChartInput {
  return { rollups: null, rules: [], log: [], strings: EN, maxPoints: 600, window: '10m', nowMs: T0 + 1000, ...partial };
}

const finite = (values: number[]): number => values.filter(Number.isFinite).length;

test('CPU chart: one column per second in the 10-min window, filled from the right; levels, labels, title with the window', () => {
  const h = history([{ cpu: 10, 'cpu:0': 5, 'cpu:1': 15, 'cpu:10': 1 }, { cpu: 20, 'cpu:0': 10, 'cpu:1': 30, 'cpu:10': 2 }]);
  const rules = [status('cpu', { threshold: 80, critical: 95 }, 'critical')];
  const model = cpuChart({ ...input({ history: h, rules }), perCore: false });
  assert.equal(model.title, 'CPU % 20.0% (threshold 80/95%) [10m]');
  assert.equal(model.tone, 'critical');
  assert.equal(model.window, '10m');
  assert.deepEqual(model.lines.map((l) => [l.role, l.values.length]), [['total', 600], ['threshold', 600], ['critical', 600]]);
  const total = model.lines[0]!.values;
  assert.deepEqual(total.slice(-2), [10, 20], 'the newest at the right edge');
  assert.equal(finite(total), 2, 'the rest of the window is empty, not stretched');
  assert.deepEqual(model.xLabels.slice(-2), ['14:03:07', '14:03:08']);
  assert.equal(model.xLabels[0], '13:53:09', 'the axis spans the whole window');
  assert.equal(model.maxY, 100);
  const perCore = cpuChart({ ...input({ history: h, rules }), perCore: true });
  assert.deepEqual(perCore.lines.filter((l) => l.role === 'core').map((l) => l.index), [0, 1, 10], 'cores in numeric order');
});

test('two minutes of history in the 10-min window take the right fifth of the width (the stretching defect)', () => {
  const h = history(Array.from({ length: 120 }, (_, i) => ({ cpu: i % 7 })), T0, 600);
  const model = cpuChart({ ...input({ history: h, maxPoints: 100, nowMs: T0 + 119_000 }), perCore: false });
  const total = model.lines[0]!.values;
  assert.equal(total.length, 100);
  const firstData = total.findIndex(Number.isFinite);
  assert.ok(firstData >= 79 && firstData <= 80, `data starts at column ${firstData}`);
  assert.equal(finite(total), 100 - firstData);
  assert.equal(Math.max(...total.filter(Number.isFinite)), 6, 'each 6 s column keeps its peak');
});

test('the 1h window reaches past the per-second history into the rollups; z cycles 10m, 1h, 6h, 24h', () => {
  const clock = new FakeClock(T0);
  const recorder = new RollupRecorder({ clock, file: null, onWarning: assert.fail });
  // 50 minutes at 30 %, then the last two minutes also in the per-second history at 60 %.
  for (let s = 0; s < 50 * 60; s += 10) recorder.add({ timeMs: T0 - 52 * 60_000 + s * 1000, values: { cpu: 30 } });
  const h = history(Array.from({ length: 120 }, () => ({ cpu: 60 })), T0 - 120_000, 600);
  for (let i = 0; i < 120; i++) recorder.add({ timeMs: T0 - 120_000 + i * 1000, values: { cpu: 60 } });
  const at = (window: ChartInput['window']): ChartModel => cpuChart({ ...input({ history: h, rollups: recorder, maxPoints: 60, window, nowMs: T0 }), perCore: false });

  const tenMinutes = at('10m').lines[0]!.values;
  assert.equal(finite(tenMinutes), 60, 'ten minutes: all columns have data (8 from the rollups)');
  const hour = at('1h');
  assert.equal(hour.title.endsWith('[1h]'), true);
  const values = hour.lines[0]!.values;
  assert.equal(finite(values), 53, '52 minutes of data in one-minute columns, plus the one under way');
  assert.deepEqual([values[10], values[58], values[59]], [30, 60, 60]);
  assert.equal(Number.isNaN(values[0]!), true, 'before the data: empty on the left');
  const day = at('24h').lines[0]!.values;
  assert.equal(finite(day), 4, 'a day in 24-min columns aligned on the clock: the 53 minutes touch the last four');
  assert.equal(finite(day.slice(-4)), 4);

  let window: ChartInput['window'] = '10m';
  const seen: string[] = [];
  for (let i = 0; i < 4; i++) seen.push((window = nextChartWindow(window)));
  assert.deepEqual(seen, ['1h', '6h', '24h', '10m']);
});

function alert(rule: string, state: AlertEvent['state'], timeMs: number, severity: AlertEvent['severity'] = 'warning', sinceMs = timeMs): AlertEvent {
  return { type: 'alert', id: `${rule}-${timeMs}`, timeMs, rule, kind: 'memory', state, severity, value: 90, threshold: 85, window: 1, notify: true, muted: false, message: '', sinceMs };
}

test('memory chart: memory and swap, memory threshold, the worse tone, the episodes of memory and swap', () => {
  const h = history([{ memory: 50, swap: 1 }]);
  const log: LogEntry[] = [
    alert('memory', 'firing', T0 - 300_000),
    alert('cpu', 'firing', T0 - 200_000),
    alert('memory', 'resolved', T0 - 120_000),
    alert('swap', 'firing', T0 - 60_000, 'critical'),
  ];
  const model = memoryChart(input({ history: h, rules: [status('memory', { threshold: 90 }), status('swap', {}, 'warning')], log, maxPoints: 60, nowMs: T0 }));
  assert.deepEqual(model.lines.map((l) => l.role), ['swap', 'memory', 'threshold']);
  assert.equal(model.tone, 'warning');
  assert.equal(model.title, 'Memory % 50.0% (threshold 90%) [10m]');
  assert.deepEqual(
    model.episodes.map((e) => [e.ruleId, e.severity, e.firstColumn, e.lastColumn, e.ongoing]),
    [['memory', 'warning', 29, 47, false], ['swap', 'critical', 53, 59, true]],
  );
});

test('ASCII chart: axes, labels, one char per line, threshold as a row of =, gaps blank', () => {
  const model: ChartModel = {
    title: 'CPU %',
    tone: 'ok',
    maxY: 100,
    window: '10m',
    episodes: [],
    xLabels: ['14:03:07', '14:03:08', '14:03:09', '14:03:10'],
    lines: [
      { title: 'total', role: 'total', values: [0, 100, Number.NaN, 50] },
      { title: 'threshold', role: 'threshold', values: [50, 50, 50, 50] },
    ],
  };
  const chart = renderAsciiChart(model, 17, 7);
  // 12 plot columns over 4 points: 0 | 100 | gap | 50 (on the threshold row).
  assert.deepEqual(chart.rows, [
    '100 |  ****      ',
    '    |            ',
    ' 50 |==========**',
    '    |            ',
    '  0 |**          ',
    '    +------------',
    '     14:03:07    ',
  ]);
  for (const row of chart.rows) assert.match(row, /^[\x20-\x7e]*$/, 'ASCII only');
  assert.equal(chart.owners[0]![7], 0, 'the total line owns its cells');
  assert.equal(chart.owners[2]![15], 0, 'data drawn over the threshold');
  assert.equal(chart.owners[2]![5], 1, 'the threshold line owns its cells');
  assert.deepEqual(renderAsciiChart(model, 3, 2).rows, ['   ', '   '], 'too small to plot: blank, no crash');
});

test('ASCII chart: alert episodes marked on the x axis with ~ (warning) and ! (critical), coloured by severity', () => {
  const model: ChartModel = {
    title: 'CPU %',
    tone: 'ok',
    maxY: 100,
    window: '10m',
    episodes: [
      { ruleId: 'cpu', severity: 'warning', firstColumn: 2, lastColumn: 5, ongoing: false },
      { ruleId: 'cpu', severity: 'critical', firstColumn: 9, lastColumn: 11, ongoing: true },
    ],
    xLabels: Array.from({ length: 12 }, () => '14:03:07'),
    lines: [{ title: 'total', role: 'total', values: new Array<number>(12).fill(Number.NaN) }],
  };
  const chart = renderAsciiChart(model, 17, 5);
  assert.equal(chart.axisRow, 3);
  assert.equal(chart.rows[3], '    +--~~~~---!!!');
  assert.deepEqual([chart.axisMarks[7], chart.axisMarks[10], chart.axisMarks[16]], ['warning', 'warning', 'critical']);
  assert.equal(chart.axisMarks[11], null);
});
