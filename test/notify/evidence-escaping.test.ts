// The evidence in every channel's message, with hostile process names and mounts: markup, markdown, terminal escapes
// and newlines must arrive as text, never as structure (a tag, bold, a cleared screen, a forged line or header).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AlertEvidence } from '../../src/alerts/evidence.js';
import { alertJson, alertLines } from '../../src/headless/event-line.js';
import { alertIdentity } from '../../src/notify/alertmanager-alerts.js';
import { htmlBody, markdownBody, robotMarkdown, subjectOf, textBody } from '../../src/notify/notification-text.js';
import { telegramText } from '../../src/notify/telegram-channel.js';
import { templateData } from '../../src/notify/wechat-channel.js';
import { wechatConfigSchema } from '../../src/notify/wechat-config.js';
import { webhookPayload } from '../../src/notify/webhook-channel.js';
import { sampleNotification } from './sample-notification.js';

const ESC = '\x1b';
const hostile: AlertEvidence = {
  topByCpu: [
    { name: '<script>alert(1)</script>', pid: 4121, user: 'app', cpuPercent: 97 },
    { name: '*bold* _x_ [l](http://e) `c`', pid: 7, user: 'root', cpuPercent: 40 },
    { name: `${ESC}[2Jwipe\nFAKE LINE`, pid: 8, user: 'root', cpuPercent: 3 },
  ],
  cpuSplit: { user: 90, system: 5, iowait: 1, steal: 0 },
};

const cpuEvent = { rule: 'cpu', kind: 'cpu' as const, mountpoint: undefined, value: 97, threshold: 85, message: 'CPU usage 97% is above 85%', evidence: hostile };

test('mail text: the names as written, one line each (a newline in a name does not start a line)', () => {
  const text = textBody(sampleNotification(cpuEvent));
  assert.ok(text.includes('Top CPU: <script>alert(1)</script> (pid 4121, user app) 97%, *bold* _x_ [l](http://e) `c` (pid 7, user root) 40%'), text);
  assert.ok(!text.includes('\nFAKE LINE'), 'a newline in a name started a line of its own');
  assert.ok(!text.includes(ESC), 'a raw ESC in the mail text');
  assert.ok(text.includes('CPU time: user 90%, system 5%, iowait 1%, steal 0%'));
});

test('mail HTML: every name escaped, the evidence as a list', () => {
  const html = htmlBody(sampleNotification(cpuEvent));
  assert.ok(html.includes('<li>Top CPU: &lt;script&gt;alert(1)&lt;/script&gt; (pid 4121, user app) 97%'), html);
  assert.ok(!html.includes('<script>'));
  assert.ok(!html.includes(ESC));
});

