// The ASCII chart: renderAsciiChart's rows in a plain box, each line's cells coloured like the braille chart's lines.
import { blessed, type Screen } from '../terminal/blessed-lib.js';
import { fgTag, lineColor, RULE_TONE_FG } from '../theme.js';
import type { Severity } from '../../types.js';
import { renderAsciiChart } from '../view-models/ascii-chart.js';
import type { ChartModel } from '../view-models/chart-series.js';
import type { Rect } from '../view-models/layout.js';
import { chartLabel } from './chart-label.js';
import type { ChartView } from './chart-view.js';

export function createAsciiChart(screen: Screen, rect: Rect): ChartView {
  const box = blessed.box({ parent: screen, wrap: false, ...rect, tags: true });
  // The label takes the first row; the plot the rest.
  const plotSize = (): { cols: number; rows: number } => ({ cols: Number(box.width), rows: Math.max(0, Number(box.height) - 1) });
  return {
    maxPoints: () => Math.max(1, plotSize().cols - 5),
    place(r) {
      box.left = r.left;
      box.top = r.top;
      box.width = r.width;
      box.height = r.height;
    },
    draw(model) {
      const { cols, rows } = plotSize();
      const chart = renderAsciiChart(model, cols, rows);
      const colors = model.lines.map((line) => lineColor(line.role, line.index));
      const tagged = chart.rows.map((row, r) => {
        if (r === chart.axisRow) return axisTagged(row, chart.axisMarks);
        let out = '';
        let run = '';
        let runOwner = -1;
        const flush = (): void => {
          out += runOwner >= 0 ? fgTag(colors[runOwner]!, blessed.escape(run)) : blessed.escape(run);
          run = '';
        };
        const owners = chart.owners[r]!;
        for (let c = 0; c < row.length; c++) {
          if (owners[c] !== runOwner) {
            flush();
            runOwner = owners[c]!;
          }
          run += row[c];
        }
        flush();
        return out;
      });
      box.setContent(`${chartLabel(model)}\n${tagged.join('\n')}`);
    },
    setVisible(visible) {
      if (visible) box.show();
      else box.hide();
    },
  };
}

/** The x axis with its episode marks in their severity's colour. */
function axisTagged(row: string, marks: readonly (Severity | null)[]): string {
  let out = '';
  for (let c = 0; c < row.length; ) {
    const severity = marks[c] ?? null;
    let end = c + 1;
    while (end < row.length && (marks[end] ?? null) === severity) end++;
    const text = blessed.escape(row.slice(c, end));
    out += severity === null ? text : fgTag(RULE_TONE_FG[severity], text);
    c = end;
  }
  return out;
}
