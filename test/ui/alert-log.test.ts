import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EN, T0, ZH } from './fixtures.js';
import type { AlertEvent, DeliveryEvent } from '../../src/types.js';
import { alertLogLines, shortError } from '../../src/ui/view-models/alert-log.js';
import { visibleLogLines } from '../../src/ui/view-models/log-scroll.js';
import { ASCII_SYMBOLS, UNICODE_SYMBOLS } from '../../src/ui/view-models/symbols.js';

function alert(overrides: Partial<AlertEvent> = {}): AlertEvent {
  return {
    type: 'alert', id: 'a1', timeMs: T0, rule: 'cpu', kind: 'cpu', state: 'firing', severity: 'critical', value: 97.2, threshold: 95, window: 3,
    notify: true, muted: false, message: 'CPU usage 97.2% is above the critical level 95%', sinceMs: T0, ...overrides,
  };
}

function delivery(channel: string, ok: boolean, overrides: Partial<DeliveryEvent> = {}): DeliveryEvent {
  return { type: 'delivery', timeMs: T0 + 500, alertId: 'a1', rule: 'cpu', channel, ok, attempt: 1, ...overrides };
}

const input = { notices: [], nowMs: T0 + 1000, locale: 'en' as const, strings: EN, symbols: UNICODE_SYMBOLS, widthCols: 200 };

test('an alert line carries its delivery results per channel, joined by alertId, latest attempt wins', () => {
  const entries = [alert(), delivery('mail', false, { error: 'connect ECONNREFUSED', willRetry: true }), delivery('wechat', false, { error: 'errcode 40164: invalid ip 1.2.3.4' }), delivery('mail', true, { attempt: 2 })];
  const lines = alertLogLines({ ...input, entries });
  assert.equal(lines.length, 1);
  assert.equal(lines[0]!.text, '14:03:07 CRIT FIRING CPU 97.2% > 95%  mail ✓  wechat ✗ 40164  CPU usage 97.2% is above the critical level 95%');
  assert.equal(lines[0]!.tone, 'critical');
});

test('muted, not-sent, resolved and test entries are marked; ASCII symbols in ASCII mode', () => {
  const entries = [
    alert({ id: 'm', muted: true, notify: false, suppressedBy: 'mute', severity: 'warning' }),
    alert({ id: 'f', notify: false, suppressedBy: 'flapping', severity: 'warning' }),
    alert({ id: 'r', state: 'resolved', value: 60, threshold: 75, message: 'back' }),
    alert({ id: 't', test: true, rule: 'test', message: '[TEST] srvmon test alert' }),
    delivery('mail', false, { alertId: 't', error: '535 auth failed' }),
  ];
  const lines = alertLogLines({ ...input, entries, symbols: ASCII_SYMBOLS });
  assert.match(lines[0]!.text, /WARN FIRING CPU 97\.2% > 95% \[muted\]/);
  assert.equal(lines[0]!.muted, true);
  assert.match(lines[1]!.text, /\[not sent: flapping\]/);
  assert.match(lines[2]!.text, /^14:03:07 OK {3}RESOLVED CPU 60% < 75%  back$/);
  assert.equal(lines[2]!.tone, 'resolved');
  assert.equal(lines[3]!.text, '14:03:07 TEST  mail x 535  [TEST] srvmon test alert');
  assert.equal(lines[3]!.tone, 'test');
});

test('notices interleave by time; orphan deliveries get their own line; lines fit the width', () => {
  const entries = [alert({ timeMs: T0 + 2000 }), delivery('mail', true, { alertId: 'gone', timeMs: T0 + 3000 })];
  const notices = [{ timeMs: T0 + 1000, level: 'info' as const, message: 'no channel is configured: the test alert went to the log only' }];
  const lines = alertLogLines({ ...input, entries, notices, widthCols: 40 });
  assert.deepEqual(lines.map((l) => l.text), ['14:03:08 i no channel is configured: th…', '14:03:09 CRIT FIRING CPU 97.2% > 95%  C…', '14:03:10 delivery cpu  mail ✓']);
  assert.deepEqual(alertLogLines({ ...input, entries: [], strings: ZH }).map((l) => l.text), ['暂无告警。']);
});

test('shortError keeps an error code when there is one', () => {
  assert.equal(shortError('errcode 40164: invalid ip'), '40164');
  assert.equal(shortError('HTTP 503 Service Unavailable'), '503');
  assert.equal(shortError('getaddrinfo ENOTFOUND qyapi.weixin.qq.com'), 'getaddrinfo ENOTFOUND qy', 'cut to 24 columns');
});

test('log scrolling: newest lines by default, back by an offset, clamped', () => {
  const lines = [1, 2, 3, 4, 5, 6];
  assert.deepEqual(visibleLogLines(lines, 3, 0), { shown: [4, 5, 6], scrollBack: 0 });
  assert.deepEqual(visibleLogLines(lines, 3, 2), { shown: [2, 3, 4], scrollBack: 2 });
  assert.deepEqual(visibleLogLines(lines, 3, 99), { shown: [1, 2, 3], scrollBack: 3 });
  assert.deepEqual(visibleLogLines(lines, 0, 0), { shown: [], scrollBack: 0 });
});
