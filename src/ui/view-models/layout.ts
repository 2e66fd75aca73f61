// Where each panel goes for a terminal size, VS Code style: title bar, side bar left, the two charts right, the log
// panel across the bottom, the status bar last. Pure, so every size from 40x12 up is tested without a terminal.

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface Layout {
  tooSmall: false;
  title: Rect;
  sideBar: Rect;
  cpuChart: Rect;
  /** null when there is room for one chart only: CPU stays, memory is still in the side bar. */
  memoryChart: Rect | null;
  log: Rect;
  status: Rect;
}

export const MIN_COLS = 40;
export const MIN_ROWS = 12;
/** A braille chart needs this many rows to show a line and its labels. */
const MIN_CHART_ROWS = 6;

export function computeLayout(cols: number, rows: number): Layout | { tooSmall: true } {
  if (cols < MIN_COLS || rows < MIN_ROWS) return { tooSmall: true };
  const logRows = rows >= 40 ? Math.round(rows * 0.25) : rows >= 20 ? 6 : 3;
  const middleTop = 1;
  const middleRows = rows - 2 - logRows;
  const sideCols = cols >= 100 ? Math.min(40, Math.round(cols * 0.25)) : cols >= 70 ? 30 : 16;
  const chartLeft = sideCols;
  const chartCols = cols - sideCols;
  const bothFit = middleRows >= 2 * MIN_CHART_ROWS;
  const cpuRows = bothFit ? Math.ceil(middleRows / 2) : middleRows;
  return {
    tooSmall: false,
    title: { left: 0, top: 0, width: cols, height: 1 },
    sideBar: { left: 0, top: middleTop, width: sideCols, height: middleRows },
    cpuChart: { left: chartLeft, top: middleTop, width: chartCols, height: cpuRows },
    memoryChart: bothFit ? { left: chartLeft, top: middleTop + cpuRows, width: chartCols, height: middleRows - cpuRows } : null,
    log: { left: 0, top: middleTop + middleRows, width: cols, height: logRows },
    status: { left: 0, top: rows - 1, width: cols, height: 1 },
  };
}
