// How a rule's numbers and state read on screen: shared by the side bar, chart titles and the palette.
import type { RuleStatus } from '../../alerts/engine.js';
import { formatValue, ruleLabel } from '../../alerts/messages.js';
import type { Severity } from '../../types.js';
import type { UiLocale } from './strings.js';

/** ok, a firing severity, or no data yet (window not full / metric missing). */
export type RuleTone = 'ok' | Severity | 'noData';

export function ruleTone(status: RuleStatus, valuePresent: boolean): RuleTone {
  if (status.state.status === 'firing') return status.state.severity;
  return valuePresent || status.average !== undefined ? 'ok' : 'noData';
}

export function ruleName(status: RuleStatus, locale: UiLocale): string {
  return ruleLabel(status.rule.kind, status.rule.mountpoint, locale);
}

/** 80%, 80/90%, 1.5/2 (load). */
export function thresholdText(status: RuleStatus): string {
  const { rule } = status;
  const fmt = (v: number): string => (rule.kind === 'load' ? trim(v.toFixed(2)) : trim(v.toFixed(1)));
  const levels = rule.critical !== undefined ? `${fmt(rule.threshold)}/${fmt(rule.critical)}` : fmt(rule.threshold);
  return rule.kind === 'load' ? levels : `${levels}%`;
}

export function valueText(status: RuleStatus, value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? '-' : formatValue(status.rule.kind, value);
}

function trim(text: string): string {
  return text.replace(/\.0+$/, '').replace(/(\.\d*?)0+$/, '$1');
}
