// The braille line chart as cells: the same dots, axes and labels blessed-contrib's line chart drew (its Line.setData
// on drawille-canvas), computed straight into reused typed arrays instead of through a canvas context, a 2-D matrix
// per point, an escape-coded string per frame and blessed re-parsing that string on every screen render. That path
// was the largest item of the dashboard's CPU profile (bench/results.md, "Dashboard"). The geometry below keeps
// blessed-contrib's arithmetic step for step (float32 rounding of points included), so the picture is unchanged;
// test/ui/braille-plot.test.ts compares both cell for cell.
import type { AnsiColor } from '../theme.js';

/** One series: its values (NaN: a gap) and its colour. */
export interface PlotSeries {
  values: readonly number[];
  color: AnsiColor;
}

export interface PlotInput {
  /** The canvas in braille pixels: two across and four down a cell; width even, height a multiple of 4. */
  widthPx: number;
  heightPx: number;
  series: readonly PlotSeries[];
  /** One label per column; the first series' length decides how many are printed. */
  xLabels: readonly string[];
  minY: number;
  maxY: number;
  numYLabels: number;
  /** Pixels left of the plot for the y labels (blessed-contrib's xPadding). */
  xPaddingPx: number;
  /** Colour of the labels and of the axes. */
  textColor: AnsiColor;
  axisColor: AnsiColor;
}

/** Colour codes in the cells: 0 none (the box's default), else 1 + the ANSI colour number. */
export const ANSI_INDEX: Readonly<Record<AnsiColor, number>> = { black: 0, red: 1, green: 2, yellow: 3, blue: 4, magenta: 5, cyan: 6, white: 7 };

/**
 * The plot's cells, row by row (`cols` = widthPx / 2, `rows` = heightPx / 4). A cell with a text char shows it in
 * `color`; otherwise a cell with dots shows braille U+2800 + dots in `color`; otherwise it is blank.
 */
export class BraillePlot {
  cols = 0;
  rows = 0;
  dots = new Uint8Array(0);
  /** 0 or 1 + ANSI colour number (ANSI_INDEX). */
  color = new Uint8Array(0);
  /** A label's UTF-16 code unit, 0 for none. */
  text = new Uint16Array(0);

  /** Recomputes every cell for `input`; the arrays are reused while the size stays. */
  draw(input: PlotInput): void {
    const cols = input.widthPx / 2;
    const rows = input.heightPx / 4;
    if (cols !== this.cols || rows !== this.rows) {
      this.cols = cols;
      this.rows = rows;
      this.dots = new Uint8Array(cols * rows);
      this.color = new Uint8Array(cols * rows);
      this.text = new Uint16Array(cols * rows);
    } else {
      this.dots.fill(0);
      this.color.fill(0);
      this.text.fill(0);
    }
    drawPlot(this, input);
  }

  /** The character of cell `i` (a label's, a braille pattern's, or a space). */
  charAt(i: number): string {
    const t = this.text[i] as number;
    if (t !== 0) return String.fromCharCode(t);
    return BRAILLE[this.dots[i] as number] as string;
  }
}

/** The 256 braille patterns as strings, made once (a blank for none): no string per cell per frame. */
const BRAILLE: readonly string[] = Array.from({ length: 256 }, (_, dots) => (dots === 0 ? ' ' : String.fromCharCode(0x2800 + dots)));

/** Braille dot bits by pixel row (y % 4) and column (x % 2). */
const DOT_BITS = [
  [0x1, 0x8],
  [0x2, 0x10],
  [0x4, 0x20],
  [0x40, 0x80],
] as const;

/** Pixels kept under the plot for the time labels, and their offset from the axis (blessed-contrib's yPadding, yLabelPadding). */
const Y_PADDING_PX = 11;
const X_LABEL_OFFSET_PX = 3;
/** blessed-contrib's default xLabelPadding: the y labels' width in pixels, at least. */
const MIN_Y_LABEL_PX = 5;

