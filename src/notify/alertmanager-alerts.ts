// What srvmon tells Alertmanager: one postable alert (POST /api/v2/alerts) per rule, built from the AlertEvent.
// Alertmanager identifies an alert by its label set, so labels hold only what names the problem (which rule on which
// host at which severity); values and texts go into annotations, which may change between re-sends.
import { formatEvidenceLines } from '../alerts/evidence-text.js';
import { formatValue } from '../alerts/messages.js';
import type { EpochMs } from '../types.js';
import type { Notification } from './channel.js';
import { instanceLabel, ruleInstance } from '../catalogue/rule-kinds.js';
import { familyOf } from '../catalogue/metric-keys.js';

/** The fields of Alertmanager's postableAlert that srvmon sets. */
export interface AlertmanagerAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
}

/** Labels and annotations of one alert, without its timing. */
export interface AlertIdentity {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAtMs: EpochMs;
}

/** Alert names are label values, but Alertmanager's templates and routes read better as identifiers. */
export const TEST_ALERTNAME = 'srvmon_test';

/** `disk:/data` -> `srvmon_disk` (the mountpoint goes into its own label), `cpu` -> `srvmon_cpu`. */
export function alertnameOf(ruleId: string): string {
  const base = familyOf(ruleId) ?? ruleId;
  return `srvmon_${base.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

export function alertIdentity({ event, host }: Notification): AlertIdentity {
  if (event.test) {
    return {
      labels: { alertname: TEST_ALERTNAME, instance: host, severity: event.severity, rule: 'test' },
      annotations: { summary: event.message, description: `Test alert from srvmon on ${host}: the alertmanager channel works, no action needed.` },
      startsAtMs: event.timeMs,
    };
  }
  const labels: Record<string, string> = { alertname: alertnameOf(event.rule), instance: host, severity: event.severity, rule: event.rule };
  // A keyed rule's instance gets its own label, named by the catalogue (`mountpoint` for disk:/data).
  const instance = ruleInstance(event.rule);
  const label = instanceLabel(event.kind);
  if (instance !== undefined && label !== undefined) labels[label] = instance;
  const annotations: Record<string, string> = { summary: event.message, description: describe({ event, host }) };
  // Annotations are plain strings that Alertmanager templates interpolate; escaping is the template's job there.
  const evidence = formatEvidenceLines(event, 'en');
  if (evidence.length > 0) annotations.evidence = evidence.join('\n');
  return { labels, annotations, startsAtMs: event.sinceMs };
}

function describe({ event, host }: Pick<Notification, 'event' | 'host'>): string {
  const value = formatValue(event.kind, event.value);
  const level = formatValue(event.kind, event.threshold);
  const since = new Date(event.sinceMs).toISOString();
  const average = event.window > 1 ? ` (average of ${event.window} samples)` : '';
  if (event.state === 'resolved') return `${event.rule} on ${host} is back to ${value}${average}, below the clear level ${level}; it fired from ${since}.`;
  return `${event.rule} on ${host} is at ${value}${average}, above the ${event.severity} level ${level}, since ${since}.`;
}

/** A stable key for a label set: Alertmanager's notion of "the same alert". */
export function labelKey(labels: Record<string, string>): string {
  return JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function toPostable(identity: AlertIdentity, endsAtMs: EpochMs): AlertmanagerAlert {
  // Alertmanager refuses an alert that ends before it starts (HTTP 400); a clock step backwards must not cause that.
  const startsAtMs = Math.min(identity.startsAtMs, endsAtMs);
  return {
    labels: identity.labels,
    annotations: identity.annotations,
    startsAt: new Date(startsAtMs).toISOString(),
    endsAt: new Date(endsAtMs).toISOString(),
  };
}
