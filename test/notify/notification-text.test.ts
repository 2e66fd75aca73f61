import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Notification } from '../../src/notify/channel.js';
import { formatLocalTime, htmlBody, markdownBody, subjectOf, textBody } from '../../src/notify/notification-text.js';
import type { AlertEvent, Locale } from '../../src/types.js';

// Each test file runs in its own process, so the zone set here only affects this file's local-time lines.
process.env.TZ = 'Asia/Shanghai';

const T0 = Date.UTC(2026, 0, 1, 0, 0, 0);

function notification(overrides: Partial<AlertEvent> = {}, locale: Locale = 'en', host = 'web-1'): Notification {
  const event: AlertEvent = {
    type: 'alert',
    id: 'evt-1',
    timeMs: T0,
    rule: 'cpu',
    kind: 'cpu',
    state: 'firing',
    severity: 'critical',
    value: 97.25,
    threshold: 95,
    window: 3,
    notify: true,
    muted: false,
    message: 'CPU usage 97.3% (average of the last 3 samples) is above the critical level 95%',
    sinceMs: T0,
    ...overrides,
  };
  return { id: event.id, event, host, locale };
}

test('en subjects name host, severity and metric', () => {
  assert.equal(subjectOf(notification()), '[srvmon] web-1: CRITICAL CPU firing');
  assert.equal(subjectOf(notification({ state: 'resolved', severity: 'warning' })), '[srvmon] web-1: RESOLVED CPU');
  assert.equal(subjectOf(notification({ state: 'repeat', severity: 'warning' })), '[srvmon] web-1: WARNING CPU still firing');
  assert.equal(subjectOf(notification({ state: 'escalated' })), '[srvmon] web-1: CRITICAL CPU firing');
  assert.equal(subjectOf(notification({ kind: 'disk', rule: 'disk:/data', mountpoint: '/data' })), '[srvmon] web-1: CRITICAL Disk /data firing');
  assert.equal(subjectOf(notification({ test: true })), '[TEST] [srvmon] web-1: CRITICAL CPU firing');
});

test('zh-CN subjects', () => {
  assert.equal(subjectOf(notification({}, 'zh-CN')), '[srvmon] web-1：严重 CPU 告警');
  assert.equal(subjectOf(notification({ state: 'resolved' }, 'zh-CN')), '[srvmon] web-1：已恢复 CPU');
  assert.equal(subjectOf(notification({ state: 'repeat', severity: 'warning', kind: 'memory' }, 'zh-CN')), '[srvmon] web-1：警告 内存 持续告警');
  assert.equal(subjectOf(notification({ test: true }, 'zh-CN')), '【测试】[srvmon] web-1：严重 CPU 告警');
});

test('subject prefix is configurable, and a newline in the host cannot start a new mail header', () => {
  assert.equal(subjectOf(notification(), '[prod]'), '[prod] web-1: CRITICAL CPU firing');
  assert.equal(subjectOf(notification(), ''), 'web-1: CRITICAL CPU firing');
  assert.equal(subjectOf(notification({}, 'en', 'web-1\r\nBcc: evil@example.com')), '[srvmon] web-1 Bcc: evil@example.com: CRITICAL CPU firing');
});

test('local time is the process zone with its offset', () => {
  assert.equal(formatLocalTime(T0), '2026-01-01 08:00:00 UTC+08:00');
});

test('en text body lists every fact', () => {
  assert.equal(
    textBody(notification()),
    [
      'CPU usage 97.3% (average of the last 3 samples) is above the critical level 95%',
      '',
      'Host: web-1',
      'State: firing (CRITICAL)',
      'Rule: cpu (CPU)',
      'Value: 97.3%',
      'Threshold: 95%',
      'Window: 3 samples',
      'Time (UTC): 2026-01-01T00:00:00.000Z',
      'Time (local): 2026-01-01 08:00:00 UTC+08:00',
      'Alert id: evt-1',
      '',
      '-- Sent by srvmon',
      '',
    ].join('\n'),
  );
});

