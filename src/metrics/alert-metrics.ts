// Alert state on /metrics: which rules fire right now and whether srvmon, or single rules, are muted, read from the
// store at scrape time.
import { Gauge, type Registry } from 'prom-client';
import type { RuleStatus } from '../alerts/engine.js';
import type { Clock } from '../clock.js';
import { activeRuleMutes, isMutedAt } from '../app/mutes.js';
import type { MuteState, RuleMutes } from '../types.js';

export interface AlertMetricsOptions {
  registry: Registry;
  clock: Clock;
  rules: () => readonly RuleStatus[];
  mute: () => MuteState | null;
  ruleMutes: () => RuleMutes;
}

export function registerAlertMetrics({ registry, clock, rules, mute, ruleMutes }: AlertMetricsOptions): void {
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
      // The store keeps an expired mute until the next sample notices it; the scrape should not report it meanwhile.
      this.set(isMutedAt(mute(), clock.nowMs()) ? 1 : 0);
    },
  });

  new Gauge({
    name: 'srvmon_rule_muted',
    // Present only while muted, as srvmon_alert_firing is: a rule unmuted leaves no stale series.
    help: 'A rule muted on its own (srvmon mute --rule; always 1; absent when not), its transitions recorded, not sent. The mute of every rule is srvmon_muted.',
    labelNames: ['rule'],
    registers,
    collect() {
      this.reset();
      for (const rule of Object.keys(activeRuleMutes(ruleMutes(), clock.nowMs()))) this.set({ rule }, 1);
    },
  });
}
