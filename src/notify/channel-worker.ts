// Delivers one channel's queue, one attempt at a time. Each channel has its own worker, so a failing channel never
// delays a healthy one. Inside a channel the entry due first goes first (not strictly the oldest): a notification
// that keeps failing (a receiver that refuses one payload) waits for its own retry without holding back the ones
// behind it. When different notifications fail in a row the channel itself looks down and waits as a whole, so a
// down channel gets one probe per backoff, not one per queued notification.
//
// Retries back off exponentially for up to 24 h; a rate limit or a quota pause from the channel is honoured. Every
// decision about time uses the monotonic clock (a wall-clock step neither freezes retries nor ages an entry by a
// day); the disk gets wall times. An accepted notification leaves the queue whatever the disk says, and nothing is
// dropped without a delivery event saying so.
import type { Clock } from '../clock.js';
import { redactText } from '../config/redact.js';
import type { ChannelStatus, DeliveryEvent } from '../types.js';
import { MAX_RETRY_AGE_MS, retryDelayMs } from './backoff.js';
import type { Channel, SendResult } from './channel.js';
import type { OutboxEntry, OutboxStore, StoredEntry } from './outbox-store.js';
import { nextIndex, queuedFromDisk, queuedNew, type QueuedEntry } from './queued-entry.js';

/** What a reload hands from the stopped worker of a channel to its successor: the queue and its schedule as they are. */
export interface WorkerHandover {
  queue: QueuedEntry[];
  pausedUntilMonoMs: number;
  holdUntilMonoMs: number;
  streak: FailStreak;
  status: ChannelStatus;
}

/** Retryable failures since the last success, and whether they were of more than one notification. */
interface FailStreak {
  count: number;
  firstId?: string;
  mixed: boolean;
}

export interface ChannelWorkerOptions {
  channel: Channel;
  outbox: OutboxStore;
  clock: Clock;
  onDelivery: (event: DeliveryEvent) => void;
  onStatus: (status: ChannelStatus) => void;
  random?: () => number;
  /** The queue of the worker this one replaces (SIGHUP), taken over with every schedule and attempt count. */
  handover?: WorkerHandover;
}

export class ChannelWorker {
  readonly #channel: Channel;
  readonly #outbox: OutboxStore;
  readonly #clock: Clock;
  readonly #onDelivery: (event: DeliveryEvent) => void;
  readonly #onStatus: (status: ChannelStatus) => void;
  readonly #random: () => number;
  readonly #queue: QueuedEntry[];
  #seq: number;
  #status: ChannelStatus;
  /** The channel asked for a pause (a daily quota): nothing is attempted before this monotonic time. */
  #pausedUntilMonoMs: number;
  /** The channel as a whole waits until this monotonic time: a rate limit, or it looks down. */
  #holdUntilMonoMs: number;
  #streak: FailStreak;
  #busy = false;
  /** The attempt under way, so that stop() can wait for it (a reload must not send the same entry twice). */
  #inflight: Promise<void> | null = null;
  #stopped = false;
  #cancelWake: (() => void) | null = null;
  #idleWaiters: (() => void)[] = [];

  constructor(options: ChannelWorkerOptions) {
    this.#channel = options.channel;
    this.#outbox = options.outbox;
    this.#clock = options.clock;
    this.#onDelivery = options.onDelivery;
    this.#onStatus = options.onStatus;
    this.#random = options.random ?? Math.random;
    const handover = options.handover;
    this.#queue = handover ? [...handover.queue] : [];
    this.#seq = this.#queue.reduce((max, queued) => Math.max(max, queued.seq + 1), 0);
    this.#pausedUntilMonoMs = handover?.pausedUntilMonoMs ?? 0;
    this.#holdUntilMonoMs = handover?.holdUntilMonoMs ?? 0;
    this.#streak = handover?.streak ?? { count: 0, mixed: false };
    this.#status = handover?.status ?? { channel: options.channel.name, queueDepth: 0, sentTotal: 0, failedTotal: 0 };
  }

  get status(): ChannelStatus {
    return this.#status;
  }

