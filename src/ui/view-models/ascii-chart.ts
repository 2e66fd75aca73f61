// A line chart made of plain ASCII characters, for terminals that cannot show braille (LANG=C, --ascii, vt100).
// Pure: a chart model and a size in, rows of text out, plus which line owns each cell so the widget can colour it.
import type { Severity } from '../../types.js';
import { bandCells, emphasisCells, episodeBand } from './alert-episodes.js';
import type { ChartLine, ChartModel, LineRole } from './chart-series.js';

export interface AsciiChart {
  rows: string[];
  /** Per row, per column: index into model.lines of the line drawn there, or -1 (axis, label, blank). */
  owners: Int16Array[];
  /** Row of the x axis, on which alert episodes are marked; -1 when too small to plot. */
  axisRow: number;
  /** Per column of the axis row: the severity of the episode marked there (its colour), or null. */
  axisMarks: (Severity | null)[];
}

/** Alert episodes on the x axis: characters no line uses. */
export const EPISODE_CHARS: Record<Severity, string> = { warning: '~', critical: '!' };
/** The episode of the alert selected in the log. */
export const EMPHASIS_CHAR = '@';

const ROLE_CHARS: Record<LineRole, string> = { total: '*', memory: '*', swap: 'o', threshold: '=', critical: '#', core: '.' };

export function lineChar(line: ChartLine): string {
  return line.role === 'core' && line.index !== undefined ? String(line.index % 10) : ROLE_CHARS[line.role];
}

/** y-axis label column: "100|" */
const Y_LABEL_COLS = 4;

export function renderAsciiChart(model: ChartModel, widthCols: number, heightRows: number): AsciiChart {
  const width = Math.max(0, Math.floor(widthCols));
  const height = Math.max(0, Math.floor(heightRows));
  const grid: string[][] = Array.from({ length: height }, () => new Array<string>(width).fill(' '));
  const owners = Array.from({ length: height }, () => new Int16Array(width).fill(-1));
  const plotRows = height - 2; // the x axis and its labels take the last two rows
  const plotCols = width - Y_LABEL_COLS - 1;
  const axisMarks = new Array<Severity | null>(width).fill(null);
  if (plotRows < 1 || plotCols < 2) return { rows: grid.map((r) => r.join('')), owners, axisRow: -1, axisMarks };

  const put = (row: number, col: number, text: string): void => {
    for (let i = 0; i < text.length && col + i < width; i++) if (col + i >= 0) grid[row]![col + i] = text[i]!;
  };
  const rowOf = (value: number): number => Math.round((1 - Math.min(Math.max(value, 0), model.maxY) / model.maxY) * (plotRows - 1));

  // Axes and y labels: top, middle, bottom.
  for (let r = 0; r < plotRows; r++) put(r, Y_LABEL_COLS, '|');
  put(plotRows, Y_LABEL_COLS, '+' + '-'.repeat(plotCols));
  for (const value of [model.maxY, model.maxY / 2, 0]) put(rowOf(value), 0, String(Math.round(value)).padStart(Y_LABEL_COLS - 1));

  // Level lines first, so the data stays visible where it runs along a threshold; then the data in model order
  // (total over cores, memory over swap).
  const isLevel = (line: ChartLine): boolean => line.role === 'threshold' || line.role === 'critical';
  const order = [...model.lines.keys()].sort((a, b) => Number(isLevel(model.lines[b]!)) - Number(isLevel(model.lines[a]!)) || a - b);
  order.forEach((lineIndex) => {
    const line = model.lines[lineIndex]!;
    const n = line.values.length;
    if (n === 0) return;
    const ch = lineChar(line);
    for (let c = 0; c < plotCols; c++) {
      // Stretch the points across the plot like the braille chart does.
      const i = n === 1 ? 0 : Math.round((c * (n - 1)) / (plotCols - 1));
      const value = line.values[i]!;
      if (Number.isNaN(value)) continue;
      const row = rowOf(value);
      grid[row]![Y_LABEL_COLS + 1 + c] = ch;
      owners[row]![Y_LABEL_COLS + 1 + c] = lineIndex;
    }
  });

  // Alert episodes on the axis, over the columns they fired in (stretched like the lines).
  const columns = model.lines[0]?.values.length ?? 0;
  if (columns > 0 && model.episodes.length > 0) {
    const cellOf = (i: number): number => (columns === 1 ? plotCols - 1 : Math.round((i * (plotCols - 1)) / (columns - 1)));
    const cells = bandCells(episodeBand(model.episodes, columns), plotCols, cellOf);
    const emphasised = emphasisCells(model.episodes, plotCols, columns, cellOf);
    cells.forEach((severity, c) => {
      if (severity === null) return;
      grid[plotRows]![Y_LABEL_COLS + 1 + c] = emphasised[c] ? EMPHASIS_CHAR : EPISODE_CHARS[severity];
      axisMarks[Y_LABEL_COLS + 1 + c] = severity;
    });
  }

  // Oldest and newest time under the axis.
  const first = model.xLabels[0];
  const last = model.xLabels[model.xLabels.length - 1];
  if (first !== undefined) put(plotRows + 1, Y_LABEL_COLS + 1, first);
  if (last !== undefined && last !== first && plotCols >= first!.length + last.length + 2) put(plotRows + 1, width - last.length, last);
  return { rows: grid.map((r) => r.join('')), owners, axisRow: plotRows, axisMarks };
}
