// What a notification says, in one place for every channel (mail subject + text + HTML, WeCom markdown, webhook
// text): the same facts in the same order, so that an operator reading a mail and a WeCom message sees one story.
// Each renderer only decides how to quote: HTML escapes every interpolated string, markdown neutralises markup.
import escapeHtml from 'escape-html';
import { formatEvidenceLines } from '../alerts/evidence-text.js';
import { formatDuration, formatValue, ruleLabel } from '../alerts/messages.js';
import type { AlertState, Locale, Severity } from '../types.js';
import type { Notification } from './channel.js';
import { digestText } from './policy/digest-text.js';
import type { TemplatePart } from './templates/channel-template.js';
import type { TemplateTarget } from './templates/template-engine.js';

export const DEFAULT_SUBJECT_PREFIX = '[srvmon]';

interface Words {
  severity: Record<Severity, string>;
  /** Subject verb per state; resolved has its own shape. */
  subjectState: Record<Exclude<AlertState, 'resolved'>, string>;
  resolved: string;
  state: Record<AlertState, string>;
  testMark: string;
  testNotice: string;
  colon: string;
  /** " (x)" in en, "（x）" in zh-CN. */
  aside: (text: string) => string;
  samples: (n: number) => string;
  labels: {
    host: string;
    state: string;
    rule: string;
    value: string;
    threshold: string;
    window: string;
    duration: string;
    timeUtc: string;
    timeLocal: string;
    id: string;
  };
  footer: string;
}

const WORDS: Record<Locale, Words> = {
  en: {
    severity: { warning: 'WARNING', critical: 'CRITICAL' },
    subjectState: { firing: 'firing', escalated: 'firing', repeat: 'still firing' },
    resolved: 'RESOLVED',
    state: { firing: 'firing', repeat: 'still firing', escalated: 'escalated', resolved: 'resolved' },
    testMark: '[TEST] ',
    testNotice: '[TEST] This is a test alert sent by srvmon; no action is needed.',
    colon: ': ',
    aside: (text) => ` (${text})`,
    samples: (n) => `${n} ${n === 1 ? 'sample' : 'samples'}`,
    labels: {
      host: 'Host',
      state: 'State',
      rule: 'Rule',
      value: 'Value',
      threshold: 'Threshold',
      window: 'Window',
      duration: 'Duration',
      timeUtc: 'Time (UTC)',
      timeLocal: 'Time (local)',
      id: 'Alert id',
    },
    footer: 'Sent by srvmon',
  },
  'zh-CN': {
    severity: { warning: '警告', critical: '严重' },
    subjectState: { firing: '告警', escalated: '告警', repeat: '持续告警' },
    resolved: '已恢复',
    state: { firing: '告警中', repeat: '持续告警', escalated: '升级为严重', resolved: '已恢复' },
    testMark: '【测试】',
    testNotice: '【测试】这是 srvmon 发送的测试告警，无需处理。',
    colon: '：',
    aside: (text) => `（${text}）`,
    samples: (n) => `${n}次采样`,
    labels: {
      host: '主机',
      state: '状态',
      rule: '规则',
      value: '当前值',
      threshold: '阈值',
      window: '窗口',
      duration: '持续时间',
      timeUtc: '时间（UTC）',
      timeLocal: '本地时间',
      id: '告警ID',
    },
    footer: '由 srvmon 发送',
  },
};

/** Mail subjects are one header line: a host name or prefix with a newline must not start a new header. */
export function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ');
}

/**
 * `[srvmon] web-1: CRITICAL CPU firing`, `[srvmon] web-1: RESOLVED CPU`, `[srvmon] web-1：严重 CPU 告警`,
 * `[srvmon] web-1：已恢复 CPU`; test alerts start with `[TEST] ` / `【测试】`.
 */
