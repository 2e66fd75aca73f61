// The points of a chart over a chosen window (10 min, 1 h, 6 h, 24 h), as btop draws them: the time axis is fixed to
// the window and filled from the right, so a chart with five minutes of data in a one-hour window shows five minutes
// at the right and empty space on the left, never five minutes stretched across the width. Each column keeps the min,
// average and max of what fell in it (a monitor must not hide spikes: the renderer may draw max, or a band).
//
// Two sources: the per-second history (MetricHistory.series) for as far back as it reaches, the per-minute rollups
// before that. They meet at a whole minute, so no minute is counted twice and none is left out. Columns are aligned
// to multiples of their width on the wall clock, so the chart moves by whole columns and a column's value does not
// change as time passes (only the newest one fills up).
import type { SeriesPoint } from '../../store/metric-history.js';
import { MINUTE_MS, type RollupBucket } from '../../store/rollup-ring.js';

export const CHART_WINDOWS_MS = {
  '10m': 10 * MINUTE_MS,
  '1h': 60 * MINUTE_MS,
  '6h': 6 * 60 * MINUTE_MS,
  '24h': 24 * 60 * MINUTE_MS,
} as const;

export type ChartWindowName = keyof typeof CHART_WINDOWS_MS;

/** The window after this one (`z`), round to the first. */
export function nextChartWindow(current: ChartWindowName): ChartWindowName {
  const names = Object.keys(CHART_WINDOWS_MS) as ChartWindowName[];
  return names[(names.indexOf(current) + 1) % names.length]!;
}

/** What the view needs of a key's rollups (a RollupRing is one). */
export interface RollupReader {
  forEach(fromMinute: number, toMinute: number, fn: (bucket: RollupBucket) => void): void;
}

export interface ChartWindowInput {
  /** Wall time now: the newest column holds it. */
  nowMs: number;
  windowMs: number;
  /** Columns across (braille: pixels; ASCII: characters). */
  columns: number;
  /** The per-second history of the key, oldest first, NaN for gaps (MetricHistory.series(key)). */
  seconds: readonly SeriesPoint[];
  /** The key's per-minute rollups; undefined if it has none (rollups off, key not charted). */
  rollups?: RollupReader;
}

export interface ChartWindow {
  /** Column i covers [fromMs + i × columnMs, fromMs + (i + 1) × columnMs); the last one holds nowMs. */
  fromMs: number;
  columnMs: number;
  /** One value per column, oldest first; NaN where nothing was read (before the data starts, or a gap). */
  min: number[];
  avg: number[];
  max: number[];
  /** Samples behind each column (a minute split across columns counts in proportion); 0 where NaN. */
  count: number[];
}

export function chartWindow(input: ChartWindowInput): ChartWindow {
  const columns = Math.max(1, Math.floor(input.columns));
  // Whole milliseconds, so that columns align on the clock; the window may come out up to `columns` ms longer.
  const columnMs = Math.max(1, Math.ceil(input.windowMs / columns));
  const toMs = (Math.floor(input.nowMs / columnMs) + 1) * columnMs;
  const fromMs = toMs - columns * columnMs;
  const acc = new ColumnAccumulator(columns);

  const seconds = input.seconds;
  // Where the per-second history takes over: the first whole minute it covers entirely.
  let splitMs = Number.NEGATIVE_INFINITY;
  if (input.rollups) splitMs = seconds.length > 0 ? Math.ceil(seconds[0]!.timeMs / MINUTE_MS) * MINUTE_MS : Number.POSITIVE_INFINITY;

  if (input.rollups) {
    const lastMinute = Math.min(Math.floor((toMs - 1) / MINUTE_MS), Math.floor(splitMs / MINUTE_MS) - 1);
    input.rollups.forEach(Math.floor(fromMs / MINUTE_MS), lastMinute, (b) => {
      const startMs = b.minute * MINUTE_MS;
      const endMs = startMs + MINUTE_MS;
      const first = Math.max(0, Math.floor((startMs - fromMs) / columnMs));
      const last = Math.min(columns - 1, Math.floor((endMs - 1 - fromMs) / columnMs));
      for (let c = first; c <= last; c++) {
        const overlapMs = Math.min(endMs, fromMs + (c + 1) * columnMs) - Math.max(startMs, fromMs + c * columnMs);
        if (overlapMs > 0) acc.add(c, b.min, b.max, b.avg, (b.count * overlapMs) / MINUTE_MS);
      }
    });
  }
  for (const point of seconds) {
    if (point.timeMs < splitMs || !Number.isFinite(point.value)) continue;
    const c = Math.floor((point.timeMs - fromMs) / columnMs);
    if (c >= 0 && c < columns) acc.add(c, point.value, point.value, point.value, 1);
  }
  return { fromMs, columnMs, ...acc.result() };
}

/** Min, max and weighted average per column. */
class ColumnAccumulator {
  readonly #min: number[];
  readonly #max: number[];
  readonly #sum: number[];
  readonly #weight: number[];

  constructor(columns: number) {
    this.#min = new Array<number>(columns).fill(Number.NaN);
    this.#max = new Array<number>(columns).fill(Number.NaN);
    this.#sum = new Array<number>(columns).fill(0);
    this.#weight = new Array<number>(columns).fill(0);
  }

  add(column: number, min: number, max: number, avg: number, weight: number): void {
    if (!(min >= this.#min[column]!)) this.#min[column] = min;
    if (!(max <= this.#max[column]!)) this.#max[column] = max;
    this.#sum[column] += avg * weight;
    this.#weight[column] += weight;
  }

  result(): { min: number[]; avg: number[]; max: number[]; count: number[] } {
    const avg = this.#sum.map((sum, c) => (this.#weight[c]! > 0 ? sum / this.#weight[c]! : Number.NaN));
    return { min: this.#min, avg, max: this.#max, count: this.#weight };
  }
}