test('WeCom and robot markdown: markup characters in names are neutralised', () => {
  for (const md of [markdownBody(sampleNotification(cpuEvent)), robotMarkdown(sampleNotification(cpuEvent)).text]) {
    const line = md.split('\n').find((l) => l.includes('4121'));
    assert.ok(line, md);
    assert.ok(!/[<>*`[\]]/.test(line.replace(/^(> |- )/, '')), `markup left in: ${line}`);
    assert.ok(line.includes('＜script＞alert(1)＜/script＞'), line);
    assert.ok(!md.includes(ESC));
  }
  assert.ok(robotMarkdown(sampleNotification(cpuEvent)).text.includes('＊bold＊ ＿x＿'));
});

test('Telegram (HTML mode): the evidence escaped', () => {
  const text = telegramText(sampleNotification(cpuEvent));
  assert.ok(text.includes('&lt;script&gt;alert(1)&lt;/script&gt; (pid 4121'), text);
  assert.ok(!text.includes('<script>'));
});

test('webhook and the JSON event line: the evidence as structured fields, the names as JSON strings', () => {
  const payload = webhookPayload(sampleNotification(cpuEvent));
  assert.deepEqual(payload.evidence, hostile);
  assert.equal(JSON.parse(JSON.stringify(payload)).evidence.topByCpu[2].name, `${ESC}[2Jwipe\nFAKE LINE`);
  const json = alertJson(sampleNotification(cpuEvent).event);
  assert.deepEqual(json.evidence, hostile);
  const resolved = alertJson(sampleNotification({ state: 'resolved', peak: 99.5 }).event);
  assert.equal(resolved.peak, 99.5);
  assert.equal(resolved.durationMs, 15 * 60_000);
  assert.equal(webhookPayload(sampleNotification({ state: 'resolved', peak: 99.5 })).peak, 99.5);
});

test('terminal line: evidence lines below the alert line, escapes visible, never executed', () => {
  const lines = alertLines(sampleNotification(cpuEvent).event, 'en');
  assert.equal(lines.length, 3);
  assert.ok(lines[1]!.startsWith('    Top CPU: <script>'));
  for (const line of lines) {
    assert.ok(!line.includes(ESC) && !line.includes('\n'), JSON.stringify(line));
  }
  assert.ok(lines[1]!.includes('\\x1b[2Jwipe\\nFAKE LINE'), lines[1]);
  const zh = alertLines(sampleNotification(cpuEvent).event, 'zh-CN');
  assert.ok(zh[1]!.includes('CPU占用最高：'), zh[1]);
});

test('Alertmanager: an evidence annotation; labels unchanged (they name the alert, and must not change with it)', () => {
  const identity = alertIdentity(sampleNotification(cpuEvent));
  assert.ok(identity.annotations.evidence?.startsWith('Top CPU: <script>alert(1)</script> (pid 4121'), identity.annotations.evidence);
  assert.deepEqual(Object.keys(identity.labels).sort(), ['alertname', 'instance', 'rule', 'severity']);
});

test('WeChat: the evidence follows the message in its field, cut to the field limit', () => {
  const config = wechatConfigSchema.parse({ appId: 'wx0123456789abcdef', appSecret: 's'.repeat(32), templateId: 't'.repeat(20), openIds: ['o'.repeat(28)] });
  const data = templateData(config, sampleNotification(cpuEvent, 'zh-CN'));
  assert.ok(data.msg!.value.includes('CPU占用最高：<script>alert(1)</script>（pid 4121'), data.msg!.value);
  assert.ok([...data.msg!.value].length <= 200);
  const short = templateData({ ...config, fields: { ...config.fields, msg: 'thing1' } }, sampleNotification(cpuEvent));
  assert.ok([...short.thing1!.value].length <= 20, short.thing1!.value);
});

test('the subject stays one line and carries no evidence', () => {
  assert.equal(subjectOf(sampleNotification(cpuEvent)), '[srvmon] web-1: CRITICAL CPU firing');
});

// Interface names are the kernel's, and a user with CAP_NET_ADMIN (a container, a VPN tool) can pick them.
const hostileIf = `<img src=x>*if*${ESC}[2J\nFAKE`;
const netEvent = {
  rule: `netTx:${hostileIf}`,
  kind: 'netTx' as const,
  mountpoint: undefined,
  value: 9e7,
  threshold: 5e7,
  message: 'Network transmit 90 MB/s is above 50 MB/s',
  evidence: { network: { interface: hostileIf, direction: 'tx' as const, rxBytesPerSec: 1e6, txBytesPerSec: 9e7, top: [{ interface: hostileIf, bytesPerSec: 9e7 }, { interface: 'eth1', bytesPerSec: 1e3 }] } },
};

test('a hostile interface name: text as written on one line, HTML and markdown neutralised, terminal escapes visible, JSON as is', () => {
  const text = textBody(sampleNotification(netEvent));
  assert.ok(text.includes('Network on <img src=x>*if*'), text);
  assert.ok(!text.includes('\nFAKE') && !text.includes(ESC), `a line forged (the evidence, the message or the rule field): ${JSON.stringify(text)}`);
  const html = htmlBody(sampleNotification(netEvent));
  assert.ok(html.includes('<li>Network on &lt;img src=x&gt;*if*'), html);
  assert.ok(!html.includes('<img') && !html.includes(ESC));
  for (const md of [markdownBody(sampleNotification(netEvent)), robotMarkdown(sampleNotification(netEvent)).text]) {
    const line = md.split('\n').find((l) => l.includes('Network on'));
    assert.ok(line, md);
    assert.ok(!/[<>*`[\]]/.test(line.replace(/^(> |- )/, '')), `markup left in: ${line}`);
    assert.ok(!md.includes(ESC) && !md.includes('\nFAKE'));
  }
  const lines = alertLines(sampleNotification(netEvent).event, 'en');
  assert.ok(lines.some((l) => l.includes('Network on <img src=x>*if*\\x1b[2J\\nFAKE')), lines.join('\n'));
  for (const line of lines) assert.ok(!line.includes(ESC) && !line.includes('\n'), JSON.stringify(line));
  assert.equal(webhookPayload(sampleNotification(netEvent)).evidence?.network?.interface, hostileIf);
  assert.deepEqual(alertJson(sampleNotification(netEvent).event).evidence, netEvent.evidence);
  assert.ok(telegramText(sampleNotification(netEvent)).includes('Network on &lt;img src=x&gt;'));
});
