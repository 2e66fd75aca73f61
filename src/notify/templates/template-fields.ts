// The fields a channel template can use, in one table: the name, what it holds (for the README, the example file and
// the "unknown field" message) and how it is computed from a notification. A template may use these and nothing
// else: any other name is a config error (template-compile.ts checks every name, on every branch, before the first
// alert). Values are text as the built-in messages show them (units, the locale's durations), except `test` (a
// boolean) and `evidence` (a list of lines), so that templates need no formatting logic.
import { formatDuration, formatValue, ruleLabel } from '../../alerts/messages.js';
import { formatEvidenceLines } from '../../alerts/evidence-text.js';
import type { AlertEvent } from '../../types.js';
import type { Notification } from '../channel.js';
import { formatLocalTime } from '../notification-text.js';
import { formatTimeInZone } from './time-in-zone.js';

/** Per-channel settings the fields read (template.timezone, template.dashboardUrl). */
export interface FieldSettings {
  /** IANA time zone for `time`; undefined: the server's own. */
  timezone?: string | undefined;
  dashboardUrl?: string | undefined;
}

interface FieldSpec {
  /** What the field holds, with an example. */
  doc: string;
  value(n: Notification, settings: FieldSettings): string | boolean | string[];
  /** A list (evidence): it may be looped over or indexed; other fields are text. */
  list?: true;
}

const FIELDS = {
  host: { doc: 'this server\'s host name, e.g. "web-1"', value: (n) => n.host },
  rule: { doc: 'the rule id, e.g. "cpu", "disk:/data"', value: (n) => n.event.rule },
  ruleName: { doc: 'the rule as the messages name it, e.g. "CPU", "Disk /data" (磁盘 /data in zh-CN)', value: (n) => ruleLabel(n.event.kind, n.event.rule, n.locale) },
  state: { doc: 'firing, escalated, repeat or resolved', value: (n) => n.event.state },
  severity: { doc: 'warning or critical', value: (n) => n.event.severity },
  value: { doc: 'the window average that caused the transition, e.g. "96.2%"', value: (n) => formatValue(n.event.kind, n.event.value) },
  threshold: { doc: 'the level crossed (threshold, critical level, or clear level when resolved), e.g. "95%"', value: (n) => formatValue(n.event.kind, n.event.threshold) },
  duration: { doc: 'how long the episode has lasted, e.g. "15m" ("" at its first transition)', value: (n) => durationOf(n) },
  peak: { doc: 'highest window average of the episode, e.g. "98.1%" (resolved alerts; "" otherwise)', value: (n) => (n.event.peak === undefined ? '' : formatValue(n.event.kind, n.event.peak)) },
  evidence: { doc: 'what was seen when it fired (top processes...), a list of lines: {% for line in evidence %}', value: (n) => formatEvidenceLines(n.event, n.locale), list: true },
  time: { doc: 'when, in template.timezone (default the server\'s), e.g. "2026-01-01 16:00:00 UTC+08:00"', value: (n, s) => timeOf(n.event, s) },
  dashboardUrl: { doc: 'template.dashboardUrl as configured ("" when unset)', value: (_n, s) => s.dashboardUrl ?? '' },
  message: { doc: 'the built-in one-line message, in the configured locale', value: (n) => n.event.message },
  test: { doc: 'true for a test alert (srvmon test-alert)', value: (n) => n.event.test === true },
} satisfies Record<string, FieldSpec>;

export type FieldName = keyof typeof FIELDS;

export const TEMPLATE_FIELD_NAMES = Object.keys(FIELDS) as FieldName[];

export function isTemplateField(name: string): name is FieldName {
  return Object.hasOwn(FIELDS, name);
}

export function isListField(name: FieldName): boolean {
  return (FIELDS[name] as FieldSpec).list === true;
}

/** name -> what it holds, for docs and messages. */
export function templateFieldDocs(): Record<FieldName, string> {
  return Object.fromEntries(TEMPLATE_FIELD_NAMES.map((name) => [name, FIELDS[name].doc])) as Record<FieldName, string>;
}

/** The values a template sees for this notification. */
export function templateFields(n: Notification, settings: FieldSettings): Record<FieldName, string | boolean | string[]> {
  return Object.fromEntries(TEMPLATE_FIELD_NAMES.map((name) => [name, (FIELDS[name] as FieldSpec).value(n, settings)])) as Record<
    FieldName,
    string | boolean | string[]
  >;
}

function durationOf(n: Notification): string {
  const { timeMs, sinceMs } = n.event;
  return timeMs > sinceMs ? formatDuration(timeMs - sinceMs, n.locale) : '';
}

function timeOf(event: AlertEvent, settings: FieldSettings): string {
  return settings.timezone === undefined ? formatLocalTime(event.timeMs) : formatTimeInZone(event.timeMs, settings.timezone);
}
