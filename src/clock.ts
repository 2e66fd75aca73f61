// Time is injected everywhere (engine, throttle, mute expiry, retry backoff) so tests drive it without sleeping.

export interface Clock {
  nowMs(): number;
  /** Run fn after delayMs; returns a cancel function. */
  setTimeout(fn: () => void, delayMs: number): () => void;
}

export const systemClock: Clock = {
  nowMs: () => Date.now(),
  setTimeout(fn, delayMs) {
    const handle = setTimeout(fn, delayMs);
    return () => clearTimeout(handle);
  },
};

/** A clock that only moves when told to: timers fire in order inside advance(). */
export class FakeClock implements Clock {
  #nowMs: number;
  #timers: { atMs: number; seq: number; fn: () => void }[] = [];
  #seq = 0;

  constructor(startMs = Date.UTC(2026, 0, 1)) {
    this.#nowMs = startMs;
  }

  nowMs(): number {
    return this.#nowMs;
  }

  setTimeout(fn: () => void, delayMs: number): () => void {
    const timer = { atMs: this.#nowMs + Math.max(0, delayMs), seq: this.#seq++, fn };
    this.#timers.push(timer);
    return () => {
      this.#timers = this.#timers.filter((t) => t !== timer);
    };
  }

  /** Move time forward by ms, firing due timers in time order (timers set by timers fire too). */
  advance(ms: number): void {
    const targetMs = this.#nowMs + ms;
    for (;;) {
      const due = this.#timers
        .filter((t) => t.atMs <= targetMs)
        .sort((a, b) => a.atMs - b.atMs || a.seq - b.seq)[0];
      if (!due) break;
      this.#timers = this.#timers.filter((t) => t !== due);
      this.#nowMs = due.atMs;
      due.fn();
    }
    this.#nowMs = targetMs;
  }

  pendingTimers(): number {
    return this.#timers.length;
  }
}
