// Delivers one channel's queue, oldest first, one attempt at a time. Each channel has its own worker, so a failing
// channel never delays a healthy one. Retries back off exponentially for up to 24 h; a rate limit or a quota pause
// from the channel is honoured; nothing is dropped without a delivery event saying so.
import type { Clock } from '../clock.js';
import { redactText } from '../config/redact.js';
import type { ChannelStatus, DeliveryEvent } from '../types.js';
import { MAX_RETRY_AGE_MS, retryDelayMs } from './backoff.js';
import type { Channel, SendResult } from './channel.js';
import type { OutboxEntry, OutboxStore } from './outbox-store.js';

export interface ChannelWorkerOptions {
  channel: Channel;
  outbox: OutboxStore;
  clock: Clock;
  onDelivery: (event: DeliveryEvent) => void;
  onStatus: (status: ChannelStatus) => void;
  random?: () => number;
}

export class ChannelWorker {
  readonly #channel: Channel;
  readonly #outbox: OutboxStore;
  readonly #clock: Clock;
  readonly #onDelivery: (event: DeliveryEvent) => void;
  readonly #onStatus: (status: ChannelStatus) => void;
  readonly #random: () => number;
  readonly #queue: OutboxEntry[] = [];
  #status: ChannelStatus;
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
    this.#status = { channel: options.channel.name, queueDepth: 0, sentTotal: 0, failedTotal: 0 };
  }

  get status(): ChannelStatus {
    return this.#status;
  }

  /** Entries found on disk at start: sent before anything new. */
  restore(entries: OutboxEntry[]): void {
    this.#queue.unshift(...entries.map((e) => ({ ...e, nextAttemptMs: Math.min(e.nextAttemptMs, this.#clock.nowMs()) })));
    this.#publish({});
    this.#pump();
  }

  add(entry: OutboxEntry): void {
    this.#queue.push(entry);
    this.#publish({});
    this.#pump();
  }

  queuedEvents(): OutboxEntry['event'][] {
    return this.#queue.map((entry) => entry.event);
  }

  /** No new attempt starts; resolves once the one under way (if any) has finished and recorded its result. */
  stop(): Promise<void> {
    this.#stopped = true;
    this.#cancelWake?.();
    this.#cancelWake = null;
    return this.#inflight ?? Promise.resolve();
  }

  /** Resolves when the queue is empty or only holds entries waiting for a retry (tests, benchmark). */
  whenIdle(): Promise<void> {
    if (!this.#busy && !this.#dueNow()) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  #dueNow(): boolean {
    const head = this.#queue[0];
    return head !== undefined && head.nextAttemptMs <= this.#clock.nowMs() && !this.#paused();
  }

  #paused(): boolean {
    return this.#status.pausedUntilMs !== undefined && this.#status.pausedUntilMs > this.#clock.nowMs();
  }

  #pump(): void {
    if (this.#busy || this.#stopped) return;
    const head = this.#queue[0];
    if (!head) return this.#settle();
    const nowMs = this.#clock.nowMs();
    const dueMs = Math.max(head.nextAttemptMs, this.#paused() ? (this.#status.pausedUntilMs as number) : 0);
    if (dueMs > nowMs) {
      this.#cancelWake?.();
      this.#cancelWake = this.#clock.setTimeout(() => {
        this.#cancelWake = null;
        this.#pump();
      }, dueMs - nowMs);
      return this.#settle();
    }
    this.#busy = true;
    this.#inflight = this.#attempt(head).finally(() => {
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

  async #attempt(entry: OutboxEntry): Promise<void> {
    const startedMs = this.#clock.nowMs();
    let result: SendResult;
    try {
      result = await this.#channel.send({ id: entry.id, event: entry.event, host: entry.host, locale: entry.locale });
    } catch (error: unknown) {
      // A channel should not throw, but if one does it is treated as a retryable failure, never a lost alert.
      result = { ok: false, retryable: true, error: error instanceof Error ? error.message : String(error) };
    }
    const nowMs = this.#clock.nowMs();
    if (!result.ok && result.deferred) {
      entry.nextAttemptMs = nowMs + (result.retryAfterMs ?? 1000);
      return;
    }
    entry.attempts++;
    const delivery: DeliveryEvent = {
      type: 'delivery',
      timeMs: nowMs,
      alertId: entry.id,
      rule: entry.event.rule,
      channel: this.#channel.name,
      ok: result.ok,
      attempt: entry.attempts,
      latencyMs: nowMs - startedMs,
    };
    if (result.ok) {
      this.#outbox.remove(entry);
      this.#queue.shift();
      this.#publish({ lastSuccessMs: nowMs, sentTotal: this.#status.sentTotal + 1 });
      this.#onDelivery(delivery);
      return;
    }
    const error = this.#redact(result.error);
    const hint = result.hint === undefined ? undefined : this.#redact(result.hint);
    const tooOld = nowMs - entry.createdMs >= MAX_RETRY_AGE_MS;
    const willRetry = result.retryable && !tooOld;
    if (willRetry) {
      entry.nextAttemptMs = nowMs + Math.max(retryDelayMs(entry.attempts, this.#random), result.retryAfterMs ?? 0);
      entry.lastError = error;
      this.#outbox.write(entry);
    } else {
      this.#outbox.moveToFailed(entry);
      this.#queue.shift();
    }
    const pausedUntilMs = result.pauseUntilMs !== undefined && result.pauseUntilMs > nowMs ? result.pauseUntilMs : this.#status.pausedUntilMs;
    this.#publish({ lastErrorMs: nowMs, lastError: error, lastHint: hint, failedTotal: this.#status.failedTotal + 1, pausedUntilMs });
    this.#onDelivery({
      ...delivery,
      error: tooOld && result.retryable ? `${error} (gave up after retrying for 24h)` : error,
      ...(hint !== undefined ? { hint } : {}),
      willRetry,
    });
  }

  #redact(text: string): string {
    return redactText(text, this.#channel.secrets());
  }

  #publish(change: Partial<ChannelStatus>): void {
    this.#status = { ...this.#status, ...change, queueDepth: this.#queue.length };
    this.#onStatus(this.#status);
  }
}
