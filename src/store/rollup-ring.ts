// One metric's per-minute min/avg/max/count over a fixed window (a day by default), in a ring addressed by the minute
// number on the wall clock (floor(timeMs / 60 s)), so that buckets line up with the chart's time axis and with what a
// restarted monitor reloads. Columns are Float32 (a chart needs 7 digits, not 16) and a Uint16 count: 14 bytes a
// minute, 20 KB a day per metric.
//
// The wall clock may step. A sample dated before the newest bucket (an NTP step back, a VM clock corrected) is folded
// into the newest bucket, so nothing is lost and no older minute is rewritten; a step forward leaves the minutes in
// between empty, as a gap.

export const MINUTE_MS = 60_000;

/** Bytes of one minute in the columns: min, avg, max as Float32, count as Uint16. */
export const ROLLUP_BYTES_PER_MINUTE = 3 * Float32Array.BYTES_PER_ELEMENT + Uint16Array.BYTES_PER_ELEMENT;

/** Samples counted in one bucket at most; more still move min, max and the average. */
export const MAX_BUCKET_COUNT = 0xffff;

export interface RollupBucket {
  /** floor(wall ms / 60,000): the bucket covers [minute × 60 s, (minute + 1) × 60 s). */
  minute: number;
  min: number;
  avg: number;
  max: number;
  /** Samples folded in (saturates at MAX_BUCKET_COUNT). */
  count: number;
}

/** A run of minutes as columns, each array of the same length. */
export interface RollupColumns {
  min: Float32Array;
  avg: Float32Array;
  max: Float32Array;
  count: Uint16Array;
}

/** The minute a wall-clock time falls in. */
export function minuteOf(timeMs: number): number {
  return Math.floor(timeMs / MINUTE_MS);
}

export class RollupRing {
  /** Minutes held: the window. */
  readonly capacityMinutes: number;
  readonly #min: Float32Array;
  readonly #avg: Float32Array;
  readonly #max: Float32Array;
  readonly #count: Uint16Array;
  /** Minute of the newest bucket; NaN while empty. */
  #lastMinute = Number.NaN;
  /** Exact sum of the newest bucket, so its average does not drift by a Float32 rounding per sample. */
  #openSum = 0;
  /** Exact count of the newest bucket, beyond the Uint16 saturation, so its average stays right. */
  #openCount = 0;

  constructor(capacityMinutes: number) {
    this.capacityMinutes = Math.max(1, Math.floor(capacityMinutes));
    this.#min = new Float32Array(this.capacityMinutes);
    this.#avg = new Float32Array(this.capacityMinutes);
    this.#max = new Float32Array(this.capacityMinutes);
    this.#count = new Uint16Array(this.capacityMinutes);
  }

