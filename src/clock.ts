// Time is injected everywhere (engine, throttle, mute expiry, retry backoff) so tests drive it without sleeping.
//
// Two clocks, for two jobs. Wall time (nowMs) is for timestamps and for what the user schedules (a mute until 14:00,
// state that must mean something after a restart). Monotonic time (monoMs) is for every decision that must survive a
// wall-clock step (an NTP step, a VM resume): when to sample, when to retry, when a pause or a rate window ends.
// setTimeout is monotonic too (Node's timers are).

export interface Clock {
  /** Wall-clock time, ms since the epoch. May jump backwards or forwards. */
  nowMs(): number;
  /** Monotonic time in ms from an arbitrary origin: never jumps, only comparable with itself within one process. */
  monoMs(): number;
  /** Run fn after delayMs (monotonic); returns a cancel function. */
  setTimeout(fn: () => void, delayMs: number): () => void;
}

export const systemClock: Clock = {
  nowMs: () => Date.now(),
  monoMs: () => performance.now(),
  setTimeout(fn, delayMs) {
    const handle = setTimeout(fn, delayMs);
    return () => clearTimeout(handle);
  },
};

/**
 * A clock that only moves when told to: timers fire in order inside advance(). stepWall() moves the wall clock alone,
 * as an NTP step does, so tests can prove that a decision does not depend on it.
 */
export class FakeClock implements Clock {
  #nowMs: number;
  #monoMs = 1_000_000;
  #timers: { atMonoMs: number; seq: number; fn: () => void }[] = [];
  #seq = 0;

  constructor(startMs = Date.UTC(2026, 0, 1)) {
    this.#nowMs = startMs;
  }

  nowMs(): number {
    return this.#nowMs;
  }

  monoMs(): number {
    return this.#monoMs;
  }

  setTimeout(fn: () => void, delayMs: number): () => void {
    const timer = { atMonoMs: this.#monoMs + Math.max(0, delayMs), seq: this.#seq++, fn };
    this.#timers.push(timer);
    return () => {
      this.#timers = this.#timers.filter((t) => t !== timer);
    };
  }

  /** Move both clocks forward by ms, firing due timers in time order (timers set by timers fire too). */
  advance(ms: number): void {
    const targetMonoMs = this.#monoMs + ms;
    for (;;) {
      const due = this.#timers
        .filter((t) => t.atMonoMs <= targetMonoMs)
        .sort((a, b) => a.atMonoMs - b.atMonoMs || a.seq - b.seq)[0];
      if (!due) break;
      this.#timers = this.#timers.filter((t) => t !== due);
      this.#nowMs += due.atMonoMs - this.#monoMs;
      this.#monoMs = due.atMonoMs;
      due.fn();
    }
    this.#nowMs += targetMonoMs - this.#monoMs;
    this.#monoMs = targetMonoMs;
  }

  /** Step the wall clock alone by deltaMs (negative: backwards), as NTP or a VM resume does. No timer fires. */
  stepWall(deltaMs: number): void {
    this.#nowMs += deltaMs;
  }

  pendingTimers(): number {
    return this.#timers.length;
  }
}
