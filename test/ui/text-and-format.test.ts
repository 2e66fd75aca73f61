import assert from 'node:assert/strict';
import { test } from 'node:test';
import { T0 } from './fixtures.js';
import { bytes, clockTime, countdown, interval, logTime, uptime } from '../../src/ui/view-models/format.js';
import { padEndCols, padStartCols, spreadCols, textCols, truncateCols } from '../../src/ui/view-models/text-width.js';
import { isUtf8Locale, useAscii } from '../../src/ui/terminal/terminal-mode.js';

test('CJK characters take two columns', () => {
  assert.equal(textCols('静音 29:41'), 10);
  assert.equal(padEndCols('内存', 6), '内存  ');
  assert.equal(padStartCols('ab', 4), '  ab');
  assert.equal(truncateCols('内存使用率', 5, '~'), '内存~');
  assert.equal(truncateCols('abcdef', 4, '…'), 'abc…');
});

test('spreadCols puts right text flush right and cuts the left first', () => {
  assert.equal(spreadCols('left', 'right', 12), 'left   right');
  assert.equal(spreadCols('a long left side', 'right', 12), 'a long right');
  assert.equal(spreadCols('x', 'too long right', 5), 'too l');
});

test('clock, log time, countdown, uptime, interval, bytes', () => {
  assert.equal(clockTime(T0), '14:03:07');
  assert.equal(logTime(T0, T0 + 60_000), '14:03:07');
  assert.equal(logTime(T0, T0 + 86_400_000), '01-15 14:03');
  assert.equal(countdown(29 * 60_000 + 41_000), '29:41');
  assert.equal(countdown(29 * 60_000 + 40_001), '29:41', 'rounded up, never 0:00 while muted');
  assert.equal(countdown(4 * 3_600_000), '4:00:00');
  assert.equal(uptime((3 * 24 + 4) * 3_600_000 + 5 * 60_000, 'en'), '3d 4h');
  assert.equal(uptime(5 * 3_600_000 + 12 * 60_000, 'zh-CN'), '5小时12分钟');
  assert.equal(uptime(7 * 60_000, 'en'), '7m');
  assert.equal(interval(1000), '1s');
  assert.equal(interval(500), '500ms');
  assert.equal(bytes(42 * 1024 * 1024), '42MB');
  assert.equal(bytes(1.25 * 1024 ** 3), '1.3GB');
});

test('ASCII mode: --ascii, or a locale without UTF-8 (first of LC_ALL, LC_CTYPE, LANG)', () => {
  assert.equal(isUtf8Locale({ LANG: 'en_US.UTF-8' }), true);
  assert.equal(isUtf8Locale({ LANG: 'C' }), false);
  assert.equal(isUtf8Locale({}), false);
  assert.equal(isUtf8Locale({ LC_ALL: 'C', LANG: 'en_US.UTF-8' }), false);
  assert.equal(isUtf8Locale({ LC_ALL: '', LC_CTYPE: 'zh_CN.utf8', LANG: 'C' }), true);
  assert.equal(useAscii(true, { LANG: 'C.UTF-8' }), true);
  assert.equal(useAscii(false, { LANG: 'C.UTF-8' }), false);
  assert.equal(useAscii(false, { LANG: 'POSIX' }), true);
});