  /** Minute of the newest bucket, undefined while nothing was added. */
  get lastMinute(): number | undefined {
    return Number.isNaN(this.#lastMinute) ? undefined : this.#lastMinute;
  }

  /** Bytes of the typed arrays: what this ring costs beyond a few fields. */
  get allocatedBytes(): number {
    return this.capacityMinutes * ROLLUP_BYTES_PER_MINUTE;
  }

  /**
   * Fold a value into the bucket of `minute`; a minute before the newest bucket folds into the newest bucket.
   * A value that is not a finite number is a missing reading: ignored.
   */
  add(minute: number, value: number): void {
    if (!Number.isFinite(value) || !Number.isFinite(minute)) return;
    const slot = this.#advanceTo(Math.floor(minute));
    if (this.#openCount === 0) {
      this.#min[slot] = value;
      this.#max[slot] = value;
    } else {
      if (value < this.#min[slot]!) this.#min[slot] = value;
      if (value > this.#max[slot]!) this.#max[slot] = value;
    }
    this.#openSum += value;
    this.#openCount++;
    this.#avg[slot] = this.#openSum / this.#openCount;
    this.#count[slot] = Math.min(this.#openCount, MAX_BUCKET_COUNT);
  }

  /**
   * Put back a whole bucket read from disk. Buckets must come in increasing minute order, after any added; one
   * dated before the newest is refused (returns false), as is one that breaks min <= avg <= max.
   */
  restore(bucket: RollupBucket): boolean {
    const { minute, min, avg, max, count } = bucket;
    if (!Number.isInteger(minute) || !Number.isInteger(count) || count < 1 || count > MAX_BUCKET_COUNT) return false;
    if (!(Number.isFinite(min) && Number.isFinite(avg) && Number.isFinite(max) && min <= avg && avg <= max)) return false;
    if (!Number.isNaN(this.#lastMinute) && minute <= this.#lastMinute) return false;
    const slot = this.#advanceTo(minute);
    this.#min[slot] = min;
    this.#avg[slot] = avg;
    this.#max[slot] = max;
    this.#count[slot] = count;
    // Samples of the same minute after a restart continue this bucket's average.
    this.#openSum = avg * count;
    this.#openCount = count;
    return true;
  }

  /** The bucket of `minute`, undefined if it holds no sample or is outside the window. */
  at(minute: number): RollupBucket | undefined {
    const slot = this.#slotOf(minute);
    if (slot < 0 || this.#count[slot] === 0) return undefined;
    return { minute, min: this.#min[slot]!, avg: this.#avg[slot]!, max: this.#max[slot]!, count: this.#count[slot]! };
  }

  /** Calls fn for each bucket holding samples with fromMinute <= minute <= toMinute, oldest first. */
  forEach(fromMinute: number, toMinute: number, fn: (bucket: RollupBucket) => void): void {
    if (Number.isNaN(this.#lastMinute)) return;
    const first = Math.max(Math.ceil(fromMinute), this.#lastMinute - this.capacityMinutes + 1);
    const last = Math.min(Math.floor(toMinute), this.#lastMinute);
    for (let minute = first; minute <= last; minute++) {
      const bucket = this.at(minute);
      if (bucket) fn(bucket);
    }
  }

  /** Oldest minute in the window that holds a sample; undefined while empty. */
  firstMinute(): number | undefined {
    if (Number.isNaN(this.#lastMinute)) return undefined;
    for (let minute = this.#lastMinute - this.capacityMinutes + 1; minute <= this.#lastMinute; minute++) {
      if (this.#count[mod(minute, this.capacityMinutes)] !== 0) return minute;
    }
    return undefined;
  }

  /**
   * Copies the columns of `out.count.length` minutes from fromMinute (inside the window) into out: whole typed-array
   * copies, no object per minute, because the writer does this for a day of every key once a minute. Minutes without
   * a sample come out as zeros.
   */
  copyColumns(fromMinute: number, out: RollupColumns): void {
    const minutes = out.count.length;
    if (Number.isNaN(this.#lastMinute) || fromMinute <= this.#lastMinute - this.capacityMinutes || fromMinute + minutes - 1 > this.#lastMinute) {
      throw new RangeError(`minutes ${fromMinute}+${minutes} are outside the window`);
    }
    let done = 0;
    while (done < minutes) {
      const slot = mod(fromMinute + done, this.capacityMinutes);
      const run = Math.min(minutes - done, this.capacityMinutes - slot);
      out.min.set(this.#min.subarray(slot, slot + run), done);
      out.avg.set(this.#avg.subarray(slot, slot + run), done);
      out.max.set(this.#max.subarray(slot, slot + run), done);
      out.count.set(this.#count.subarray(slot, slot + run), done);
      done += run;
    }
  }

  /** Slot of `minute` if it is inside the window, else -1. */
  #slotOf(minute: number): number {
    if (Number.isNaN(this.#lastMinute) || !Number.isInteger(minute)) return -1;
    if (minute > this.#lastMinute || minute <= this.#lastMinute - this.capacityMinutes) return -1;
    return mod(minute, this.capacityMinutes);
  }

  /** Make `minute` (or the newest bucket, if it is older) the open bucket; returns its slot. */
  #advanceTo(minute: number): number {
    if (Number.isNaN(this.#lastMinute)) {
      this.#lastMinute = minute;
      this.#clear(mod(minute, this.capacityMinutes));
    } else if (minute > this.#lastMinute) {
      // Only skipped minutes that still fit in the ring need clearing: a jump of more than the window clears it all.
      const from = Math.max(this.#lastMinute + 1, minute - this.capacityMinutes + 1);
      for (let m = from; m <= minute; m++) this.#clear(mod(m, this.capacityMinutes));
      this.#lastMinute = minute;
    }
    return mod(this.#lastMinute, this.capacityMinutes);
  }

  #clear(slot: number): void {
    this.#min[slot] = 0;
    this.#avg[slot] = 0;
    this.#max[slot] = 0;
    this.#count[slot] = 0;
    this.#openSum = 0;
    this.#openCount = 0;
  }
}

function mod(n: number, m: number): number {
  return ((n % m) + m) % m;
}
