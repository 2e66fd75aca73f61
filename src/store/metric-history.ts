// Fixed-size history of every metric: one shared ring of timestamps and one Float64Array per metric key, NaN for a
// gap. Memory stays flat however long srvmon runs; keys that vanish (e.g. container veth interfaces) are dropped once
// a whole history has passed without them.
import type { Sample } from '../types.js';

export interface SeriesPoint {
  timeMs: number;
  /** NaN where the metric was not read. */
  value: number;
}

export class MetricHistory {
  readonly capacity: number;
  readonly #timesMs: Float64Array;
  readonly #series = new Map<string, Float64Array>();
  readonly #lastSeen = new Map<string, number>();
  /** Total samples ever added; the write position is count % capacity. */
  #count = 0;

  constructor(capacity: number) {
    this.capacity = Math.max(1, Math.floor(capacity));
    this.#timesMs = new Float64Array(this.capacity);
  }

  get length(): number {
    return Math.min(this.#count, this.capacity);
  }

  add(sample: Sample): void {
    const slot = this.#count % this.capacity;
    this.#timesMs[slot] = sample.timeMs;
    for (const [key, value] of Object.entries(sample.values)) {
      let series = this.#series.get(key);
      if (!series) {
        series = new Float64Array(this.capacity).fill(Number.NaN);
        this.#series.set(key, series);
      }
      series[slot] = value;
      this.#lastSeen.set(key, this.#count);
    }
    for (const [key, series] of this.#series) {
      const lastSeen = this.#lastSeen.get(key) ?? -1;
      if (lastSeen === this.#count) continue;
      if (this.#count - lastSeen >= this.capacity) {
        this.#series.delete(key);
        this.#lastSeen.delete(key);
      } else {
        series[slot] = Number.NaN;
      }
    }
    this.#count++;
  }

  keys(): string[] {
    return [...this.#series.keys()];
  }

  /** Oldest first; at most `limit` newest points. */
  series(key: string, limit = this.capacity): SeriesPoint[] {
    const data = this.#series.get(key);
    const n = Math.min(this.length, limit);
    const points: SeriesPoint[] = [];
    for (let i = this.#count - n; i < this.#count; i++) {
      const slot = i % this.capacity;
      points.push({ timeMs: this.#timesMs[slot], value: data ? data[slot] : Number.NaN });
    }
    return points;
  }

  /** The newest value of a key, NaN if it was missing in the newest sample. */
  latest(key: string): number {
    if (this.#count === 0) return Number.NaN;
    const data = this.#series.get(key);
    return data ? data[(this.#count - 1) % this.capacity] : Number.NaN;
  }
}