export function subjectOf(n: Notification, prefix: string = DEFAULT_SUBJECT_PREFIX): string {
  const words = WORDS[n.locale];
  if (n.digest) return oneLine(`${[prefix, n.host].filter((part) => part !== '').join(' ')}${words.colon}${digestText(n.digest, n.host, n.locale).title}`);
  const e = n.event;
  const custom = templatedPart(n, 'subject', 'plain');
  if (custom !== undefined) return oneLine(`${e.test ? words.testMark : ''}${custom}`);
  const label = ruleLabel(e.kind, e.rule, n.locale);
  const what = e.state === 'resolved' ? `${words.resolved} ${label}` : `${words.severity[e.severity]} ${label} ${words.subjectState[e.state]}`;
  const head = [prefix, n.host].filter((part) => part !== '').join(' ');
  return oneLine(`${e.test ? words.testMark : ''}${head}${words.colon}${what}`);
}

/**
 * The evidence (top processes, CPU split, disk trend, episode peak), one line each. Process names and mounts are
 * untrusted: a newline in one must not start a line (or a mail header) of its own, whatever the target.
 */
export function evidenceLinesOf(n: Notification): string[] {
  return formatEvidenceLines(n.event, n.locale).map(oneLine);
}

interface Field {
  label: string;
  value: string;
}

/** The facts every body shows, in order. */
function fieldsOf(n: Notification): Field[] {
  const words = WORDS[n.locale];
  const e = n.event;
  const fields: Field[] = [
    { label: words.labels.host, value: n.host },
    { label: words.labels.state, value: `${words.state[e.state]}${words.aside(words.severity[e.severity])}` },
    { label: words.labels.rule, value: `${e.rule}${words.aside(ruleLabel(e.kind, e.rule, n.locale))}` },
    { label: words.labels.value, value: formatValue(e.kind, e.value) },
    { label: words.labels.threshold, value: formatValue(e.kind, e.threshold) },
    { label: words.labels.window, value: words.samples(e.window) },
  ];
  if (e.timeMs > e.sinceMs) fields.push({ label: words.labels.duration, value: formatDuration(e.timeMs - e.sinceMs, n.locale) });
  fields.push(
    { label: words.labels.timeUtc, value: new Date(e.timeMs).toISOString() },
    { label: words.labels.timeLocal, value: formatLocalTime(e.timeMs) },
    { label: words.labels.id, value: n.id },
  );
  return fields;
}

/** "2026-01-01 08:00:00 UTC+08:00" in the process time zone: the server's wall clock, with its offset said. */
export function formatLocalTime(timeMs: number): string {
  const d = new Date(timeMs);
  const pad = (v: number) => String(v).padStart(2, '0');
  const offsetMin = -d.getTimezoneOffset();
  const sign = offsetMin < 0 ? '-' : '+';
  const offset = `${sign}${pad(Math.floor(Math.abs(offsetMin) / 60))}:${pad(Math.abs(offsetMin) % 60)}`;
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return `${date} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())} UTC${offset}`;
}

export function textBody(n: Notification): string {
  const words = WORDS[n.locale];
  if (n.digest) return `${[...digestText(n.digest, n.host, n.locale).lines, '', `-- ${words.footer}`].join('\n')}\n`;
  const custom = templatedPart(n, 'body', 'plain');
  if (custom !== undefined) return `${n.event.test ? `${words.testNotice}\n\n` : ''}${custom.trimEnd()}\n`;
  const lines: string[] = [];
  if (n.event.test) lines.push(words.testNotice, '');
  // The message and the rule id carry instance names (an interface, a mount): a newline in one must not forge a line.
  lines.push(oneLine(n.event.message), '');
  const evidence = evidenceLinesOf(n);
  if (evidence.length > 0) lines.push(...evidence, '');
  for (const field of fieldsOf(n)) lines.push(`${field.label}${words.colon}${oneLine(field.value)}`);
  lines.push('', `-- ${words.footer}`);
  return `${lines.join('\n')}\n`;
}

