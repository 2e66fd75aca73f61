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
import type { PolicyMessage } from './policy/channel-policy.js';
import { representativeEvent } from './policy/digest.js';
import { digestText } from './policy/digest-text.js';
import { CHANNELS_WITH_OWN_POLICY } from './policy/policy-config.js';
import { PolicyGate } from './policy/policy-gate.js';
import { channelsWithPolicyState, PolicyStore } from './policy/policy-store.js';
import { defaultChannelPolicy, type ChannelPolicyConfig } from './policy/policy-types.js';
import type { OutboxEntry } from './outbox-entry.js';

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
  /**
   * Routing, quiet hours, grouping and budgets per channel name (policy/). Without it every event goes to every
   * channel at once; a channel missing from it gets the default policy.
   */
  policies?: Record<string, ChannelPolicyConfig>;
}

export class Notifier implements AlertSink {
  readonly #options: NotifierOptions;
  readonly #outbox: OutboxStore;
  readonly #workers = new Map<string, ChannelWorker>();
  readonly #gates = new Map<string, PolicyGate>();

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
    // Alerts held for a digest of a channel no longer configured (or no longer under a policy) are said, not dropped.
    if (!sameOutbox) {
      for (const channel of channelsWithPolicyState(this.#outbox.dir)) {
        if (!options.channels.some((c) => c.name === channel && options.policies && !CHANNELS_WITH_OWN_POLICY.includes(c.name))) {
          options.onWarning(`alerts held for a digest of channel "${channel}" wait in ${this.#outbox.dir}/policy; configure it again to send them`);
        }
      }
    }
    for (const channel of options.channels) {
      const handover = sameOutbox ? previous.#workers.get(channel.name)?.handOver() : undefined;
      const worker = new ChannelWorker({
        channel,
        outbox: this.#outbox,
        clock,
        onDelivery: options.onDelivery,
        // The policy's part of the status (quiet until, held) rides along with the worker's.
        onStatus: (status) => options.onStatus({ ...status, ...this.#gates.get(channel.name)?.status() }),
        random: options.random,
        handover,
      });
      this.#workers.set(channel.name, worker);
      // What a previous run left queued (a crash, a SIGKILL, a channel that was down) goes out first; on a reload,
      // what memory already holds is not read again.
      const known = new Set(handover?.queue.flatMap((queued) => [queued.file, queued.entry.id]));
      const unknown = this.#outbox.load(channel.name, clock.nowMs(), MAX_RETRY_AGE_MS).filter((s) => !known.has(s.file) && !known.has(s.entry.id));
      worker.restore(unknown);
      if (options.policies && !CHANNELS_WITH_OWN_POLICY.includes(channel.name)) this.#startGate(channel.name, worker, options.policies[channel.name], sameOutbox ? previous.#gates.get(channel.name) : undefined);
    }
  }

  /** The channel's policy in front of its worker: what comes out of it goes into the outbox queue. */
  #startGate(channel: string, worker: ChannelWorker, config: ChannelPolicyConfig | undefined, previous: PolicyGate | undefined): void {
    const { clock, onWarning } = this.#options;
    const publish = () => {
      const gate = this.#gates.get(channel);
      if (gate) this.#options.onStatus({ ...worker.status, ...gate.status() });
    };
    const gate = new PolicyGate({
      config: config ?? defaultChannelPolicy(),
      clock,
      store: new PolicyStore(this.#outbox.dir, channel, onWarning),
      previous: previous?.state(),
      emit: (message, nowMs) => this.#add(worker, channel, message, nowMs),
      onChange: publish,
    });
    this.#gates.set(channel, gate);
    publish();
  }

  #add(worker: ChannelWorker, channel: string, message: PolicyMessage, nowMs: number): void {
    const { host, locale } = this.#options;
    const base = { channel, host, locale, createdMs: nowMs, attempts: 0, nextAttemptMs: nowMs };
    let entry: OutboxEntry;
    if (message.kind === 'single') entry = { ...base, id: message.event.id, event: message.event };
    else {
      const id = `${message.digest.kind}-${nowMs}-${message.events[0]?.id ?? message.digest.items.length}`;
      // The stand-in's message is the whole text, for channels that show one message field (WeChat's msg, the
      // webhook's message).
      const { title, lines } = digestText(message.digest, host, locale);
      entry = { ...base, id, event: representativeEvent(message.digest, id, nowMs, [title, ...lines].join('\n')), digest: message.digest };
    }
    worker.add({ entry, file: this.#outbox.fileFor(entry) });
  }

  channelNames(): string[] {
    return [...this.#workers.keys()];
  }

  pendingEvents(): AlertEvent[] {
    const byId = new Map<string, AlertEvent>();
    for (const worker of this.#workers.values()) for (const event of worker.queuedEvents()) byId.set(event.id, event);
    // What the policy holds or groups counts as on its way: the engine must not send those episodes again.
    for (const gate of this.#gates.values()) for (const event of gate.pendingEvents()) if (!byId.has(event.id)) byId.set(event.id, event);
    return [...byId.values()].sort((a, b) => a.timeMs - b.timeMs);
  }

  statuses(): ChannelStatus[] {
    return [...this.#workers.values()].map((w) => w.status);
  }

  enqueue(event: AlertEvent): void {
    const nowMs = this.#options.clock.nowMs();
    for (const [channel, worker] of this.#workers) {
      const gate = this.#gates.get(channel);
      if (gate) {
        gate.admit(event);
        continue;
      }
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
    for (const gate of this.#gates.values()) gate.stop();
    await Promise.all([...this.#workers.values()].map((worker) => worker.stop()));
    await Promise.all(this.#options.channels.map((c) => c.close?.()));
  }
}
