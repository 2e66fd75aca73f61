// `srvmon replay`: the configured rules over a recorded trace, in the trace's own time. No channel is contacted and
// no state is read or written, so a user can test rules before deploying them (like promtool's rule tests).
// Samples go in one at a time and events come out as they happen: a trace of any length replays in flat memory.
import { AlertEngine, NOTHING_MUTED } from '../alerts/engine.js';
import { RuleSet } from '../alerts/rule-set.js';
import { DiskFillEstimator } from '../alerts/disk-fill.js';
import type { SrvmonConfig } from '../config/config-types.js';
import type { AlertEvent, AlertState, Sample } from '../types.js';
import { ReplayPolicy, type ReplayChannelCounts, type ReplayMessage } from './replay-policy.js';

export interface ReplaySummary {
  type: 'summary';
  samples: number;
  fromMs: number;
  toMs: number;
  events: number;
  notifications: number;
  byState: Record<AlertState, number>;
  notifiedByState: Record<AlertState, number>;
  /** What each channel would have received under its policy (quiet hours, grouping, budgets); absent without one. */
  channels?: ReplayChannelCounts;
}

const zero = (): Record<AlertState, number> => ({ firing: 0, repeat: 0, escalated: 0, resolved: 0 });

/** One replay: feed it samples in order, read the summary at the end. */
export class ReplayRun {
  readonly #engine: AlertEngine;
  /** The same derived readings as the running monitor (diskfull's fill rate from diskFree). */
  readonly #diskFill = new DiskFillEstimator();
  readonly #summary: ReplaySummary = { type: 'summary', samples: 0, fromMs: 0, toMs: 0, events: 0, notifications: 0, byState: zero(), notifiedByState: zero() };

  readonly #policy: ReplayPolicy;

  constructor(config: SrvmonConfig, overrides: Record<string, number> = {}, host = 'localhost') {
    this.#policy = new ReplayPolicy(config, host);
    let seq = 0;
    this.#engine = new AlertEngine({ ruleSet: new RuleSet(config.rules, overrides), locale: config.locale, newId: () => `replay-${++seq}` });
  }

  /** The events this sample causes. */
  step(sample: Sample): AlertEvent[] {
    return this.stepWithMessages(sample).events;
  }

  /** The events this sample causes and the messages the channels' policies send at its time. */
  stepWithMessages(sample: Sample): { events: AlertEvent[]; messages: ReplayMessage[] } {
    const events = this.#evaluate(sample);
    return { events, messages: this.#policy.step(sample.timeMs, events) };
  }

  /** After the last sample: the groups and digests still due (a night's digest when quiet hours end). */
  finish(): ReplayMessage[] {
    return this.#policy.finish();
  }

  #evaluate(sample: Sample): AlertEvent[] {
    const summary = this.#summary;
    if (summary.samples === 0) summary.fromMs = sample.timeMs;
    summary.samples++;
    summary.toMs = sample.timeMs;
    const events = this.#engine.evaluate(this.#diskFill.augment(sample), NOTHING_MUTED);
    for (const event of events) {
      summary.events++;
      summary.byState[event.state]++;
      if (event.notify) {
        summary.notifications++;
        summary.notifiedByState[event.state]++;
      }
    }
    return events;
  }

  summary(): ReplaySummary {
    return {
      ...this.#summary,
      byState: { ...this.#summary.byState },
      notifiedByState: { ...this.#summary.notifiedByState },
      ...(this.#policy.active ? { channels: this.#policy.counts() } : {}),
    };
  }
}

/** A whole replay in memory (tests, small traces). */
export function replay(samples: Iterable<Sample>, config: SrvmonConfig, overrides: Record<string, number> = {}): { events: AlertEvent[]; summary: ReplaySummary } {
  const run = new ReplayRun(config, overrides);
  const events: AlertEvent[] = [];
  for (const sample of samples) events.push(...run.step(sample));
  return { events, summary: run.summary() };
}
