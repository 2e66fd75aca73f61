// The day of per-minute history beside the per-second ring: the owning monitor passes every sample to add(), the
// recorder folds the charted keys into one RollupRing each, and writes them to the state dir at most once a minute
// (decided on the monotonic clock, so a wall-clock step neither floods the disk nor stops the writes) and at stop().
// load() at start puts the last day back, so the charts of a restarted monitor are full at once.
//
// Memory and the file are bounded whatever the keys do: a key unseen for the whole window is dropped, each keyed
// family holds at most maxKeysPerFamily keys and all of them at most maxKeys; a newcomer in a full family takes the
// place of the member seen least recently, if that one is absent in the current minute.
import type { Clock } from '../clock.js';
import type { Sample } from '../types.js';
import type { RollupFile } from './rollup-file.js';
import { MAX_ROLLUP_CAPACITY_MINUTES } from './rollup-file.js';
import {
  DEFAULT_MAX_ROLLUP_KEYS,
  DEFAULT_MAX_ROLLUP_KEYS_PER_FAMILY,
  MAX_ROLLUP_KEY_BYTES,
  familyOf,
  isChartedKey,
  type RollupKeyPredicate,
} from './rollup-keys.js';
import { MINUTE_MS, RollupRing, minuteOf } from './rollup-ring.js';

export const DEFAULT_ROLLUP_WINDOW_MS = 24 * 3_600_000;
export const DEFAULT_ROLLUP_FLUSH_INTERVAL_MS = MINUTE_MS;

export interface RollupRecorderOptions {
  /** Wall time dates the buckets (from each sample); monotonic time spaces the writes. */
  clock: Clock;
  /**
   * Where the rollups persist; null keeps them in memory only (no state dir). An attached dashboard passes its own
   * RollupStore that loads the agent's rollups from the snapshot and saves nothing.
   */
  file: RollupStore | null;
  /** One-line warnings: a file ignored, a write that failed, a cap reached. */
  onWarning: (message: string) => void;
  /** How far back the rollups reach, rounded up to whole minutes, at most a day. @default 86400000 (24 h) */
  windowMs?: number;
  /** Which keys get rollups. @default isChartedKey */
  isCharted?: RollupKeyPredicate;
  /** @default 64 */
  maxKeysPerFamily?: number;
  /** @default 240 */
  maxKeys?: number;
  /** Least time between two writes, on the monotonic clock. @default 60000 */
  flushIntervalMs?: number;
}

/** What the recorder needs of its file (a RollupFile is one). */
export type RollupStore = Pick<RollupFile, 'path' | 'load' | 'save'>;

export class RollupRecorder {
  readonly capacityMinutes: number;
  readonly maxKeysPerFamily: number;
  readonly maxKeys: number;
  readonly #clock: Clock;
  readonly #file: RollupStore | null;
  readonly #warn: (message: string) => void;
  readonly #isCharted: RollupKeyPredicate;
  readonly #flushIntervalMs: number;
  readonly #rings = new Map<string, RollupRing>();
  readonly #familySizes = new Map<string, number>();
  /** Cap warnings already given (a family name, or "" for the total cap and "\n" for long names). */
  readonly #warnedCaps = new Set<string>();
  /** The newest minute any sample was dated in: an older sample (clock stepped back) is folded into it. */
  #headMinute = Number.NaN;
  #lastFlushMonoMs: number;
  #cancelFlush: (() => void) | null = null;
  #dirty = false;
  #added = false;
  #stopped = false;

