// Alert state on /metrics: which rules fire right now and whether srvmon is muted, read from the store at scrape time.
import { Gauge, type Registry } from 'prom-client';
import type { RuleStatus } from '../alerts/engine.js';
import type { Clock } from '../clock.js';
import type { MuteState } from '../types.js';

export interface AlertMetricsOptions {
  registry: Registry;
  clock: Clock;
  rules: () => readonly RuleStatus[];
  mute: () => MuteState | null;
}

export function registerAlertMetrics({ registry, clock, rules, mute }: AlertMetricsOptions): void {
  const registers = [registry];

  new Gauge({
    name: 'srvmon_alert_firing',
    // Like Prometheus's own ALERTS series: present only while firing, so a severity change never leaves a stale
    // series behind. Count with `count(srvmon_alert_firing) or vector(0)`.
    help: 'A rule that is firing now (always 1; absent when the rule is not firing), with its current severity.',
    labelNames: ['rule', 'severity'],
    registers,
    collect() {
      this.reset();
      for (const { rule, state } of rules()) {
        if (state.status === 'firing') this.set({ rule: rule.id, severity: state.severity }, 1);
      }
    },
  });

  new Gauge({
    name: 'srvmon_muted',
    help: '1 while srvmon is muted (alerts are recorded, not sent), else 0.',
    registers,
    collect() {
      const current = mute();
      // The store keeps an expired mute until the next sample notices it; the scrape should not report it meanwhile.
      const active = current !== null && (current.untilMs === null || current.untilMs > clock.nowMs());
      this.set(active ? 1 : 0);
    },
  });
}
