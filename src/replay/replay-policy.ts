// What the channels would have received during a replayed trace: the notification policy (routing, quiet hours,
// grouping, budgets) run in the trace's own time with the same pure functions the outbox uses. When the trace ends
// with alerts still held (it stops at 06:00, quiet hours end at 07:30), time is carried on past its end until every
// group and digest has gone out, so a night's trace shows its one digest at the end.
import type { SrvmonConfig } from '../config/config-types.js';
import { admit, emptyPolicyState, nextWakeMs, tick, type PolicyMessage, type PolicyState, type PolicyStep } from '../notify/policy/channel-policy.js';
import { digestText } from '../notify/policy/digest-text.js';
import { CHANNELS_WITH_OWN_POLICY } from '../notify/policy/policy-config.js';
import { defaultChannelPolicy, type ChannelPolicyConfig } from '../notify/policy/policy-types.js';
import type { AlertEvent, Locale } from '../types.js';

/** One message a channel would have received. */
export interface ReplayMessage {
  type: 'notification';
  timeMs: number;
  channel: string;
  kind: 'single' | 'group' | 'summary' | 'digest';
  /** single: the event. */
  event?: AlertEvent;
  /** The text: title, then one line per alert (lists only). */
  title: string;
  lines: string[];
  /** Sent after the last sample: the trace ended while the policy still held it. */
  afterTrace: boolean;
}

/** Channel name -> messages and digests it would have received. */
export type ReplayChannelCounts = Record<string, { messages: number; digests: number }>;

interface ChannelRun {
  config: ChannelPolicyConfig;
  state: PolicyState;
}

/** Named for the channels configured; without any, "*" stands for all of them when top-level quiet hours are set. */
export const ANY_CHANNEL = '*';

/** Beyond this after the last sample nothing more is waited for (quiet hours last under a day). */
const MAX_AFTER_TRACE_MS = 8 * 86_400_000;

export class ReplayPolicy {
  readonly #channels: Map<string, ChannelRun>;
  readonly #host: string;
  readonly #locale: Locale;
  readonly #counts: ReplayChannelCounts = {};
  #lastMs = 0;

  constructor(config: SrvmonConfig, host: string) {
    const policies = Object.entries(config.policies ?? {}).filter(([name]) => !CHANNELS_WITH_OWN_POLICY.includes(name));
    if (policies.length === 0 && (config.quietHours ?? []).length > 0) policies.push([ANY_CHANNEL, defaultChannelPolicy(config.quietHours)]);
    this.#channels = new Map(policies.map(([name, policy]) => [name, { config: policy, state: emptyPolicyState() }]));
    this.#host = host;
    this.#locale = config.locale;
    for (const name of this.#channels.keys()) this.#counts[name] = { messages: 0, digests: 0 };
  }

  get active(): boolean {
    return this.#channels.size > 0;
  }

  /** Time moves to `nowMs` (a sample's time), then the events it caused go in. */
  step(nowMs: number, events: readonly AlertEvent[]): ReplayMessage[] {
    const out: ReplayMessage[] = [];
    for (const [name, channel] of this.#channels) {
      this.#advance(name, channel, nowMs, false, out);
      for (const event of events) if (event.notify) this.#apply(name, channel, admit(channel.state, channel.config, event, nowMs), nowMs, false, out);
    }
    this.#lastMs = nowMs;
    return out;
  }

  /** After the last sample: what is still grouped or held goes out when the policy would send it. */
  finish(): ReplayMessage[] {
    const out: ReplayMessage[] = [];
    for (const [name, channel] of this.#channels) this.#advance(name, channel, this.#lastMs + MAX_AFTER_TRACE_MS, true, out);
    return out.sort((a, b) => a.timeMs - b.timeMs);
  }

  /** Runs the channel's clock up to `toMs`, ticking at every time something falls due (a group's end, 07:30). */
  #advance(name: string, channel: ChannelRun, toMs: number, afterTrace: boolean, out: ReplayMessage[]): void {
    let atMs = this.#lastMs;
    // The cap only guards against a schedule that never comes due.
    for (let turn = 0; turn < 1000; turn++) {
      const wakeMs = nextWakeMs(channel.state, channel.config, atMs);
      if (wakeMs === undefined || wakeMs > toMs) break;
      atMs = Math.max(wakeMs, atMs + (turn === 0 ? 0 : 1));
      this.#apply(name, channel, tick(channel.state, channel.config, atMs), atMs, afterTrace, out);
    }
    if (!afterTrace) this.#apply(name, channel, tick(channel.state, channel.config, toMs), toMs, false, out);
  }

  counts(): ReplayChannelCounts {
    return structuredClone(this.#counts);
  }

  #apply(name: string, channel: ChannelRun, step: PolicyStep, nowMs: number, afterTrace: boolean, out: ReplayMessage[]): void {
    channel.state = step.state;
    for (const message of step.messages) out.push(this.#describe(name, message, nowMs, afterTrace));
  }

  #describe(channel: string, message: PolicyMessage, timeMs: number, afterTrace: boolean): ReplayMessage {
    const counts = this.#counts[channel] as { messages: number; digests: number };
    counts.messages++;
    if (message.kind === 'single') return { type: 'notification', timeMs, channel, kind: 'single', event: message.event, title: message.event.message, lines: [], afterTrace };
    if (message.digest.kind === 'digest') counts.digests++;
    const { title, lines } = digestText(message.digest, this.#host, this.#locale);
    return { type: 'notification', timeMs, channel, kind: message.digest.kind, title, lines, afterTrace };
  }
}
