// The last `size` readings of one metric. A gap (missing reading) empties it, so that an average is only ever
// taken over `size` consecutive real samples: fewer samples than the window (at start or after a gap) never fire.
export class RollingWindow {
  readonly size: number;
  #values: number[] = [];
  #sum = 0;

  constructor(size: number) {
    this.size = Math.max(1, Math.floor(size));
  }

  push(value: number): void {
    this.#values.push(value);
    this.#sum += value;
    if (this.#values.length > this.size) this.#sum -= this.#values.shift() as number;
  }

  gap(): void {
    this.#values = [];
    this.#sum = 0;
  }

  /** The mean of the last `size` values, or undefined until the window is full. */
  average(): number | undefined {
    if (this.#values.length < this.size) return undefined;
    // Re-sum instead of trusting the running sum: floating drift over days would otherwise creep in.
    return this.#values.reduce((a, b) => a + b, 0) / this.size;
  }
}
