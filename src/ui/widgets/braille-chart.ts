// The UTF-8 chart: a title row, then blessed-contrib's line chart (braille dots). Two adjustments to blessed-contrib:
// its canvas keeps two rows and six columns free for a border srvmon does not draw, so calcSize is replaced to use
// the whole box; and the canvas is sized only on 'attach', so the event is emitted again after every move or resize.
import { blessed, createContribLine, type ContribLineChart, type Screen } from '../terminal/blessed-lib.js';
import { lineColor } from '../theme.js';
import type { ChartModel } from '../view-models/chart-series.js';
import type { Rect } from '../view-models/layout.js';
import { bandCells, emphasisCells, episodeBand } from '../view-models/alert-episodes.js';
import { chartLabel } from './chart-label.js';
import type { ChartView } from './chart-view.js';
import { bandRowTagged } from './episode-band.js';

/** blessed-contrib's left padding for the y labels, in braille pixels (fits "100"). */
const Y_LABEL_PIXELS = 10;
/** blessed-contrib keeps this many pixels under the plot for the time labels. */
const X_LABEL_PIXELS = 11;

export function createBrailleChart(screen: Screen, rect: Rect): ChartView {
  const title = blessed.box({ parent: screen, wrap: false, tags: true, left: rect.left, top: rect.top, width: rect.width, height: 1 });
  const chart: ContribLineChart = createContribLine({
    parent: screen,
    wrap: false,
    left: rect.left,
    top: rect.top + 1,
    width: rect.width,
    height: Math.max(3, rect.height - 1),
    showLegend: false,
    minY: 0,
    maxY: 100,
    numYLabels: 5,
    wholeNumbersOnly: true,
    xPadding: Y_LABEL_PIXELS,
    style: { line: 'cyan', text: 'white', baseline: 'white' },
  });
  // Alert episodes go on the chart's last text row, which blessed-contrib leaves blank under the time labels.
  const band = blessed.box({ parent: screen, wrap: false, tags: true, left: rect.left, top: rect.top + Math.max(3, rect.height - 1), width: rect.width, height: 1 });
  // Whole box: width * 2 - 2 keeps the last column free so a full line never reaches blessed's wrap edge case.
  chart.calcSize = function calcSize(this: ContribLineChart): void {
    this.canvasSize = { width: Math.max(2, Number(this.width) * 2 - 2), height: Math.max(4, Number(this.height) * 4) };
  };
  const fitYLabels = (): void => {
    // One label per text row of plot at most, else they overwrite each other: 0/20/.../80, or 0/50, or just 0.
    const plotRows = (chart.canvasSize.height - X_LABEL_PIXELS) / 4;
    chart.options.numYLabels = plotRows >= 5 ? 5 : plotRows >= 2 ? 2 : 1;
  };
  chart.emit('attach');
  fitYLabels();
  let lastLabel = '';
  let lastBand = '';
  /** The text cell blessed-contrib draws column k of n in (its getXPixel, two pixels a cell). */
  const cellOf = (k: number, n: number): number => Math.floor((((chart.canvasSize.width - Y_LABEL_PIXELS) / n) * k + Y_LABEL_PIXELS + 2) / 2);
  return {
    maxPoints: () => Math.max(1, chart.canvasSize.width - Y_LABEL_PIXELS - 2),
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
      chart.emit('attach');
      fitYLabels();
    },
    draw(model) {
      chart.setData(model.lines.map((line) => ({ title: line.title, x: model.xLabels, y: line.values, style: { line: lineColor(line.role, line.index) } })));
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
