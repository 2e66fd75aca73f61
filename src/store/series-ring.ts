// One metric's values, addressed by sample number, in a ring that starts small and doubles up to the history capacity.
// Memory follows what the metric really holds: a container interface that lived for ten samples costs a few hundred
// bytes, not a whole history's worth (800 KB at 100,000 samples).

/** Slots a new series starts with; doubled whenever the series outgrows them. */
export const INITIAL_SERIES_SLOTS = 16;

export class SeriesRing {
  readonly #capacity: number;
  /** Sample number of the first value; anything before it reads as a gap. */
  readonly #firstIndex: number;
  #lastIndex: number;
  #data: Float64Array;

  /** `capacity`: the most samples ever read back (the history length). */
  constructor(capacity: number, firstIndex: number, value: number) {
    this.#capacity = capacity;
    this.#firstIndex = firstIndex;
    this.#lastIndex = firstIndex;
    this.#data = new Float64Array(Math.min(capacity, INITIAL_SERIES_SLOTS)).fill(Number.NaN);
    this.#data[firstIndex % this.#data.length] = value;
  }

  /** Sample number of the newest value written. */
  get lastIndex(): number {
    return this.#lastIndex;
  }

  get allocatedSlots(): number {
    return this.#data.length;
  }

  /** Write the value of sample `index` (after lastIndex); samples skipped since then become gaps. */
  set(index: number, value: number): void {
    const span = Math.min(index - this.#firstIndex + 1, this.#capacity);
    if (span > this.#data.length) this.#grow(span);
    const data = this.#data;
    // Only the skipped samples that still fit in the ring need clearing; older ones are outside any read.
    for (let i = Math.max(this.#lastIndex + 1, index - data.length + 1); i < index; i++) data[i % data.length] = Number.NaN;
    data[index % data.length] = value;
    this.#lastIndex = index;
  }

  /** NaN for a gap, and for a sample before the first value, after the newest, or no longer held. */
  get(index: number): number {
    const data = this.#data;
    if (index < this.#firstIndex || index > this.#lastIndex || index <= this.#lastIndex - data.length) return Number.NaN;
    return data[index % data.length]!;
  }

  #grow(span: number): void {
    const old = this.#data;
    let slots = old.length;
    while (slots < span) slots = Math.min(this.#capacity, slots * 2);
    const next = new Float64Array(slots).fill(Number.NaN);
    for (let i = Math.max(this.#firstIndex, this.#lastIndex - old.length + 1); i <= this.#lastIndex; i++) next[i % slots] = old[i % old.length]!;
    this.#data = next;
  }
}
