// Drives a SystemReader on a schedule and emits one Sample per tick. Owns timing, gaps and error reporting;
// knows nothing about what a metric means (that is the reader's job).

import type { Clock } from '../clock.js';
import type { Sample } from '../types.js';
import { ErrorLatch } from './error-latch.js';
import type { ReadResult, SystemReader } from './system-reader.js';

/**
 * The first sample comes this soon after start() (or intervalMs if shorter), so a dashboard has data at once. 100 ms
 * is 10 jiffies per core: coarse, but a real reading, and the next one a second later is full.
 */
export const FIRST_SAMPLE_DELAY_MS = 100;

export interface SamplerOptions {
  reader: SystemReader;
  clock: Clock;
  /** Time between samples. Change with setIntervalMs() (SIGHUP reload). */
  intervalMs: number;
  /** Time between disk reads; every sample in between carries the last disk values. @default 30000 in config */
  diskIntervalMs: number;
  onSample: (sample: Sample) => void;
  /** Delay of the first sample after start(). @default FIRST_SAMPLE_DELAY_MS */
  firstSampleDelayMs?: number;
  /**
   * A metric group could not be read (`cpu`, `memory`, `load`, `net`, `self`, `disk`, `disk:<mountpoint>`; `reader`
   * or `disk` if the reader itself threw; `onSample` if the subscriber threw). Called once per failure episode:
   * again only after the metric has been read successfully in between.
   */
  onError?: (metric: string, error: unknown) => void;
}

export class Sampler {
  readonly #reader: SystemReader;
  readonly #clock: Clock;
  readonly #onSample: (sample: Sample) => void;
  readonly #onError: (metric: string, error: unknown) => void;
  #intervalMs: number;
  #diskIntervalMs: number;
  readonly #firstSampleDelayMs: number;

  /** Bumped by start() and stop(): a read that resolves under an older generation is dropped. */
  #generation = 0;
  #running = false;
  #cancelTimer: (() => void) | undefined;
  /**
   * When the pending tick is due, in monotonic time (a wall-clock step must neither freeze nor rush sampling); the next
   * one is due intervalMs later, so timer lateness does not accumulate.
   */
  #nextDueMonoMs = 0;
  #tickInFlight = false;

  #diskValues: Record<string, number> = {};
  #diskReadInFlight = false;
  #lastDiskReadStartMonoMs: number | undefined;

  readonly #fastErrors = new ErrorLatch();
  readonly #diskErrors = new ErrorLatch();
  readonly #sinkErrors = new ErrorLatch();

  constructor(options: SamplerOptions) {
    assertPositiveMs('intervalMs', options.intervalMs);
    assertPositiveMs('diskIntervalMs', options.diskIntervalMs);
    this.#reader = options.reader;
    this.#clock = options.clock;
    this.#intervalMs = options.intervalMs;
    this.#diskIntervalMs = options.diskIntervalMs;
    this.#firstSampleDelayMs = options.firstSampleDelayMs ?? FIRST_SAMPLE_DELAY_MS;
    this.#onSample = options.onSample;
    this.#onError = options.onError ?? (() => {});
  }

  get running(): boolean {
    return this.#running;
  }

