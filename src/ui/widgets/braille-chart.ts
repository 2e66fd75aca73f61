// The UTF-8 chart: a title row, the braille plot (view-models/braille-plot.ts: the picture blessed-contrib's line
// chart drew, written straight into blessed's screen buffer by plot-box.ts), and the alert episodes on the plot's
// last text row, which the time labels leave blank. The plot uses the whole box: two braille pixels a column minus
// the last column (a full line never reaches blessed's wrap edge case), four a row.
import { blessed, type Screen } from '../terminal/blessed-lib.js';
import { cacheRendering } from '../terminal/render-cache.js';
import { lineColor } from '../theme.js';
import { BraillePlot } from '../view-models/braille-plot.js';
import type { ChartModel } from '../view-models/chart-series.js';
import type { Rect } from '../view-models/layout.js';
import { bandCells, emphasisCells, episodeBand } from '../view-models/alert-episodes.js';
import { chartLabel } from './chart-label.js';
import type { ChartView } from './chart-view.js';
import { bandRowTagged } from './episode-band.js';
import { createPlotBox } from './plot-box.js';

/** Left padding for the y labels, in braille pixels (fits "100"). */
const Y_LABEL_PIXELS = 10;
/** Pixels kept under the plot for the time labels. */
const X_LABEL_PIXELS = 11;

export function createBrailleChart(screen: Screen, rect: Rect): ChartView {
  const title = blessed.box({ parent: screen, wrap: false, tags: true, left: rect.left, top: rect.top, width: rect.width, height: 1 });
  const plot = new BraillePlot();
  const chart = createPlotBox(screen, { left: rect.left, top: rect.top + 1, width: rect.width, height: Math.max(3, rect.height - 1) }, plot);
  // Alert episodes go on the chart's last text row, which the time labels leave blank.
  const band = blessed.box({ parent: screen, wrap: false, tags: true, left: rect.left, top: rect.top + Math.max(3, rect.height - 1), width: rect.width, height: 1 });
  cacheRendering(title);
  cacheRendering(band);
  const canvas = (): { width: number; height: number } => ({ width: Math.max(2, Number(chart.width) * 2 - 2), height: Math.max(4, Number(chart.height) * 4) });
  /** One label per text row of plot at most, else they overwrite each other: 0/20/.../80, or 0/50, or just 0. */
  const yLabels = (): number => {
    const plotRows = (canvas().height - X_LABEL_PIXELS) / 4;
    return plotRows >= 5 ? 5 : plotRows >= 2 ? 2 : 1;
  };
  let lastLabel = '';
  let lastBand = '';
  /** The text cell column k of n is drawn in (two pixels a cell). */
  const cellOf = (k: number, n: number): number => Math.floor((((canvas().width - Y_LABEL_PIXELS) / n) * k + Y_LABEL_PIXELS + 2) / 2);
  return {
    maxPoints: () => Math.max(1, canvas().width - Y_LABEL_PIXELS - 2),
    place(r) {
      title.left = r.left;
      title.top = r.top;
      title.width = r.width;
      chart.left = r.left;
      chart.top = r.top + 1;
      chart.width = r.width;
      chart.height = Math.max(3, r.height - 1);
      band.left = r.left;
      band.top = r.top + Math.max(3, r.height - 1);
      band.width = r.width;
    },
    draw(model) {
      const { width, height } = canvas();
      plot.draw({
        widthPx: width,
        heightPx: height,
        series: model.lines.map((line) => ({ values: line.values, color: lineColor(line.role, line.index) })),
        xLabels: model.xLabels,
        minY: 0,
        maxY: 100,
        numYLabels: yLabels(),
        xPaddingPx: Y_LABEL_PIXELS,
        textColor: 'white',
        axisColor: 'white',
      });
      const columns = model.lines[0]?.values.length ?? 0;
      const cells = bandCells(episodeBand(model.episodes, columns), Number(band.width), (k) => cellOf(k, columns));
      const bandText = bandRowTagged(cells, undefined, emphasisCells(model.episodes, Number(band.width), columns, (k) => cellOf(k, columns)));
      if (bandText !== lastBand) {
        band.setContent(bandText);
        lastBand = bandText;
      }
      const label = chartLabel(model);
      if (label !== lastLabel) {
        title.setContent(label);
        lastLabel = label;
      }
    },
    setVisible(visible) {
      for (const el of [title, chart, band]) {
        if (visible) el.show();
        else el.hide();
      }
    },
  };
}