function drawPlot(plot: BraillePlot, input: PlotInput): void {
  const { widthPx: width, heightPx: height, minY, maxY, series, xLabels } = input;
  const cols = plot.cols;
  // gl-matrix's vec2 is a Float32Array: every point blessed-contrib drew was rounded to float32, then floored.
  const px = (v: number): number => Math.floor(Math.fround(v));

  const set = (x: number, y: number, colorCode: number): void => {
    if (!(x >= 0 && x < width && y >= 0 && y < height)) return;
    const i = Math.floor(x / 2) + cols * Math.floor(y / 4);
    plot.dots[i] = (plot.dots[i] as number) | DOT_BITS[y % 4]![x % 2]!;
    plot.color[i] = colorCode;
    plot.text[i] = 0;
  };
  const write = (label: string, x: number, y: number, colorCode: number): void => {
    // Like drawille's writeText: no clipping within the canvas, so a label may run on into the next row.
    const start = Math.floor(px(x) / 2) + cols * Math.floor(px(y) / 4);
    for (let k = 0; k < label.length; k++) {
      const i = start + k;
      if (i < 0 || i >= plot.text.length) continue;
      plot.text[i] = label.charCodeAt(k);
      plot.color[i] = colorCode;
    }
  };
  const line = (x0: number, y0: number, x1: number, y1: number, colorCode: number): void => bresenham(x0, y0, x1, y1, (x, y) => set(x, y, colorCode));

  const yLabelPx = Math.max(MIN_Y_LABEL_PX, maxY.toFixed(0).length * 2);
  const xPadding = Math.max(input.xPaddingPx, yLabelPx);
  const columns = xLabels.length;
  const xPixel = (k: number): number => ((width - xPadding) / columns) * k + xPadding * 1.0 + 2;
  const yPixel = (v: number): number => height - Y_PADDING_PX - ((height - Y_PADDING_PX) / (maxY - minY)) * (v - minY) - 2;
  const textCode = 1 + ANSI_INDEX[input.textColor];

  let step = (maxY - minY) / input.numYLabels;
  step = Math.floor(step);
  if (step === 0) step = 1;
  for (let v = minY; v < maxY; v += step) write(v.toFixed(0), xPadding - yLabelPx, yPixel(v), textCode);

  for (const s of series) {
    const code = 1 + ANSI_INDEX[s.color];
    const values = s.values;
    if (values.length === 0) continue;
    let x0 = px(xPixel(0));
    let y0 = px(yPixel(values[0] as number));
    for (let k = 1; k < values.length; k++) {
      const x1 = px(xPixel(k));
      const y1 = px(yPixel(values[k] as number));
      line(x0, y0, x1, y1, code);
      x0 = x1;
      y0 = y1;
    }
  }

  const axis = 1 + ANSI_INDEX[input.axisColor];
  const base = px(height - Y_PADDING_PX);
  line(px(xPadding), 0, px(xPadding), base, axis);
  line(px(xPadding), base, px(width), base, axis);

  const longest = xLabels.reduce((n, label) => Math.max(n, label.length), 0);
  const maxLabels = (width - xPadding) / 2 / (longest + 2);
  const nth = Math.max(1, Math.ceil((series[0]?.values.length ?? 0) / maxLabels));
  for (let k = 0; k < columns; k += nth) {
    const label = xLabels[k] as string;
    if (xPixel(k) + label.length * 2 <= width) write(label, xPixel(k), height - Y_PADDING_PX + X_LABEL_OFFSET_PX, textCode);
  }
}

/** The bresenham npm package's walk, as blessed-contrib used it (NaN ends draw nothing). */
function bresenham(x0: number, y0: number, x1: number, y1: number, fn: (x: number, y: number) => void): void {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const adx = Math.abs(dx);
  const ady = Math.abs(dy);
  let eps = 0;
  const sx = dx > 0 ? 1 : -1;
  const sy = dy > 0 ? 1 : -1;
  if (adx > ady) {
    for (let x = x0, y = y0; sx < 0 ? x >= x1 : x <= x1; x += sx) {
      fn(x, y);
      eps += ady;
      if (eps << 1 >= adx) {
        y += sy;
        eps -= adx;
      }
    }
  } else {
    for (let x = x0, y = y0; sy < 0 ? y >= y1 : y <= y1; y += sy) {
      fn(x, y);
      eps += adx;
      if (eps << 1 >= ady) {
        x += sx;
        eps -= ady;
      }
    }
  }
}