  constructor(options: RollupRecorderOptions) {
    this.#clock = options.clock;
    this.#file = options.file;
    this.#warn = options.onWarning;
    this.#isCharted = options.isCharted ?? isChartedKey;
    this.#flushIntervalMs = Math.max(0, options.flushIntervalMs ?? DEFAULT_ROLLUP_FLUSH_INTERVAL_MS);
    const windowMs = options.windowMs ?? DEFAULT_ROLLUP_WINDOW_MS;
    this.capacityMinutes = Math.min(MAX_ROLLUP_CAPACITY_MINUTES, Math.max(1, Math.ceil(windowMs / MINUTE_MS)));
    this.maxKeysPerFamily = Math.max(1, Math.floor(options.maxKeysPerFamily ?? DEFAULT_MAX_ROLLUP_KEYS_PER_FAMILY));
    this.maxKeys = Math.max(1, Math.floor(options.maxKeys ?? DEFAULT_MAX_ROLLUP_KEYS));
    // The first write comes a full interval after start: what was just loaded is already on disk.
    this.#lastFlushMonoMs = this.#clock.monoMs();
  }

  /**
   * Puts back the rollups of the last run (call once, before the first add). Minutes dated after now (the clock was
   * ahead when they were written) are dropped: kept, they would swallow every new sample until the clock caught up.
   */
  load(): void {
    if (this.#added) throw new Error('RollupRecorder.load() must come before the first add()');
    const stored = this.#file?.load();
    if (!stored) return;
    const nowMinute = minuteOf(this.#clock.nowMs());
    /** Distinct minutes after now, over all keys. */
    const future = new Set<number>();
    for (const series of stored.series) {
      if (this.#rings.has(series.key) || !this.#acceptable(series.key) || !this.#hasRoom(series.key)) continue;
      const ring = new RollupRing(this.capacityMinutes);
      for (let i = 0; i < series.minutes; i++) {
        const bucket = series.bucket(i);
        if (bucket === undefined || bucket.minute <= nowMinute - this.capacityMinutes) continue;
        if (bucket.minute > nowMinute) future.add(bucket.minute);
        else ring.restore(bucket);
      }
      const last = ring.lastMinute;
      if (last === undefined) continue;
      this.#insert(series.key, ring);
      if (!(last <= this.#headMinute)) this.#headMinute = last;
    }
    if (future.size > 0) {
      this.#warn(`${this.#file!.path}: ${future.size} minutes dated after now dropped (the clock was ahead when they were written)`);
    }
  }

  /** Folds one sample into the rollups; schedules a write if none is pending. */
  add(sample: Sample): void {
    if (this.#stopped) return;
    this.#added = true;
    const minute = minuteOf(sample.timeMs);
    if (!Number.isFinite(minute)) return;
    if (!(minute <= this.#headMinute)) {
      this.#headMinute = minute;
      this.#dropUnseen();
    }
    const fresh: [string, number][] = [];
    for (const [key, value] of Object.entries(sample.values)) {
      if (!Number.isFinite(value)) continue;
      const ring = this.#rings.get(key);
      if (ring) ring.add(this.#headMinute, value);
      else if (this.#isCharted(key)) fresh.push([key, value]);
    }
    // New keys after the known ones, so a family member present in this sample is never pushed out for them.
    for (const [key, value] of fresh) {
      if (!this.#acceptable(key) || !this.#makeRoom(key)) continue;
      const ring = new RollupRing(this.capacityMinutes);
      ring.add(this.#headMinute, value);
      this.#insert(key, ring);
    }
    this.#dirty = true;
    this.#scheduleFlush();
  }

  /** Writes now if anything changed since the last write (the timer calls it; so does stop()). */
  flush(): void {
    this.#cancelFlush?.();
    this.#cancelFlush = null;
    if (!this.#dirty || !this.#file) return;
    this.#lastFlushMonoMs = this.#clock.monoMs();
    // A failed write stays dirty: the next sample schedules another try a whole interval later.
    if (this.#file.save(this.#rings, this.capacityMinutes)) this.#dirty = false;
  }

  /** Writes what is left and stops: later samples are ignored, no timer stays behind. */
  stop(): void {
    if (this.#stopped) return;
    this.flush();
    this.#stopped = true;
  }

  ring(key: string): RollupRing | undefined {
    return this.#rings.get(key);
  }

  keys(): string[] {
    return [...this.#rings.keys()];
  }

  /** Every key's ring, for encoding (the control socket's snapshot). */
  entries(): IterableIterator<[string, RollupRing]> {
    return this.#rings.entries();
  }

  /** Minute of the newest sample (or loaded bucket); undefined before any. */
  get headMinute(): number | undefined {
    return Number.isNaN(this.#headMinute) ? undefined : this.#headMinute;
  }

  /** Bytes of all rings' columns. */
  allocatedBytes(): number {
    let bytes = 0;
    for (const ring of this.#rings.values()) bytes += ring.allocatedBytes;
    return bytes;
  }

  #scheduleFlush(): void {
    if (this.#cancelFlush || !this.#file) return;
    const dueInMs = Math.max(0, this.#lastFlushMonoMs + this.#flushIntervalMs - this.#clock.monoMs());
    this.#cancelFlush = this.#clock.setTimeout(() => {
      this.#cancelFlush = null;
      this.flush();
    }, dueInMs);
  }

  /** Keys with nothing left in the window (an interface gone for a day). */
  #dropUnseen(): void {
    for (const [key, ring] of this.#rings) {
      if (ring.lastMinute! <= this.#headMinute - this.capacityMinutes) this.#delete(key);
    }
  }

  #acceptable(key: string): boolean {
    if (!this.#isCharted(key)) return false;
    if (Buffer.byteLength(key, 'utf8') <= MAX_ROLLUP_KEY_BYTES) return true;
    this.#warnOnce('\n', `a metric name over ${MAX_ROLLUP_KEY_BYTES} bytes gets no day of history (${key.slice(0, 40)}...)`);
    return false;
  }

  /** At load: room only if the caps allow, nobody is pushed out. */
  #hasRoom(key: string): boolean {
    const family = familyOf(key);
    if (this.#rings.size >= this.maxKeys) return false;
    return family === null || (this.#familySizes.get(family) ?? 0) < this.maxKeysPerFamily;
  }

  /** Whether a new key may have a ring; in a full family (or set) the member seen least recently, if absent, makes way. */
  #makeRoom(key: string): boolean {
    const family = familyOf(key);
    if (family !== null && (this.#familySizes.get(family) ?? 0) >= this.maxKeysPerFamily) {
      this.#warnOnce(family, `more than ${this.maxKeysPerFamily} ${family} metrics: the day of history keeps those seen most recently (${key} made it full)`);
      if (!this.#evictOldestAbsent((other) => familyOf(other) === family)) return false;
    }
    if (this.#rings.size >= this.maxKeys) {
      this.#warnOnce('', `more than ${this.maxKeys} metrics: the day of history keeps those seen most recently (${key} made it full)`);
      // Plain keys (cpu, memory...) are fixed by the code: only keyed ones make way.
      if (!this.#evictOldestAbsent((other) => familyOf(other) !== null)) return false;
    }
    return true;
  }

  #evictOldestAbsent(matches: (key: string) => boolean): boolean {
    let oldestKey: string | undefined;
    let oldestMinute = this.#headMinute;
    for (const [other, ring] of this.#rings) {
      if (ring.lastMinute! < oldestMinute && matches(other)) {
        oldestKey = other;
        oldestMinute = ring.lastMinute!;
      }
    }
    if (oldestKey === undefined) return false;
    this.#delete(oldestKey);
    return true;
  }

  #warnOnce(cap: string, message: string): void {
    if (this.#warnedCaps.has(cap)) return;
    this.#warnedCaps.add(cap);
    this.#warn(message);
  }

  #insert(key: string, ring: RollupRing): void {
    this.#rings.set(key, ring);
    const family = familyOf(key);
    if (family !== null) this.#familySizes.set(family, (this.#familySizes.get(family) ?? 0) + 1);
  }

  #delete(key: string): void {
    this.#rings.delete(key);
    const family = familyOf(key);
    if (family !== null) this.#familySizes.set(family, (this.#familySizes.get(family) ?? 1) - 1);
  }
}