  /**
   * Entries read from disk (a restart, a channel configured again, entries parked before): each keeps its schedule.
   * One whose attempt was cut short by a crash has that attempt counted and waits the backoff it earned.
   */
  restore(stored: StoredEntry[]): void {
    for (const entry of stored) {
      if (entry.interrupted) entry.entry.nextAttemptMs = Math.max(entry.entry.nextAttemptMs, this.#clock.nowMs() + retryDelayMs(entry.entry.attempts, this.#random));
      this.#queue.push(queuedFromDisk(entry, this.#clock, this.#seq++));
    }
    this.#publish({});
    this.#pump();
  }

  /** A new notification. It is on disk when this returns (unless the disk refuses: then it is sent from memory). */
  add(stored: StoredEntry): void {
    const queued = queuedNew(stored, this.#clock, this.#seq++);
    this.#outbox.write(queued.entry, queued.file);
    this.#queue.push(queued);
    this.#publish({});
    this.#pump();
  }

  /** The alert events queued; a list message's stand-in event is not one (its alerts were told the engine before). */
  queuedEvents(): OutboxEntry['event'][] {
    return this.#queue.filter((queued) => !queued.entry.digest).map((queued) => queued.entry.event);
  }

  /** No new attempt starts; resolves once the one under way (if any) has finished and recorded its result. */
  stop(): Promise<void> {
    this.#stopped = true;
    this.#cancelWake?.();
    this.#cancelWake = null;
    return this.#inflight ?? Promise.resolve();
  }

  /** The queue and its schedule, for the worker that replaces this one. Only once stopped and idle. */
  handOver(): WorkerHandover {
    if (!this.#stopped || this.#busy) throw new Error(`bug: the ${this.#channel.name} worker was handed over while running`);
    return {
      queue: [...this.#queue],
      pausedUntilMonoMs: this.#pausedUntilMonoMs,
      holdUntilMonoMs: this.#holdUntilMonoMs,
      streak: this.#streak,
      status: this.#status,
    };
  }

  /** Resolves when the queue is empty or only holds entries waiting for a retry (tests, benchmark). */
  whenIdle(): Promise<void> {
    if (!this.#busy && !this.#dueNow()) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  /** Monotonic time the next attempt may start, or undefined when the queue is empty. */
  #nextStartMonoMs(): number | undefined {
    const queued = this.#queue[nextIndex(this.#queue)];
    return queued && Math.max(queued.dueMonoMs, this.#pausedUntilMonoMs, this.#holdUntilMonoMs);
  }

  #dueNow(): boolean {
    const startMonoMs = this.#nextStartMonoMs();
    return startMonoMs !== undefined && startMonoMs <= this.#clock.monoMs();
  }

  #pump(): void {
    if (this.#busy || this.#stopped) return;
    this.#cancelWake?.();
    this.#cancelWake = null;
    const index = nextIndex(this.#queue);
    const queued = this.#queue[index];
    if (!queued) return this.#settle();
    const nowMonoMs = this.#clock.monoMs();
    const startMonoMs = Math.max(queued.dueMonoMs, this.#pausedUntilMonoMs, this.#holdUntilMonoMs);
    if (startMonoMs > nowMonoMs) {
      this.#cancelWake = this.#clock.setTimeout(() => {
        this.#cancelWake = null;
        this.#pump();
      }, startMonoMs - nowMonoMs);
      return this.#settle();
    }
    this.#busy = true;
    this.#inflight = this.#attempt(queued)
      .catch((error: unknown) => this.#afterBug(queued, error))
      .finally(() => {
        this.#busy = false;
        this.#inflight = null;
        this.#pump();
      });
  }

  #settle(): void {
    if (this.#busy || this.#dueNow()) return;
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    waiters.forEach((resolve) => resolve());
  }

  async #attempt(queued: QueuedEntry): Promise<void> {
    const entry = queued.entry;
    const startedMonoMs = this.#clock.monoMs();
    entry.attempts++;
    // After a crash mid-attempt the next start counts this attempt (its real number is reported) and waits its backoff.
    this.#outbox.markInFlight(queued, entry.attempts);
    let result: SendResult;
    try {
      result = await this.#channel.send({ id: entry.id, event: entry.event, host: entry.host, locale: entry.locale, ...(entry.digest ? { digest: entry.digest } : {}) });
    } catch (error: unknown) {
      // A channel should not throw, but if one does it is treated as a retryable failure, never a lost alert.
      result = { ok: false, retryable: true, error: error instanceof Error ? error.message : String(error) };
    }
    const nowMonoMs = this.#clock.monoMs();
    const nowMs = this.#clock.nowMs();
    if (!result.ok && result.deferred) {
      // Not an attempt: the channel had no room (a local rate limit). The channel waits; the entry keeps its turn.
      entry.attempts--;
      this.#outbox.markInFlight(queued, entry.attempts);
      const waitMs = result.retryAfterMs ?? 1000;
      entry.nextAttemptMs = nowMs + waitMs;
      this.#holdUntilMonoMs = Math.max(this.#holdUntilMonoMs, nowMonoMs + waitMs);
      return;
    }
    const delivery: DeliveryEvent = {
      type: 'delivery',
      timeMs: nowMs,
      alertId: entry.id,
      rule: entry.event.rule,
      channel: this.#channel.name,
      ok: result.ok,
      attempt: entry.attempts,
      latencyMs: Math.round(nowMonoMs - startedMonoMs),
    };
    if (result.ok) {
      this.#dequeue(queued);
      this.#outbox.remove(queued.file);
      this.#streak = { count: 0, mixed: false };
      this.#publish({ lastSuccessMs: nowMs, sentTotal: this.#status.sentTotal + 1 });
      this.#onDelivery(delivery);
      return;
    }
    const error = this.#redact(result.error);
    const hint = result.hint === undefined ? undefined : this.#redact(result.hint);
    const tooOld = nowMonoMs - queued.createdMonoMs >= MAX_RETRY_AGE_MS;
    const willRetry = result.retryable && !tooOld;
    if (willRetry) {
      const delayMs = Math.max(retryDelayMs(entry.attempts, this.#random), result.retryAfterMs ?? 0);
      queued.dueMonoMs = nowMonoMs + delayMs;
      entry.nextAttemptMs = nowMs + delayMs;
      entry.lastError = error;
      this.#outbox.write(entry, queued.file);
      this.#noteRetryableFailure(entry.id, nowMonoMs, result.retryAfterMs);
    } else {
      this.#dequeue(queued);
      entry.nextAttemptMs = nowMs; // parked, not scheduled: the next start tries it at once
      this.#outbox.moveToFailed(entry, queued.file);
    }
    let pausedUntilMs = this.#status.pausedUntilMs;
    if (result.pauseUntilMs !== undefined && result.pauseUntilMs > nowMs) {
      // The channel names a wall time (WeChat: its quota resets at midnight); the wait is measured monotonically.
      this.#pausedUntilMonoMs = Math.max(this.#pausedUntilMonoMs, nowMonoMs + (result.pauseUntilMs - nowMs));
      pausedUntilMs = result.pauseUntilMs;
    }
    this.#publish({ lastErrorMs: nowMs, lastError: error, lastHint: hint, failedTotal: this.#status.failedTotal + 1, pausedUntilMs });
    this.#onDelivery({
      ...delivery,
      error: tooOld && result.retryable ? `${error} (gave up after retrying for 24h)` : error,
      ...(hint !== undefined ? { hint } : {}),
      willRetry,
    });
  }

  #noteRetryableFailure(id: string, nowMonoMs: number, retryAfterMs: number | undefined): void {
    const streak = this.#streak;
    streak.count++;
    streak.firstId ??= id;
    streak.mixed ||= streak.firstId !== id;
    // One notification failing again and again is about that notification; two different ones failing in a row say
    // the channel is down, and it waits as a whole.
    if (streak.mixed) this.#holdUntilMonoMs = Math.max(this.#holdUntilMonoMs, nowMonoMs + retryDelayMs(streak.count, this.#random));
    // A rate limit (Retry-After, WeCom's 45009) is the channel's, not the notification's.
    if (retryAfterMs !== undefined) this.#holdUntilMonoMs = Math.max(this.#holdUntilMonoMs, nowMonoMs + retryAfterMs);
  }

  /**
   * A bug, not a channel's answer (channels' errors are caught above): the entry waits its backoff, so that a bug can
   * never turn into a loop of sends, and the error is rethrown as uncaught for the process to decide what it means.
   */
  #afterBug(queued: QueuedEntry, error: unknown): void {
    queued.dueMonoMs = Math.max(queued.dueMonoMs, this.#clock.monoMs() + retryDelayMs(Math.max(1, queued.entry.attempts), this.#random));
    queueMicrotask(() => {
      throw error;
    });
  }

  #dequeue(queued: QueuedEntry): void {
    const index = this.#queue.indexOf(queued);
    if (index >= 0) this.#queue.splice(index, 1);
  }

  #redact(text: string): string {
    return redactText(text, this.#channel.secrets());
  }

  #publish(change: Partial<ChannelStatus>): void {
    this.#status = { ...this.#status, ...change, queueDepth: this.#queue.length };
    this.#onStatus(this.#status);
  }
}
