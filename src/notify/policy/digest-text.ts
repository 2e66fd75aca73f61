// The words of a group, a budget summary and a digest, in en and zh-CN: a title and one plain line per alert. Plain
// text only; each channel's renderer (notification-text.ts) quotes it for its target (HTML, markdown, JSON).
import { formatDuration, formatValue, ruleLabel } from '../../alerts/messages.js';
import type { AlertState, Locale, Severity } from '../../types.js';
import type { DigestItem, DigestMessage } from './digest.js';

interface DigestWords {
  severity: Record<Severity, string>;
  state: Record<AlertState, string>;
  colon: string;
  groupTitle: (n: number) => string;
  summaryTitle: (n: number) => string;
  summaryHead: (n: number, host: string, rules: string) => string;
  summaryNote: (max: number, at: string) => string;
  digestTitle: (n: number, reason: 'quiet' | 'budget') => string;
  digestHead: (from: string, to: string) => string;
  itemGroup: (value: string, threshold: string) => string;
  itemResolved: (since: string, lasted: string, peak: string) => string;
  itemFiring: (since: string, lasted: string, peak: string, now: string) => string;
  more: (n: number) => string;
  listSep: string;
}

const WORDS: Record<Locale, DigestWords> = {
  en: {
    severity: { warning: 'WARNING', critical: 'CRITICAL' },
    state: { firing: 'firing', repeat: 'still firing', escalated: 'escalated', resolved: 'resolved' },
    colon: ': ',
    groupTitle: (n) => `${n} alerts`,
    summaryTitle: (n) => `alert budget reached, ${n} more held`,
    summaryHead: (n, host, rules) => `${n} more ${n === 1 ? 'alert' : 'alerts'} on ${host}: ${rules}`,
    summaryNote: (max, at) => `The budget of ${max} ${max === 1 ? 'message' : 'messages'} an hour is spent; further alerts are held and sent as one digest at ${at}.`,
    digestTitle: (n, reason) => `digest of ${n} ${n === 1 ? 'alert' : 'alerts'} held ${reason === 'quiet' ? 'during quiet hours' : 'by the alert budget'}`,
    digestHead: (from, to) => `Held from ${from} to ${to}:`,
    itemGroup: (value, threshold) => `${value} (threshold ${threshold})`,
    itemResolved: (since, lasted, peak) => `resolved; fired ${since}, lasted ${lasted}, peak ${peak}`,
    itemFiring: (since, lasted, peak, now) => `still firing; since ${since} (${lasted}), peak ${peak}, now ${now}`,
    more: (n) => `and ${n} more`,
    listSep: ', ',
  },
  'zh-CN': {
    severity: { warning: '警告', critical: '严重' },
    state: { firing: '告警', repeat: '持续告警', escalated: '升级为严重', resolved: '已恢复' },
    colon: '：',
    groupTitle: (n) => `${n} 条告警`,
    summaryTitle: (n) => `已达告警上限，另有 ${n} 条暂缓`,
    summaryHead: (n, host, rules) => `${host} 另有 ${n} 条告警：${rules}`,
    summaryNote: (max, at) => `本小时 ${max} 条消息的上限已用完；之后的告警暂缓发送，${at} 合并为一条汇总。`,
    digestTitle: (n, reason) => `${reason === 'quiet' ? '免打扰期间' : '超出告警上限'}的 ${n} 条告警汇总`,
    digestHead: (from, to) => `${from} 至 ${to} 期间暂缓的告警：`,
    itemGroup: (value, threshold) => `${value}（阈值 ${threshold}）`,
    itemResolved: (since, lasted, peak) => `已恢复；${since} 开始，持续 ${lasted}，峰值 ${peak}`,
    itemFiring: (since, lasted, peak, now) => `仍在告警；${since} 开始（${lasted}），峰值 ${peak}，当前 ${now}`,
    more: (n) => `另有 ${n} 条`,
    listSep: '、',
  },
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsIn(timeMs: number, timezone: string | undefined): Record<'year' | 'month' | 'day' | 'hour' | 'minute', string> {
  const key = timezone ?? '';
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { ...(timezone ? { timeZone: timezone } : {}), hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    formatters.set(key, format);
  }
  const parts = Object.fromEntries(format.formatToParts(timeMs).map((part) => [part.type, part.value]));
  return { year: parts.year ?? '', month: parts.month ?? '', day: parts.day ?? '', hour: parts.hour ?? '', minute: parts.minute ?? '' };
}

/** "02:10" on the day of `refMs`, "12-03 02:10" otherwise; in `timezone`, or this server's zone without one. */
export function shortTime(timeMs: number, refMs: number, timezone?: string): string {
  const d = partsIn(timeMs, timezone);
  const ref = partsIn(refMs, timezone);
  const sameDay = d.year === ref.year && d.month === ref.month && d.day === ref.day;
  return `${sameDay ? '' : `${d.month}-${d.day} `}${d.hour}:${d.minute}`;
}

function itemLine(item: DigestItem, message: DigestMessage, locale: Locale): string {
  const words = WORDS[locale];
  const label = `${words.severity[item.severity]} ${ruleLabel(item.kind, item.rule, locale)}`;
  const since = shortTime(item.sinceMs, message.toMs, message.timezone);
  const peak = formatValue(item.kind, item.peak);
  let detail: string;
  if (message.kind !== 'digest') detail = `${words.state[item.state]}${words.colon}${words.itemGroup(formatValue(item.kind, item.value), formatValue(item.kind, item.threshold))}`;
  else if (item.resolvedMs !== undefined) detail = words.itemResolved(since, formatDuration(item.resolvedMs - item.sinceMs, locale), peak);
  else detail = words.itemFiring(since, formatDuration(message.toMs - item.sinceMs, locale), peak, formatValue(item.kind, item.value));
  return `${label}${words.colon}${detail}`;
}

/** Title (without prefix and host) and the plain lines of the body. */
export function digestText(message: DigestMessage, host: string, locale: Locale): { title: string; lines: string[] } {
  const words = WORDS[locale];
  const count = message.items.length + message.more;
  const items = message.items.map((item) => itemLine(item, message, locale));
  if (message.more > 0) items.push(words.more(message.more));
  if (message.kind === 'group') return { title: words.groupTitle(count), lines: items };
  if (message.kind === 'summary') {
    const rules = [...new Set(message.items.map((item) => item.rule))].join(words.listSep);
    const at = shortTime(message.heldUntilMs ?? message.toMs, message.toMs, message.timezone);
    return { title: words.summaryTitle(count), lines: [words.summaryHead(count, host, rules), words.summaryNote(message.maxPerHour ?? 0, at), ...items] };
  }
  const head = words.digestHead(shortTime(message.fromMs, message.toMs, message.timezone), shortTime(message.toMs, message.toMs, message.timezone));
  return { title: words.digestTitle(count, message.reason ?? 'quiet'), lines: [head, ...items] };
}
