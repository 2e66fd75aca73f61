// The lean braille plot must draw exactly what blessed-contrib's line chart drew: the same characters in the same
// colours in every cell. blessed-contrib (still installed) draws the reference on an off-screen blessed screen.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { blessed } from '../../src/ui/terminal/blessed-lib.js';
import { BraillePlot, type PlotSeries } from '../../src/ui/view-models/braille-plot.js';

const require = createRequire(import.meta.url);

interface ContribLine {
  canvasSize: { width: number; height: number };
  calcSize(): void;
  emit(event: string): void;
  setData(data: { title: string; x: string[]; y: number[]; style: { line: string } }[]): void;
  ctx: { _canvas: { frame(): string } };
}

const screen = blessed.screen({ input: new PassThrough() as unknown as NodeJS.ReadStream, output: new PassThrough() as unknown as NodeJS.WriteStream, terminal: 'xterm', warnings: false });
test.after(() => screen.destroy());

/** blessed-contrib's picture as rows of [char, fg colour number or -1 for the default]. */
function contribCells(widthCols: number, heightRows: number, series: PlotSeries[], xLabels: string[], numYLabels: number): [string, number][][] {
  const line = (require('blessed-contrib/lib/widget/charts/line') as (o: object) => ContribLine)({
    parent: screen,
    width: widthCols,
    height: heightRows,
    showLegend: false,
    minY: 0,
    maxY: 100,
    numYLabels,
    wholeNumbersOnly: true,
    xPadding: 10,
    style: { line: 'cyan', text: 'white', baseline: 'white' },
  });
  line.calcSize = function calcSize(this: ContribLine): void {
    this.canvasSize = { width: widthCols * 2 - 2, height: heightRows * 4 };
  };
  line.emit('attach');
  line.setData(series.map((s, i) => ({ title: `s${i}`, x: xLabels, y: [...s.values], style: { line: s.color } })));
  const frame = line.ctx._canvas.frame();
  const rows: [string, number][][] = [[]];
  let fg = -1;
  for (let i = 0; i < frame.length; i++) {
    const ch = frame[i] as string;
    if (ch === '\x1b') {
      const code = /^\x1b\[(\d+)m/.exec(frame.slice(i)) as RegExpExecArray;
      const n = Number(code[1]);
      if (n === 39) fg = -1;
      else if (n >= 30 && n <= 37) fg = n - 30;
      i += code[0].length - 1;
    } else if (ch === '\n') rows.push([]);
    else (rows[rows.length - 1] as [string, number][]).push([ch, fg]);
  }
  rows.pop();
  return rows;
}

function leanCells(widthCols: number, heightRows: number, series: PlotSeries[], xLabels: string[], numYLabels: number): [string, number][][] {
  const plot = new BraillePlot();
  plot.draw({ widthPx: widthCols * 2 - 2, heightPx: heightRows * 4, series, xLabels, minY: 0, maxY: 100, numYLabels, xPaddingPx: 10, textColor: 'white', axisColor: 'white' });
  const rows: [string, number][][] = [];
  for (let r = 0; r < plot.rows; r++) {
    const row: [string, number][] = [];
    for (let c = 0; c < plot.cols; c++) {
      const i = r * plot.cols + c;
      row.push([plot.charAt(i), (plot.color[i] as number) - 1]);
    }
    rows.push(row);
  }
  return rows;
}

/** Blank cells carry no visible colour; compare characters everywhere and colours where something is drawn. */
function visible(rows: [string, number][][]): string[] {
  return rows.map((row) => row.map(([ch, fg]) => (ch === ' ' ? ' ' : `${ch}${fg}`)).join(''));
}

function labels(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `14:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`);
}

function wave(n: number, phase: number, gapsEvery = 0): number[] {
  return Array.from({ length: n }, (_, i) => (gapsEvery > 0 && i % gapsEvery === 0 ? Number.NaN : 50 + 45 * Math.sin(i / 7 + phase)));
}

const SIZES: [number, number, number][] = [
  // [columns, rows, y labels] as the dashboard uses them: 120x40 and 80x24 terminals, tall and squat charts.
  [89, 15, 5],
  [89, 14, 5],
  [49, 7, 2],
  [49, 5, 1],
  [30, 3, 1],
];

for (const [cols, rows, yLabels] of SIZES) {
  test(`braille plot ${cols}x${rows}: the same cells as blessed-contrib's line chart`, () => {
    const points = cols * 2 - 2 - 10 - 2;
    const cases: PlotSeries[][] = [
      [{ values: wave(points, 0), color: 'cyan' }],
      [
        { values: Array.from({ length: points }, () => Number.NaN).map((v, i) => (i > points - 5 ? 12.5 * i / points : v)), color: 'cyan' },
        { values: Array.from({ length: points }, () => 85), color: 'yellow' },
        { values: Array.from({ length: points }, () => 95), color: 'red' },
      ],
      [
        { values: wave(points, 1, 9), color: 'cyan' },
        { values: wave(points, 2), color: 'green' },
        { values: wave(points, 3).map((v) => Math.min(100, v * 1.3)), color: 'magenta' },
        { values: Array.from({ length: points }, (_, i) => (i % 50 === 0 ? 100 : 0)), color: 'blue' },
      ],
    ];
    for (const series of cases) {
      const x = labels(points);
      assert.deepEqual(visible(leanCells(cols, rows, series, x, yLabels)), visible(contribCells(cols, rows, series, x, yLabels)));
    }
  });
}

test('braille plot: drawing again at the same size reuses the arrays and clears the old picture', () => {
  const plot = new BraillePlot();
  const input = { widthPx: 40, heightPx: 32, xLabels: labels(28), minY: 0, maxY: 100, numYLabels: 2, xPaddingPx: 10, textColor: 'white', axisColor: 'white' } as const;
  plot.draw({ ...input, series: [{ values: wave(28, 0), color: 'cyan' }] });
  const dots = plot.dots;
  plot.draw({ ...input, series: [{ values: Array.from({ length: 28 }, () => Number.NaN), color: 'cyan' }] });
  assert.equal(plot.dots, dots, 'same buffer');
  const drawn = [...plot.dots.keys()].filter((i) => plot.charAt(i) !== ' ' && plot.text[i] === 0);
  // Only the two axes remain: the column at x = 10 px (cell 5) and the baseline row.
  assert.ok(drawn.length > 0 && drawn.every((i) => i % plot.cols === 5 || Math.floor(i / plot.cols) === Math.floor((32 - 11) / 4)));
});
