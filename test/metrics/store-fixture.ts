// A store filled by hand with known values, for the exposition tests: no sampler, no engine.
import type { RuleStatus } from '../../src/alerts/engine.js';
import { INITIAL_RULE_STATE } from '../../src/alerts/rule-step.js';
import { MonitorStore } from '../../src/store/monitor-store.js';
import type { DeliveryEvent, Rule, Sample } from '../../src/types.js';

export const SAMPLE_TIME_MS = Date.UTC(2026, 0, 1, 8, 0, 0);

export const KNOWN_SAMPLE: Sample = {
  timeMs: SAMPLE_TIME_MS,
  values: {
    cpu: 37.1,
    'cpu:0': 50,
    'cpu:1': 24.2,
    memory: 91.25,
    load1: 1.5,
    load5: 0.75,
    load15: 0.25,
    load1PerCore: 0.75,
    'disk:/': 42,
    'disk:/data': 96.5,
    'netRx:eth0': 1234.5,
    'netTx:eth0': 99,
    // swap is deliberately missing: a failed read must be absent from /metrics, not 0
  },
};

export function rule(id: string, partial: Partial<Rule> = {}): Rule {
  const [kind, mountpoint] = id.split(':') as [Rule['kind'], string | undefined];
  return {
    id,
    kind,
    metric: id,
    ...(mountpoint !== undefined ? { mountpoint } : {}),
    threshold: 90,
    window: 1,
    clear: 85,
    repeatMs: 1_800_000,
    ...partial,
  };
}

export function firing(id: string, severity: 'warning' | 'critical', partial: Partial<Rule> = {}): RuleStatus {
  return {
    rule: rule(id, partial),
    state: { status: 'firing', severity, sinceMs: SAMPLE_TIME_MS - 60_000, episodeNotified: true, lastNotifiedMs: SAMPLE_TIME_MS - 60_000 },
    average: 91,
  };
}

export function quiet(id: string): RuleStatus {
  return { rule: rule(id), state: INITIAL_RULE_STATE, average: 10 };
}

let seq = 0;
export function delivery(channel: string, outcome: 'ok' | 'retry' | 'failed'): DeliveryEvent {
  seq++;
  return {
    type: 'delivery',
    timeMs: SAMPLE_TIME_MS,
    alertId: `a${seq}`,
    rule: 'memory',
    channel,
    ok: outcome === 'ok',
    attempt: 1,
    ...(outcome === 'ok' ? {} : { error: 'HTTP 503', willRetry: outcome === 'retry' }),
  };
}

export function filledStore(): MonitorStore {
  const store = new MonitorStore(10, 1000);
  store.addSample(KNOWN_SAMPLE);
  store.setRules([firing('memory', 'warning'), firing('disk:/data', 'critical', { critical: 95 }), quiet('cpu'), quiet('disk:/')]);
  store.setChannel({ channel: 'mail', queueDepth: 0, sentTotal: 3, failedTotal: 0 });
  store.setChannel({ channel: 'alertmanager', queueDepth: 2, sentTotal: 1, failedTotal: 2 });
  return store;
}
