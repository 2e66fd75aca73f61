// `srvmon replay`: the configured rules over a recorded trace, in the trace's own time. No channel is contacted and
// no state is read or written, so a user can test rules before deploying them (like promtool's rule tests).
import { AlertEngine } from '../alerts/engine.js';
import { RuleSet } from '../alerts/rule-set.js';
import type { SrvmonConfig } from '../config/config-types.js';
import type { AlertEvent, AlertState, Sample } from '../types.js';

export interface ReplaySummary {
  type: 'summary';
  samples: number;
  fromMs: number;
  toMs: number;
  events: number;
  notifications: number;
  byState: Record<AlertState, number>;
  notifiedByState: Record<AlertState, number>;
}

export function replay(samples: Sample[], config: SrvmonConfig, overrides: Record<string, number> = {}): { events: AlertEvent[]; summary: ReplaySummary } {
  let seq = 0;
  const engine = new AlertEngine({ ruleSet: new RuleSet(config.rules, overrides), locale: config.locale, newId: () => `replay-${++seq}` });
  const events: AlertEvent[] = [];
  for (const sample of samples) events.push(...engine.evaluate(sample, false));
  const zero = (): Record<AlertState, number> => ({ firing: 0, repeat: 0, escalated: 0, resolved: 0 });
  const byState = zero();
  const notifiedByState = zero();
  for (const event of events) {
    byState[event.state]++;
    if (event.notify) notifiedByState[event.state]++;
  }
  return {
    events,
    summary: {
      type: 'summary',
      samples: samples.length,
      fromMs: samples[0]?.timeMs ?? 0,
      toMs: samples.at(-1)?.timeMs ?? 0,
      events: events.length,
      notifications: events.filter((e) => e.notify).length,
      byState,
      notifiedByState,
    },
  };
}
