// The AlertSink behind the monitor: every notification goes to disk for each channel, then to that channel's worker.
// Test alerts skip the queue: they go to every channel at once and report each result with its latency.
// A reload (SIGHUP) builds a new Notifier from the stopped one it replaces: each channel's queue is taken over as it
// is in memory (schedules, attempt counts, pauses, and the entries the disk could not record), and only what memory
// does not know is read from disk. Reading everything back would send again what a read-only disk could not remove,
// and retry every entry at once.
import { resolve } from 'node:path';
import type { Clock } from '../clock.js';
import type { AlertEvent, ChannelStatus, DeliveryEvent, Locale } from '../types.js';
import type { AlertSink } from './alert-sink.js';
import { MAX_RETRY_AGE_MS } from './backoff.js';
import type { Channel } from './channel.js';
import { ChannelWorker } from './channel-worker.js';
import { OutboxStore } from './outbox-store.js';
import { sendTestThrough } from './send-test.js';

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
  /** The Notifier this one replaces (SIGHUP reload), already stopped: its queues are taken over. */
  previous?: Notifier;
}

export class Notifier implements AlertSink {
  readonly #options: NotifierOptions;
  readonly #outbox: OutboxStore;
  readonly #workers = new Map<string, ChannelWorker>();

  constructor(options: NotifierOptions) {
    this.#options = options;
    const { previous, clock } = options;
    const sameOutbox = previous !== undefined && resolve(previous.#options.stateDir) === resolve(options.stateDir);
    // The same store across reloads: it remembers the files it could not remove.
    this.#outbox = sameOutbox ? previous.#outbox : new OutboxStore(options.stateDir, options.onWarning);
    if (!sameOutbox) this.#outbox.sweepTempFiles(clock.nowMs());
    // Notifications queued for a channel that is no longer configured are kept, and said so: never dropped silently.
    for (const [channel, count] of this.#outbox.queuedChannels()) {
      if (!options.channels.some((c) => c.name === channel)) {
        options.onWarning(`${count} notification(s) wait in the outbox for channel "${channel}", which is not configured; configure it again to send them (${this.#outbox.dir})`);
      }
    }
    for (const channel of options.channels) {
      const handover = sameOutbox ? previous.#workers.get(channel.name)?.handOver() : undefined;
      const worker = new ChannelWorker({
        channel,
        outbox: this.#outbox,
        clock,
        onDelivery: options.onDelivery,
        onStatus: options.onStatus,
        random: options.random,
        handover,
      });
      this.#workers.set(channel.name, worker);
      // What a previous run left queued (a crash, a SIGKILL, a channel that was down) goes out first; on a reload,
      // what memory already holds is not read again.
      const known = new Set(handover?.queue.flatMap((queued) => [queued.file, queued.entry.id]));
      const unknown = this.#outbox.load(channel.name, clock.nowMs(), MAX_RETRY_AGE_MS).filter((s) => !known.has(s.file) && !known.has(s.entry.id));
      worker.restore(unknown);
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
      worker.add({ entry, file: this.#outbox.fileFor(entry) });
    }
  }

  sendTest(event: AlertEvent): Promise<DeliveryEvent[]> {
    const { clock, host, locale, onDelivery } = this.#options;
    return sendTestThrough(this.#options.channels, event, { clock, host, locale, onDelivery });
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
