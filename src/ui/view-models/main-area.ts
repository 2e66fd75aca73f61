// The main area (right of the side bar, above the log) as an editor group: a tab row on top, the active view below.
// The overview splits its body into the CPU and memory charts and, where rows allow, an info line (load, swap, cores).
import type { Layout, Rect } from './layout.js';

export interface MainArea {
  tabs: Rect;
  /** Everything under the tab row: the processes, network and disks views draw here. */
  body: Rect;
  cpuChart: Rect;
  /** null when only one chart fits (memory is still in the side bar). */
  memoryChart: Rect | null;
  /** The overview's load / swap / per-core line; null when the charts need every row. */
  info: Rect | null;
}

/** A braille chart needs this many rows to show a line and its labels (as layout.ts). */
const MIN_CHART_ROWS = 6;

export function mainArea(layout: Layout): MainArea {
  const { left, width } = layout.cpuChart;
  const top = layout.sideBar.top;
  const height = layout.sideBar.height;
  const tabs = { left, top, width, height: 1 };
  const body = { left, top: top + 1, width, height: Math.max(1, height - 1) };
  // The info line only when both charts still fit beside it.
  const info = body.height - 1 >= 2 * MIN_CHART_ROWS ? { left, top: body.top + body.height - 1, width, height: 1 } : null;
  const chartRows = info ? body.height - 1 : body.height;
  const both = chartRows >= 2 * MIN_CHART_ROWS;
  const cpuRows = both ? Math.ceil(chartRows / 2) : chartRows;
  return {
    tabs,
    body,
    cpuChart: { left, top: body.top, width, height: cpuRows },
    memoryChart: both ? { left, top: body.top + cpuRows, width, height: chartRows - cpuRows } : null,
    info,
  };
}
