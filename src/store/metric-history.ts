// The history of every metric: one shared ring of timestamps and one growing ring per metric key (series-ring.ts),
// NaN for a gap. Memory is bounded however the keys churn: a series only grows as far as its values reach, a key
// unseen for a whole history is dropped, and each keyed family (`netRx:*`, `disk:*`, `cpu:*`...) holds at most
// maxSeriesPerFamily series, so a container host with hundreds of short-lived veth interfaces costs little.
import type { Sample } from '../types.js';
import { SeriesRing } from './series-ring.js';

export interface SeriesPoint {
  timeMs: number;
  /** NaN where the metric was not read. */
  value: number;
}

/** A family reached its cap and a key had to be left out of (or pushed out of) the history. */
export interface FamilyCapped {
  /** e.g. "netRx" */
  family: string;
  max: number;
  /** The key that did not fit. */
  key: string;
  /** Time of the sample that hit the cap. */
  timeMs: number;
}

export interface MetricHistoryOptions {
  /**
   * Most series kept per keyed family (the part of a key before ":"). Live values, alerts and /metrics are not
   * affected by it: they read the newest sample, not the history. @default 64
   */
  maxSeriesPerFamily?: number;
  /** Called once per family, the first time its cap keeps a key out of the history or pushes one out early. */
  onFamilyCapped?: (capped: FamilyCapped) => void;
}

export const DEFAULT_MAX_SERIES_PER_FAMILY = 64;

export class MetricHistory {
  readonly capacity: number;
  readonly maxSeriesPerFamily: number;
  readonly #onFamilyCapped: ((capped: FamilyCapped) => void) | undefined;
  readonly #timesMs: Float64Array;
  readonly #series = new Map<string, SeriesRing>();
  readonly #familySizes = new Map<string, number>();
  /** Families already reported to onFamilyCapped. */
  readonly #cappedFamilies = new Set<string>();
  /** Family -> sample number at which every one of its series was found present: no room until the next sample. */
  readonly #familyFullAt = new Map<string, number>();
  /** Total samples ever added; sample n sits at n % capacity. */
  #count = 0;

  constructor(capacity: number, options: MetricHistoryOptions = {}) {
    this.capacity = Math.max(1, Math.floor(capacity));
    this.maxSeriesPerFamily = Math.max(1, Math.floor(options.maxSeriesPerFamily ?? DEFAULT_MAX_SERIES_PER_FAMILY));
    this.#onFamilyCapped = options.onFamilyCapped;
    this.#timesMs = new Float64Array(this.capacity);
  }

  get length(): number {
    return Math.min(this.#count, this.capacity);
  }

  add(sample: Sample): void {
    const index = this.#count;
    this.#timesMs[index % this.capacity] = sample.timeMs;
    this.#dropUnseen(index);
    const fresh: [string, number][] = [];
    for (const [key, value] of Object.entries(sample.values)) {
      const series = this.#series.get(key);
      if (series) series.set(index, value);
      else fresh.push([key, value]);
    }
    // New keys come after the known ones, so that a family member present in this sample is never pushed out for them.
    for (const [key, value] of fresh) {
      if (this.#makeRoom(key, index, sample.timeMs)) this.#insert(key, new SeriesRing(this.capacity, index, value));
    }
    this.#count++;
  }

  keys(): string[] {
    return [...this.#series.keys()];
  }

  /** Value slots held by all series (8 bytes each): what the history costs beyond its fixed timestamp ring. */
  allocatedSlots(): number {
    let slots = 0;
    for (const series of this.#series.values()) slots += series.allocatedSlots;
    return slots;
  }

  /** Oldest first; at most `limit` newest points. */
  series(key: string, limit = this.capacity): SeriesPoint[] {
    const data = this.#series.get(key);
    const n = Math.min(this.length, limit);
    const points: SeriesPoint[] = [];
    for (let i = this.#count - n; i < this.#count; i++) {
      points.push({ timeMs: this.#timesMs[i % this.capacity]!, value: data ? data.get(i) : Number.NaN });
    }
    return points;
  }

  /** The newest value of a key, NaN if it was missing in the newest sample. */
  latest(key: string): number {
    return this.#series.get(key)?.get(this.#count - 1) ?? Number.NaN;
  }

  /** Keys with no value left in the history once sample `index` is in (e.g. a container's veth, long gone). */
  #dropUnseen(index: number): void {
    for (const [key, series] of this.#series) {
      if (index - series.lastIndex >= this.capacity) this.#delete(key);
    }
  }

  /** Whether a new key may have a series; in a full family the least recently seen absent member makes way. */
  #makeRoom(key: string, index: number, timeMs: number): boolean {
    const family = familyOf(key);
    if (family === null || (this.#familySizes.get(family) ?? 0) < this.maxSeriesPerFamily) return true;
    this.#reportCapped({ family, max: this.maxSeriesPerFamily, key, timeMs });
    if (this.#familyFullAt.get(family) === index) return false;
    let oldestKey: string | undefined;
    let oldestIndex = index;
    for (const [other, series] of this.#series) {
      if (series.lastIndex < oldestIndex && familyOf(other) === family) {
        oldestKey = other;
        oldestIndex = series.lastIndex;
      }
    }
    if (oldestKey === undefined) {
      this.#familyFullAt.set(family, index);
      return false;
    }
    this.#delete(oldestKey);
    return true;
  }

  #reportCapped(capped: FamilyCapped): void {
    if (this.#cappedFamilies.has(capped.family)) return;
    this.#cappedFamilies.add(capped.family);
    this.#onFamilyCapped?.(capped);
  }

  #insert(key: string, series: SeriesRing): void {
    this.#series.set(key, series);
    const family = familyOf(key);
    if (family !== null) this.#familySizes.set(family, (this.#familySizes.get(family) ?? 0) + 1);
  }

  #delete(key: string): void {
    this.#series.delete(key);
    const family = familyOf(key);
    if (family !== null) this.#familySizes.set(family, (this.#familySizes.get(family) ?? 1) - 1);
  }
}

/** "netRx" for "netRx:eth0"; null for a plain key ("cpu", "memory"), whose number is fixed by the code. */
function familyOf(key: string): string | null {
  const colon = key.indexOf(':');
  return colon < 0 ? null : key.slice(0, colon);
}
