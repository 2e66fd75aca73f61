// The bottom panel, like VS Code's Problems panel: alert transitions newest last, each with its delivery results per
// channel joined by alertId (`mail ✓  wechat ✗ 40164`), plus the monitor's notices and the dashboard's own feedback.
import { crossedSign, formatLevel, formatValue, ruleLabel } from '../../alerts/messages.js';
import type { LogEntry } from '../../store/monitor-store.js';
import { terminalSafe } from '../../text/terminal-safe.js';
import type { AlertEvent, DeliveryEvent } from '../../types.js';
import { logTime } from './format.js';
import type { UiLocale, UiStrings } from './strings.js';
import type { Symbols } from './symbols.js';
import { truncateCols } from './text-width.js';

export type LogTone = 'critical' | 'warning' | 'resolved' | 'info' | 'noticeWarning' | 'test';

export interface LogLine {
  text: string;
  tone: LogTone;
  /** Marked [muted]: shown dim. */
  muted: boolean;
  /** The alert this line shows (the log's cursor stands on these); absent on notices, deliveries and test alerts. */
  alertId?: string;
}

export interface UiNotice {
  timeMs: number;
  level: 'info' | 'warning';
  message: string;
}

export interface AlertLogInput {
  entries: readonly LogEntry[];
  notices: readonly UiNotice[];
  nowMs: number;
  locale: UiLocale;
  strings: UiStrings;
  symbols: Symbols;
  widthCols: number;
}

/** The short reason of a failed delivery: an error code (HTTP status, WeChat errcode, SMTP reply) when there is one. */
export function shortError(error: string | undefined): string {
  if (!error) return '';
  const code = /\b(\d{3,6})\b/.exec(error);
  return code ? code[1]! : truncateCols(error.replace(/\s+/g, ' '), 24);
}

/** Latest result per channel, in the order channels first reported. */
export function deliverySummary(deliveries: readonly DeliveryEvent[], symbols: Symbols, strings: UiStrings): string {
  const latest = new Map<string, DeliveryEvent>();
  for (const d of deliveries) latest.set(d.channel, d);
  return [...latest.values()]
    .map((d) => (d.ok ? `${d.channel} ${symbols.ok}` : `${d.channel} ${symbols.fail}${d.error ? ` ${shortError(d.error)}` : ''}${d.willRetry ? ` (${strings.retrying})` : ''}`))
    .join('  ');
}

function alertTone(event: AlertEvent): LogTone {
  if (event.test) return 'test';
  if (event.state === 'resolved') return 'resolved';
  return event.severity;
}

function alertText(event: AlertEvent, deliveries: readonly DeliveryEvent[], input: AlertLogInput): string {
  const { strings, symbols } = input;
  const crossed = crossedSign(event.kind, event.state);
  const markers = [
    event.muted ? '[muted]' : '',
    !event.notify && !event.muted ? `[${strings.notSent}: ${event.suppressedBy ?? '-'}]` : '',
  ].filter(Boolean);
  const summary = deliverySummary(deliveries, symbols, strings);
  if (event.test) {
    // The message itself says [TEST]; the level and state of a test alert mean nothing.
    return `${logTime(event.timeMs, input.nowMs)} TEST${summary ? `  ${summary}` : ''}  ${event.message}`;
  }
  const parts = [
    logTime(event.timeMs, input.nowMs),
    event.state === 'resolved' ? 'OK  ' : event.severity === 'critical' ? 'CRIT' : 'WARN',
    event.state.toUpperCase(),
    ruleLabel(event.kind, event.rule, input.locale),
    `${formatValue(event.kind, event.value)} ${crossed} ${formatLevel(event.kind, event.threshold)}`,
    ...markers,
  ];
  return `${parts.join(' ')}${summary ? `  ${summary}` : ''}  ${event.message}`;
}

type Item = { timeMs: number; line: LogLine };

export function alertLogLines(input: AlertLogInput): LogLine[] {
  const byAlert = new Map<string, DeliveryEvent[]>();
  const alertIds = new Set<string>();
  for (const entry of input.entries) if (entry.type === 'alert') alertIds.add(entry.id);
  const items: Item[] = [];
  for (const entry of input.entries) {
    if (entry.type !== 'delivery') continue;
    if (alertIds.has(entry.alertId)) {
      const list = byAlert.get(entry.alertId) ?? [];
      list.push(entry);
      byAlert.set(entry.alertId, list);
    } else {
      // Its alert scrolled out of the kept log: still show the result on its own line.
      const summary = deliverySummary([entry], input.symbols, input.strings);
      items.push({ timeMs: entry.timeMs, line: { text: `${logTime(entry.timeMs, input.nowMs)} ${input.strings.delivery} ${entry.rule}  ${summary}`, tone: entry.ok ? 'info' : 'warning', muted: false } });
    }
  }
  for (const entry of input.entries) {
    if (entry.type !== 'alert') continue;
    const line: LogLine = { text: alertText(entry, byAlert.get(entry.id) ?? [], input), tone: alertTone(entry), muted: entry.muted };
    if (!entry.test) line.alertId = entry.id;
    items.push({ timeMs: entry.timeMs, line });
  }
  for (const notice of input.notices) {
    const tone: LogTone = notice.level === 'warning' ? 'noticeWarning' : 'info';
    items.push({ timeMs: notice.timeMs, line: { text: `${logTime(notice.timeMs, input.nowMs)} ${notice.level === 'warning' ? '!' : 'i'} ${notice.message}`, tone, muted: false } });
  }
  // Stable sort keeps the log's own order for equal times (an alert before its notices).
  items.sort((a, b) => a.timeMs - b.timeMs);
  // Mount points, messages, notices and server replies are text from outside: their control characters are shown
  // escaped (`\x1b`, `\n`), never passed to blessed, which would turn SGR codes into colours and a newline into a line.
  const lines = items.map((item) => ({ ...item.line, text: truncateCols(terminalSafe(item.line.text), input.widthCols, input.symbols.ellipsis) }));
  return lines.length > 0 ? lines : [{ text: input.strings.logEmpty, tone: 'info', muted: false }];
}