test('resolved text shows how long the episode lasted; test alerts are marked first', () => {
  const resolved = textBody(notification({ state: 'resolved', value: 40, threshold: 80, sinceMs: T0 - 75 * 60_000 }));
  assert.match(resolved, /^State: resolved \(CRITICAL\)$/m);
  assert.match(resolved, /^Duration: 1h15m$/m);
  assert.match(resolved, /^Value: 40%$/m);
  const testAlert = textBody(notification({ test: true }));
  assert.ok(testAlert.startsWith('[TEST] This is a test alert sent by srvmon; no action is needed.\n'));
  assert.doesNotMatch(textBody(notification()), /TEST/);
});

test('zh-CN text body', () => {
  const body = textBody(notification({ test: true, kind: 'load', rule: 'load', value: 2.5, threshold: 2, window: 1 }, 'zh-CN'));
  assert.ok(body.startsWith('【测试】这是 srvmon 发送的测试告警，无需处理。\n'));
  for (const line of ['主机：web-1', '状态：告警中（严重）', '规则：load（负载）', '当前值：2.50', '阈值：2.00', '窗口：1次采样', '本地时间：2026-01-01 08:00:00 UTC+08:00', '告警ID：evt-1']) {
    assert.ok(body.includes(`\n${line}\n`), `missing line ${line} in\n${body}`);
  }
});

test('HTML escapes every interpolated string, the message included', () => {
  const html = htmlBody(notification({ message: 'CPU <script>alert("x")</script> & more', rule: 'cpu<i>' }, 'en', 'web-1<b>&"'));
  assert.ok(html.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more'));
  assert.ok(html.includes('<td>web-1&lt;b&gt;&amp;&quot;</td>'));
  assert.ok(html.includes('<td>cpu&lt;i&gt; (CPU)</td>'));
  assert.doesNotMatch(html, /<script|<b>&|<i>/);
  assert.ok(html.includes('<tr><th align="left" style="padding:2px 12px 2px 0">Value</th><td>97.3%</td></tr>'));
  assert.ok(html.includes('<tr><th align="left" style="padding:2px 12px 2px 0">Alert id</th><td>evt-1</td></tr>'));
});

test('HTML marks test alerts and colours by state', () => {
  assert.ok(htmlBody(notification({ test: true })).includes('<b>[TEST] This is a test alert sent by srvmon; no action is needed.</b>'));
  assert.doesNotMatch(htmlBody(notification()), /\[TEST\]/);
  assert.ok(htmlBody(notification()).includes('color:#c62828'));
  assert.ok(htmlBody(notification({ state: 'resolved' })).includes('color:#2e7d32'));
});

test('markdown for WeCom: coloured title, quoted facts, markup in values neutralised', () => {
  const md = markdownBody(notification({}, 'zh-CN'));
  const lines = md.split('\n');
  assert.equal(lines[0], '### <font color="warning">web-1：严重 CPU 告警</font>');
  assert.equal(lines[1], 'CPU usage 97.3% (average of the last 3 samples) is above the critical level 95%');
  assert.ok(lines.includes('> 主机：web-1'));
  assert.ok(lines.includes('> 当前值：97.3%'));
  assert.equal(markdownBody(notification({ state: 'resolved' })).split('\n')[0], '### <font color="info">web-1: RESOLVED CPU</font>');

  const hostile = markdownBody(notification({ message: '<font color="info">ok</font> **x** [l](u) `c`' }, 'en', 'h<@all>'));
  assert.ok(hostile.includes('＜font color="info"＞ok＜/font＞ ＊＊x＊＊ ［l］(u) ｀c｀'));
  assert.ok(hostile.includes('> Host: h＜@all＞'));
  assert.equal(hostile.match(/<font/g)?.length, 1, 'only the title may carry a font tag');

  const testMd = markdownBody(notification({ test: true }));
  assert.equal(testMd.split('\n')[0], '### <font color="warning">[TEST] web-1: CRITICAL CPU firing</font>');
  assert.equal(testMd.split('\n')[1], '**[TEST] This is a test alert sent by srvmon; no action is needed.**');
});
