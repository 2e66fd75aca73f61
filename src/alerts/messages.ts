// Alert texts in the operators' two languages. Each message reports the averaged value, the window and the level
// crossed, as the original script meant to (it printed the last reading instead of the average).
import { RULE_KIND_TABLE, ruleInstance, type RuleKindRow } from '../catalogue/rule-kinds.js';
import { VALUE_UNITS, formatUnitLevel, formatUnitValue, levelNumber, type ValueUnit } from '../catalogue/value-units.js';
import type { AlertState, Locale, RuleKind, SampleSubject, Severity } from '../types.js';

export interface MessageInput {
  kind: RuleKind;
  /** A keyed rule's instance (the mount point of `disk:/data`): ruleInstance(rule id). */
  instance?: string;
  state: AlertState;
  severity: Severity;
  value: number;
  level: number;
  window: number;
  /** How long the episode has lasted (repeat and resolved). */
  durationMs: number;
  /** The sample's readings, for a kind whose sentence names another one (diskfull's growth per hour). */
  values?: Readonly<Record<string, number>>;
  /** What the reading is about (the process, the boot), from the sample; kinds with their own sentence name it. */
  subject?: SampleSubject | undefined;
}

/**
 * A measured value: percent as 91.3%, load as 2.10. Below 1 it keeps two significant digits (0.012%, 0.050), so a
 * small reading never shows as 0. Give it the raw value: every text (alert line, message, dashboard, mail) formats
 * the same number once, here, so they cannot disagree by a rounding. The unit comes from the kind's catalogue row.
 */
export function formatValue(kind: RuleKind, value: number): string {
  return formatUnitValue(VALUE_UNITS[RULE_KIND_TABLE[kind].unit], value);
}

/** A configured level as the user wrote it: 85%, 92.5%, 0.01% (not 0%), 1.5 for load. */
export function formatLevel(kind: RuleKind, level: number): string {
  return formatUnitLevel(VALUE_UNITS[RULE_KIND_TABLE[kind].unit], level);
}

export { levelNumber };

/**
 * The sign between a value and the level it crossed, as they read: `>` when firing, `<` when resolved; the other way
 * round for a unit written as its reciprocal (diskfull's time left: `5 h < 24 h` fires).
 */
export function crossedSign(kind: RuleKind, state: AlertState): '<' | '>' {
  const above = state !== 'resolved';
  const unit: ValueUnit = VALUE_UNITS[RULE_KIND_TABLE[kind].unit];
  return above !== (unit.readsInverse === true) ? '>' : '<';
}

export function formatDuration(durationMs: number, locale: Locale): string {
  const totalMin = Math.max(0, Math.round(durationMs / 60_000));
  const hours = Math.floor(totalMin / 60);
  const minutes = totalMin % 60;
  if (durationMs < 60_000) {
    const seconds = Math.max(0, Math.round(durationMs / 1000));
    return locale === 'zh-CN' ? `${seconds}秒` : `${seconds}s`;
  }
  if (locale === 'zh-CN') return hours ? `${hours}小时${minutes ? `${minutes}分钟` : ''}` : `${minutes}分钟`;
  return hours ? `${hours}h${minutes ? `${minutes}m` : ''}` : `${minutes}m`;
}

export function formatAlertMessage(input: MessageInput, locale: Locale): string {
  const sentence = (RULE_KIND_TABLE[input.kind] as RuleKindRow).sentence?.[locale];
  if (sentence) {
    const { subject } = input;
    return sentence({
      state: input.state,
      severity: input.severity,
      instance: input.instance,
      subject,
      value: formatValue(input.kind, input.value),
      level: formatLevel(input.kind, input.level),
      duration: formatDuration(input.durationMs, locale),
      // Under a second says nothing ("for 0s"): left out.
      subjectFor: subject?.forMs === undefined || subject.forMs < 1000 ? undefined : formatDuration(subject.forMs, locale),
      subjectSince: subject?.sinceMs === undefined ? undefined : localClock(subject.sinceMs, subject.forMs),
    });
  }
  const own = (RULE_KIND_TABLE[input.kind] as RuleKindRow).sentences;
  if (own) return own[locale]({ ...input, instance: input.instance, duration: formatDuration(input.durationMs, locale) });
  return locale === 'zh-CN' ? zh(input) : en(input);
}

/** Local `03:12`, or `2026-12-01 03:12` for a time more than 20 h before the reading. */
function localClock(atMs: number, agoMs: number | undefined): string {
  const at = new Date(atMs);
  const two = (n: number): string => String(n).padStart(2, '0');
  const time = `${two(at.getHours())}:${two(at.getMinutes())}`;
  if (agoMs === undefined || agoMs < 20 * 3_600_000) return time;
  return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())} ${time}`;
}

function en(m: MessageInput): string {
  const name = RULE_KIND_TABLE[m.kind].names.en(m.instance);
  const value = formatValue(m.kind, m.value);
  const avg = m.window > 1 ? ` (average of the last ${m.window} samples)` : '';
  const level = formatLevel(m.kind, m.level);
  const critical = m.severity === 'critical' ? 'the critical level ' : '';
  switch (m.state) {
    case 'firing':
    case 'escalated':
      return `${name} ${value}${avg} is above ${critical}${level}`;
    case 'repeat':
      return `${name} ${value}${avg} is still above ${critical}${level} (for ${formatDuration(m.durationMs, 'en')})`;
    case 'resolved':
      return `${name} ${value}${avg} is back below ${level} (after ${formatDuration(m.durationMs, 'en')})`;
  }
}

function zh(m: MessageInput): string {
  const name = RULE_KIND_TABLE[m.kind].names['zh-CN'](m.instance);
  const value = formatValue(m.kind, m.value);
  const avg = m.window > 1 ? `（最近${m.window}次平均）` : '';
  const level = formatLevel(m.kind, m.level);
  const critical = m.severity === 'critical' ? '严重阈值' : '';
  switch (m.state) {
    case 'firing':
      return `${name}为${value}${avg}，超过了${critical}${level}，请关注`;
    case 'escalated':
      return `${name}为${value}${avg}，超过了${critical}${level}，请立即处理`;
    case 'repeat':
      return `${name}为${value}${avg}，持续超过${critical}${level}已${formatDuration(m.durationMs, 'zh-CN')}，请关注`;
    case 'resolved':
      return `${name}已恢复至${value}${avg}，低于${level}（持续${formatDuration(m.durationMs, 'zh-CN')}）`;
  }
}

/** Short labels for the dashboard, subjects and Alertmanager: `Disk /data` for the rule `disk:/data`. */
export function ruleLabel(kind: RuleKind, ruleId: string, locale: Locale): string {
  return RULE_KIND_TABLE[kind].labels[locale](ruleInstance(ruleId));
}