/** Colour only for the eye; every fact is also in the text. */
function colourOf(n: Notification): string {
  if (n.event.state === 'resolved') return '#2e7d32';
  return n.event.severity === 'critical' ? '#c62828' : '#e65100';
}

export function htmlBody(n: Notification): string {
  const words = WORDS[n.locale];
  // Control characters (an ESC, a newline in an interface name) go too: they are never meant as text in a mail.
  const h = (text: string) => escapeHtml(oneLine(text));
  if (n.digest) return digestHtml(n, h);
  const custom = templatedPart(n, 'body', 'html');
  const content =
    custom !== undefined
      ? // The template's own text is HTML as written; its line breaks are kept as the text part shows them.
        `<div style="white-space:pre-wrap">${custom.trim()}</div>`
      : undefined;
  const rows = fieldsOf(n)
    .map((f) => `<tr><th align="left" style="padding:2px 12px 2px 0">${h(f.label)}</th><td>${h(f.value)}</td></tr>`)
    .join('\n');
  const testNotice = n.event.test ? `<p style="background:#fff3cd;padding:6px"><b>${h(words.testNotice)}</b></p>\n` : '';
  const evidence = evidenceLinesOf(n);
  const evidenceList = evidence.length === 0 ? '' : `\n<ul style="padding-left:18px">\n${evidence.map((line) => `<li>${h(line)}</li>`).join('\n')}\n</ul>`;
  return [
    '<!DOCTYPE html>',
    `<html lang="${h(n.locale)}"><head><meta charset="utf-8"><title>${h(subjectOf(n))}</title></head>`,
    '<body style="font-family:sans-serif">',
    ...(content !== undefined
      ? [`${testNotice}${content}`]
      : [
          `${testNotice}<p style="font-size:16px;color:${h(colourOf(n))}"><b>${h(n.event.message)}</b></p>${evidenceList}`,
          `<table style="border-collapse:collapse">\n${rows}\n</table>`,
          `<p style="color:#888;font-size:12px">${h(words.footer)}</p>`,
        ]),
    '</body></html>',
    '',
  ].join('\n');
}

/**
 * WeCom markdown has no escape syntax, so in interpolated text the characters that would become markup
 * (<font>, <@user>, **bold**, `code`, [links]) are replaced by their full-width look-alikes.
 */
