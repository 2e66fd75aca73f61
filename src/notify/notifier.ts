// The AlertSink behind the monitor: every notification goes to disk for each channel, then to that channel's worker.
// Test alerts skip the queue: they go to every channel at once and report each result with its latency.
import type { Clock } from '../clock.js';
import { redactText } from '../config/redact.js';
import type { AlertEvent, ChannelStatus, DeliveryEvent, Locale } from '../types.js';
import type { AlertSink } from './alert-sink.js';
import { MAX_RETRY_AGE_MS } from './backoff.js';
import type { Channel } from './channel.js';
import { ChannelWorker } from './channel-worker.js';
import { OutboxStore } from './outbox-store.js';

export interface NotifierOptions {
  channels: Channel[];
  stateDir: string;
  clock: Clock;
  host: string;
  locale: Locale;
  onDelivery: (event: DeliveryEvent) => void;
  onStatus: (status: ChannelStatus) => void;
  onWarning: (message: string) => void;
  random?: () => number;
}

export class Notifier implements AlertSink {
  readonly #options: NotifierOptions;
  readonly #outbox: OutboxStore;
  readonly #workers = new Map<string, ChannelWorker>();

  constructor(options: NotifierOptions) {
    this.#options = options;
    this.#outbox = new OutboxStore(options.stateDir, options.onWarning);
    // Notifications queued for a channel that is no longer configured are kept, and said so: never dropped silently.
    for (const [channel, count] of this.#outbox.queuedChannels()) {
      if (!options.channels.some((c) => c.name === channel)) {
        options.onWarning(`${count} notification(s) wait in the outbox for channel "${channel}", which is not configured; configure it again to send them (${this.#outbox.dir})`);
      }
    }
    for (const channel of options.channels) {
      const worker = new ChannelWorker({
        channel,
        outbox: this.#outbox,
        clock: options.clock,
        onDelivery: options.onDelivery,
        onStatus: options.onStatus,
        random: options.random,
      });
      this.#workers.set(channel.name, worker);
      // What a previous run left queued (a crash, a SIGKILL, a channel that was down) goes out first.
      worker.restore(this.#outbox.load(channel.name, options.clock.nowMs(), MAX_RETRY_AGE_MS));
    }
  }

  channelNames(): string[] {
    return [...this.#workers.keys()];
  }

  pendingEvents(): AlertEvent[] {
    const byId = new Map<string, AlertEvent>();
    for (const worker of this.#workers.values()) for (const event of worker.queuedEvents()) byId.set(event.id, event);
    return [...byId.values()].sort((a, b) => a.timeMs - b.timeMs);
  }

  statuses(): ChannelStatus[] {
    return [...this.#workers.values()].map((w) => w.status);
  }

  enqueue(event: AlertEvent): void {
    const nowMs = this.#options.clock.nowMs();
    for (const [channel, worker] of this.#workers) {
      const entry = { id: event.id, channel, event, host: this.#options.host, locale: this.#options.locale, createdMs: nowMs, attempts: 0, nextAttemptMs: nowMs };
      this.#outbox.write(entry);
      worker.add(entry);
    }
  }

  async sendTest(event: AlertEvent): Promise<DeliveryEvent[]> {
    const { clock, host, locale, onDelivery } = this.#options;
    return Promise.all(
      this.#options.channels.map(async (channel): Promise<DeliveryEvent> => {
        const startedMs = Date.now();
        let result;
        try {
          result = await channel.send({ id: event.id, event, host, locale });
        } catch (error: unknown) {
          result = { ok: false as const, retryable: true, error: error instanceof Error ? error.message : String(error) };
        }
        const delivery: DeliveryEvent = {
          type: 'delivery',
          timeMs: clock.nowMs(),
          alertId: event.id,
          rule: event.rule,
          channel: channel.name,
          ok: result.ok,
          attempt: 1,
          latencyMs: Date.now() - startedMs,
          test: true,
          ...(result.ok
            ? {}
            : {
                error: redactText(result.error, channel.secrets()),
                ...(result.hint !== undefined ? { hint: redactText(result.hint, channel.secrets()) } : {}),
                willRetry: false,
              }),
        };
        onDelivery(delivery);
        return delivery;
      }),
    );
  }

  /** Resolves once every channel has nothing due right now (tests, benchmark). */
  async whenIdle(): Promise<void> {
    await Promise.all([...this.#workers.values()].map((w) => w.whenIdle()));
  }

  async stop(): Promise<void> {
    await Promise.all([...this.#workers.values()].map((worker) => worker.stop()));
    await Promise.all(this.#options.channels.map((c) => c.close?.()));
  }
}