  /** Takes the CPU/net baseline and starts the first disk read now; the first sample follows within 250 ms. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    const generation = ++this.#generation;
    const startedMonoMs = this.#clock.monoMs();
    this.#diskValues = {};
    this.#lastDiskReadStartMonoMs = undefined;
    this.#startDiskReadIfDue(startedMonoMs);
    // The baseline's values are discarded (no rates yet, and a sample 250 ms later supersedes them); so are its
    // errors, which that first tick will report.
    void this.#reader.readFast().catch(() => undefined).then(() => {
      if (generation !== this.#generation) return;
      this.#schedule(startedMonoMs + Math.min(this.#intervalMs, this.#firstSampleDelayMs));
    });
  }

  /** Cancels the pending tick; nothing is emitted after this returns, even by a read already in flight. */
  stop(): void {
    if (!this.#running) return;
    this.#running = false;
    this.#generation++;
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
    this.#tickInFlight = false;
    this.#diskReadInFlight = false;
  }

  /** New sample interval (config reload). A pending tick is moved to lastTick + ms, or now if that has passed. */
  setIntervalMs(ms: number): void {
    assertPositiveMs('intervalMs', ms);
    const previousMs = this.#intervalMs;
    this.#intervalMs = ms;
    if (this.#running && this.#cancelTimer && !this.#tickInFlight) {
      this.#schedule(this.#nextDueMonoMs - previousMs + ms);
    }
  }

  /** New disk interval (config reload); applies from the next tick. */
  setDiskIntervalMs(ms: number): void {
    assertPositiveMs('diskIntervalMs', ms);
    this.#diskIntervalMs = ms;
  }

  #schedule(dueMonoMs: number): void {
    this.#cancelTimer?.();
    const nowMonoMs = this.#clock.monoMs();
    // A tick that ran past its successor's due time delays it (due in the past -> run now) instead of overlapping.
    this.#nextDueMonoMs = Math.max(dueMonoMs, nowMonoMs);
    const generation = this.#generation;
    this.#cancelTimer = this.#clock.setTimeout(() => {
      this.#cancelTimer = undefined;
      void this.#tick(generation);
    }, this.#nextDueMonoMs - nowMonoMs);
  }

  async #tick(generation: number): Promise<void> {
    const dueMonoMs = this.#nextDueMonoMs;
    const tickStartMs = this.#clock.nowMs(); // the sample's timestamp: wall time
    this.#tickInFlight = true;
    this.#startDiskReadIfDue(this.#clock.monoMs());

    let result: ReadResult;
    try {
      result = await this.#reader.readFast();
    } catch (error: unknown) {
      result = { values: {}, errors: { reader: error } };
    }
    if (generation !== this.#generation) return;
    this.#tickInFlight = false;

    this.#report(this.#fastErrors, result.errors);
    // Schedule before emitting: a subscriber that throws must not stop sampling.
    this.#schedule(dueMonoMs + this.#intervalMs);
    this.#emit({ timeMs: tickStartMs, values: { ...result.values, ...this.#diskValues }, ...(result.subjects ? { subjects: result.subjects } : {}) });
  }

  #startDiskReadIfDue(nowMonoMs: number): void {
    if (this.#diskReadInFlight) return; // a hung disk read never piles up a second one
    if (this.#lastDiskReadStartMonoMs !== undefined && nowMonoMs - this.#lastDiskReadStartMonoMs < this.#diskIntervalMs) return;
    this.#diskReadInFlight = true;
    this.#lastDiskReadStartMonoMs = nowMonoMs;
    const generation = this.#generation;
    // Not awaited by the tick: a slow filesystem delays only the disk values, never the CPU/memory sample.
    void this.#reader.readDisks()
      .catch((error: unknown): ReadResult => ({ values: {}, errors: { disk: error } }))
      .then((result) => {
        if (generation !== this.#generation) return;
        this.#diskReadInFlight = false;
        this.#diskValues = result.values;
        this.#report(this.#diskErrors, result.errors);
      });
  }

  #emit(sample: Sample): void {
    try {
      this.#onSample(sample);
      this.#report(this.#sinkErrors, {});
    } catch (error: unknown) {
      this.#report(this.#sinkErrors, { onSample: error });
    }
  }

  #report(latch: ErrorLatch, errors: Record<string, unknown>): void {
    for (const [metric, error] of latch.update(errors)) this.#onError(metric, error);
  }
}

function assertPositiveMs(name: string, ms: number): void {
  if (!Number.isFinite(ms) || ms <= 0) throw new RangeError(`${name} must be a positive number of ms, got ${ms}`);
}