export function neutraliseMarkdown(text: string): string {
  const FULL_WIDTH: Record<string, string> = { '<': '＜', '>': '＞', '*': '＊', '`': '｀', '[': '［', ']': '］', '#': '＃' };
  return oneLine(text).replace(/[<>*`[\]#]/g, (ch) => FULL_WIDTH[ch] ?? ch);
}

/** WeCom's three colours: info green, warning orange-red, comment grey. */
function wecomColourOf(n: Notification): string {
  if (n.event.state === 'resolved') return 'info';
  return n.event.severity === 'critical' ? 'warning' : 'comment';
}

export function markdownBody(n: Notification): string {
  const words = WORDS[n.locale];
  const m = neutraliseMarkdown;
  // A list (group, summary, digest) is never templated: the template describes one alert.
  if (n.digest) return digestMarkdown(n, m, '### ', '> ', '\n');
  const custom = templatedPart(n, 'body', 'markdown');
  if (custom !== undefined) return `${n.event.test ? `**${words.testNotice}**\n` : ''}${custom.trim()}`;
  const lines: string[] = [];
  // Our own words (test mark, labels) are left as written; only data (host, rule, message, values) is neutralised.
  const title = m(subjectOf({ ...n, event: { ...n.event, test: false } }, ''));
  lines.push(`### <font color="${wecomColourOf(n)}">${n.event.test ? words.testMark : ''}${title}</font>`);
  if (n.event.test) lines.push(`**${words.testNotice}**`);
  lines.push(m(n.event.message));
  for (const line of evidenceLinesOf(n)) lines.push(m(line));
  for (const field of fieldsOf(n)) lines.push(`> ${field.label}${words.colon}${m(field.value)}`);
  return lines.join('\n');
}

/**
 * For robots with common markdown (DingTalk, Feishu lark_md): markup characters in data are replaced by full-width
 * look-alikes as for WeCom, plus `_`, `~` and `|` (emphasis, strike-through, tables), which these dialects read.
 */
export function neutraliseRobotMarkdown(text: string): string {
  const FULL_WIDTH: Record<string, string> = { _: '＿', '~': '～', '|': '｜' };
  return neutraliseMarkdown(text).replace(/[_~|]/g, (ch) => FULL_WIDTH[ch] ?? ch);
}

/** Title (the preview line; plain text) and markdown text for a DingTalk or Feishu robot. */
export function robotMarkdown(n: Notification): { title: string; text: string } {
  const words = WORDS[n.locale];
  const m = neutraliseRobotMarkdown;
  if (n.digest) return { title: subjectOf(n), text: `${digestMarkdown(n, m, '#### ', '- ', '\n\n')}\n\n###### ${words.footer}` };
  const custom = templatedPart(n, 'body', 'robot-markdown');
  if (custom !== undefined) return { title: subjectOf(n), text: `${n.event.test ? `**${words.testNotice}**\n\n` : ''}${custom.trim()}` };
  const lines: string[] = [];
  lines.push(`#### ${n.event.test ? words.testMark : ''}${m(subjectOf({ ...n, event: { ...n.event, test: false } }, ''))}`);
  if (n.event.test) lines.push(`**${words.testNotice}**`);
  lines.push(m(n.event.message));
  for (const line of evidenceLinesOf(n)) lines.push(m(line));
  for (const field of fieldsOf(n)) lines.push(`- ${field.label}${words.colon}${m(field.value)}`);
  lines.push(`###### ${words.footer}`);
  // A blank line between blocks: both robots join single newlines into one paragraph.
  return { title: subjectOf(n), text: lines.join('\n\n') };
}

// --- lists (groups, budget summaries, digests: see policy/digest.ts): title and one line per alert ---

function digestHtml(n: Notification, h: (text: string) => string): string {
  const { title, lines } = digestText(n.digest as NonNullable<Notification['digest']>, n.host, n.locale);
  const items = lines.map((line) => `<li>${h(line)}</li>`).join('\n');
  return [
    '<!DOCTYPE html>',
    `<html lang="${h(n.locale)}"><head><meta charset="utf-8"><title>${h(subjectOf(n))}</title></head>`,
    '<body style="font-family:sans-serif">',
    `<p style="font-size:16px"><b>${h(`${n.host}${WORDS[n.locale].colon}${title}`)}</b></p>`,
    `<ul>\n${items}\n</ul>`,
    `<p style="color:#888;font-size:12px">${h(WORDS[n.locale].footer)}</p>`,
    '</body></html>',
    '',
  ].join('\n');
}

function digestMarkdown(n: Notification, m: (text: string) => string, heading: string, bullet: string, joiner: string): string {
  const { title, lines } = digestText(n.digest as NonNullable<Notification['digest']>, n.host, n.locale);
  return [`${heading}${m(`${n.host}${WORDS[n.locale].colon}${title}`)}`, ...lines.map((line) => `${bullet}${m(line)}`)].join(joiner);
}

/**
 * The channel template's part for this notification, values escaped for `target`; undefined when the channel has no
 * template for that part. A template was checked against sample alerts when the config loaded, so a failure here is
 * a render limit: the built-in text is sent instead, since a notification without the user's wording is better
 * than none.
 */
export function templatedPart(n: Notification, part: TemplatePart, target: TemplateTarget): string | undefined {
  if (!n.template?.has(part)) return undefined;
  try {
    return n.template.render(n, part, target);
  } catch {
    return undefined;
  }
}

/** How a test alert is marked, for channels that compose a templated text themselves (Telegram). */
export function testWords(locale: Locale): { mark: string; notice: string } {
  return { mark: WORDS[locale].testMark, notice: WORDS[locale].testNotice };
}
