import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EN, status, T0 } from './fixtures.js';
import { MetricHistory } from '../../src/store/metric-history.js';
import { cpuChart, downsample, memoryChart } from '../../src/ui/view-models/chart-series.js';
import { renderAsciiChart } from '../../src/ui/view-models/ascii-chart.js';

function history(samples: Record<string, number>[]): MetricHistory {
  const h = new MetricHistory(100);
  samples.forEach((values, i) => h.add({ timeMs: T0 + i * 1000, values }));
  return h;
}

test('downsample keeps each bucket peak and leaves gaps as NaN', () => {
  const h = history([{ cpu: 1 }, { cpu: 9 }, {}, {}, { cpu: 5 }, { cpu: 2 }]);
  const d = downsample(h, 'cpu', 3);
  assert.deepEqual(d.values, [9, Number.NaN, 5]);
  assert.deepEqual(d.timesMs, [T0 + 1000, T0 + 3000, T0 + 5000]);
  assert.equal(downsample(h, 'cpu', 100).values.length, 6, 'never more points than samples');
  assert.deepEqual(downsample(new MetricHistory(10), 'cpu', 50).values, []);
});

test('CPU chart: total line, threshold and critical lines, time labels, severity title; per-core on toggle', () => {
  const h = history([{ cpu: 10, 'cpu:0': 5, 'cpu:1': 15, 'cpu:10': 1 }, { cpu: 20, 'cpu:0': 10, 'cpu:1': 30, 'cpu:10': 2 }]);
  const rules = [status('cpu', { threshold: 80, critical: 95 }, 'critical')];
  const model = cpuChart({ history: h, rules, strings: EN, maxPoints: 50, perCore: false });
  assert.equal(model.title, 'CPU % 20.0% (threshold 80/95%)');
  assert.equal(model.tone, 'critical');
  assert.deepEqual(model.lines.map((l) => [l.role, l.values]), [['total', [10, 20]], ['threshold', [80, 80]], ['critical', [95, 95]]]);
  assert.deepEqual(model.xLabels, ['14:03:07', '14:03:08']);
  assert.equal(model.maxY, 100);
  const perCore = cpuChart({ history: h, rules, strings: EN, maxPoints: 50, perCore: true });
  assert.deepEqual(perCore.lines.filter((l) => l.role === 'core').map((l) => l.index), [0, 1, 10], 'cores in numeric order');
});

test('memory chart: memory and swap, memory threshold, the worse tone of the two rules', () => {
  const h = history([{ memory: 50, swap: 1 }]);
  const model = memoryChart({ history: h, rules: [status('memory', { threshold: 90 }), status('swap', {}, 'warning')], strings: EN, maxPoints: 10 });
  assert.deepEqual(model.lines.map((l) => l.role), ['swap', 'memory', 'threshold']);
  assert.equal(model.tone, 'warning');
  assert.equal(model.title, 'Memory % 50.0% (threshold 90%)');
});

test('ASCII chart: axes, labels, one char per line, threshold as a row of =, gaps blank', () => {
  const h = history([{ cpu: 0 }, { cpu: 100 }, {}, { cpu: 50 }]);
  const model = cpuChart({ history: h, rules: [status('cpu', { threshold: 50 })], strings: EN, maxPoints: 4, perCore: false });
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
