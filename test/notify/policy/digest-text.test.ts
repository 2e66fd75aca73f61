import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Notification } from '../../../src/notify/channel.js';
import { htmlBody, markdownBody, robotMarkdown, subjectOf, textBody } from '../../../src/notify/notification-text.js';
import { representativeEvent, type DigestMessage } from '../../../src/notify/policy/digest.js';
import { digestText } from '../../../src/notify/policy/digest-text.js';
import { webhookPayload } from '../../../src/notify/webhook-channel.js';
import type { Locale } from '../../../src/types.js';
import { at } from './policy-fixtures.js';

process.env.TZ = 'Asia/Shanghai';

const night: DigestMessage = {
  kind: 'digest',
  reason: 'quiet',
  fromMs: at(23, 40),
  toMs: at(7, 30, 1),
  more: 0,
  items: [
    { rule: 'cpu', kind: 'cpu', state: 'resolved', severity: 'warning', sinceMs: at(23, 40), lastMs: at(0, 40, 1), resolvedMs: at(0, 40, 1), value: 70, peak: 97.2, threshold: 90, window: 3, events: 3 },
    { rule: 'disk:/data', kind: 'disk', mountpoint: '/data', state: 'escalated', severity: 'critical', sinceMs: at(1, 0, 1), lastMs: at(3, 0, 1), value: 96, peak: 96.5, threshold: 95, window: 1, events: 2 },
  ],
};

function notificationOf(digest: DigestMessage, locale: Locale = 'en', host = 'web-1'): Notification {
  const id = `digest-${digest.toMs}`;
  return { id, host, locale, digest, event: representativeEvent(digest, id, digest.toMs, digestText(digest, host, locale).title) };
}

test('a digest lists what fired, for how long, its peak and whether it still fires (en)', () => {
  const n = notificationOf(night);
  assert.equal(subjectOf(n), '[srvmon] web-1: digest of 2 alerts held during quiet hours');
  assert.equal(
    textBody(n),
    [
      'Held from 03-05 23:40 to 07:30:',
      'WARNING CPU: resolved; fired 03-05 23:40, lasted 1h, peak 97.2%',
      'CRITICAL Disk /data: still firing; since 01:00 (6h30m), peak 96.5%, now 96%',
      '',
      '-- Sent by srvmon',
      '',
    ].join('\n'),
  );
  assert.equal(n.event.rule, 'disk:/data', 'the stand-in event is the most severe alert still firing');
});

test('a digest in zh-CN', () => {
  const n = notificationOf(night, 'zh-CN');
  assert.equal(subjectOf(n), '[srvmon] web-1：免打扰期间的 2 条告警汇总');
  assert.match(textBody(n), /警告 CPU：已恢复；03-05 23:40 开始，持续 1小时，峰值 97\.2%/);
  assert.match(textBody(n), /严重 磁盘 \/data：仍在告警；01:00 开始（6小时30分钟），峰值 96\.5%，当前 96%/);
});

test('a budget summary names the count, the host and the rules, and when the digest comes', () => {
  const summary: DigestMessage = { kind: 'summary', fromMs: at(14, 10), toMs: at(14, 10), more: 0, maxPerHour: 10, heldUntilMs: at(15), items: night.items.map((item) => ({ ...item, rule: item.rule })) };
  const n = notificationOf(summary);
  assert.equal(subjectOf(n), '[srvmon] web-1: alert budget reached, 2 more held');
  const lines = textBody(n).split('\n');
  assert.equal(lines[0], '2 more alerts on web-1: cpu, disk:/data');
  assert.equal(lines[1], 'The budget of 10 messages an hour is spent; further alerts are held and sent as one digest at 15:00.');
});

test('every renderer quotes the host for its target: HTML escaped, markdown neutralised', () => {
  const n = notificationOf(night, 'en', 'web<b>*1*</b>');
  const html = htmlBody(n);
  assert.ok(html.includes('web&lt;b&gt;*1*&lt;/b&gt;'), html);
  assert.ok(!html.includes('<b>*1*'), 'no markup from data');
  assert.match(html, /<li>CRITICAL Disk \/data: still firing/);
  assert.ok(markdownBody(n).includes('web＜b＞＊1＊＜/b＞'), markdownBody(n));
  const robot = robotMarkdown(n);
  assert.match(robot.text, /^#### web＜b＞＊1＊/);
  assert.match(robot.text, /- WARNING CPU: resolved/);
});

test('the webhook JSON carries the list: kind, title, lines and items', () => {
  const payload = webhookPayload(notificationOf(night));
  assert.equal(payload.digest?.kind, 'digest');
  assert.equal(payload.digest?.title, 'digest of 2 alerts held during quiet hours');
  assert.equal(payload.digest?.lines.length, 3);
  assert.equal(payload.digest?.items[1]?.peak, 96.5);
  assert.equal(payload.rule, 'disk:/data');
});
