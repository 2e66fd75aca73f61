// How a rule's numbers and state read on screen: shared by the side bar, chart titles and the palette.
import type { RuleStatus } from '../../alerts/engine.js';
import { formatValue, levelNumber, ruleLabel } from '../../alerts/messages.js';
import { RULE_KIND_TABLE } from '../../catalogue/rule-kinds.js';
import { VALUE_UNITS, type ValueUnit } from '../../catalogue/value-units.js';
import { terminalSafe } from '../../text/terminal-safe.js';
import type { Severity } from '../../types.js';
import type { UiLocale } from './strings.js';

/** ok, a firing severity, or no data yet (window not full / metric missing). */
export type RuleTone = 'ok' | Severity | 'noData';

export function ruleTone(status: RuleStatus, valuePresent: boolean): RuleTone {
  if (status.state.status === 'firing') return status.state.severity;
  return valuePresent || status.average !== undefined ? 'ok' : 'noData';
}

/** `Disk /data`; a mount point's control characters are shown escaped (it is text from outside). */
export function ruleName(status: RuleStatus, locale: UiLocale): string {
  return terminalSafe(ruleLabel(status.rule.kind, status.rule.id, locale));
}

/** A rule's name from its id; the id itself (escaped) for a rule that is not known (any more). */
export function ruleNameById(rules: readonly RuleStatus[], ruleId: string, locale: UiLocale): string {
  const status = rules.find((r) => r.rule.id === ruleId);
  return status ? ruleName(status, locale) : terminalSafe(ruleId);
}

/** 80%, 80/90%, 0.01%, 1.5/2 (load): the same level text as the alert messages. */
export function thresholdText(status: RuleStatus): string {
  const { rule } = status;
  const unit: ValueUnit = VALUE_UNITS[RULE_KIND_TABLE[rule.kind].unit];
  // A unit with its own words (12.5 MB/s) writes each level whole: 12.5 MB/s/25 MB/s would misread as one rate.
  const compact = unit.compact ?? unit.format;
  if (compact) return rule.critical !== undefined ? `${compact(rule.threshold)}|${compact(rule.critical)}` : compact(rule.threshold);
  const levels = rule.critical !== undefined ? `${levelNumber(rule.threshold)}/${levelNumber(rule.critical)}` : levelNumber(rule.threshold);
  return `${levels}${VALUE_UNITS[RULE_KIND_TABLE[rule.kind].unit].suffix}`;
}

export function valueText(status: RuleStatus, value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '-';
  const unit: ValueUnit = VALUE_UNITS[RULE_KIND_TABLE[status.rule.kind].unit];
  return unit.compact ? unit.compact(value) : formatValue(status.rule.kind, value);
}
