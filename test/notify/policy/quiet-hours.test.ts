import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { QuietWindow } from '../../../src/notify/policy/policy-types.js';
import { activeQuietWindows, localDayMinute, quietHolds, quietUntilMs } from '../../../src/notify/policy/quiet-hours.js';

const EVERY_DAY = [0, 1, 2, 3, 4, 5, 6];
const night = (over: Partial<QuietWindow> = {}): QuietWindow => ({ days: EVERY_DAY, fromMin: 23 * 60, toMin: 7 * 60 + 30, timezone: 'Asia/Shanghai', allow: ['critical'], ...over });
/** Wall time of a Shanghai local time (UTC+8, no DST). */
const shanghai = (y: number, m: number, d: number, h: number, min = 0) => Date.UTC(y, m - 1, d, h - 8, min);

test('a 23:00-07:30 window is in force across midnight and ends at 07:30 local', () => {
  const windows = [night()];
  assert.equal(activeQuietWindows(windows, shanghai(2026, 3, 4, 22, 59)).length, 0);
  assert.equal(activeQuietWindows(windows, shanghai(2026, 3, 4, 23, 0)).length, 1);
  assert.equal(activeQuietWindows(windows, shanghai(2026, 3, 5, 0, 30)).length, 1);
  assert.equal(activeQuietWindows(windows, shanghai(2026, 3, 5, 7, 29)).length, 1);
  assert.equal(activeQuietWindows(windows, shanghai(2026, 3, 5, 7, 30)).length, 0);
  assert.equal(quietUntilMs(windows, shanghai(2026, 3, 5, 2, 17)), shanghai(2026, 3, 5, 7, 30));
  assert.equal(quietUntilMs(windows, shanghai(2026, 3, 5, 12, 0)), undefined);
});

test('allow lets criticals through, warnings are held', () => {
  const windows = [night()];
  const at = shanghai(2026, 3, 5, 3, 0);
  assert.equal(quietHolds(windows, 'critical', at), false);
  assert.equal(quietHolds(windows, 'warning', at), true);
  assert.equal(quietHolds([night({ allow: [] })], 'critical', at), true);
});

test('days name the day a window starts on: Friday night runs into Saturday morning, Saturday night is not quiet', () => {
  // 2026-03-06 is a Friday.
  const windows = [night({ days: [5] })];
  assert.equal(localDayMinute(shanghai(2026, 3, 6, 12), 'Asia/Shanghai').weekday, 5);
  assert.equal(activeQuietWindows(windows, shanghai(2026, 3, 6, 23, 30)).length, 1, 'Friday 23:30');
  assert.equal(activeQuietWindows(windows, shanghai(2026, 3, 7, 6, 0)).length, 1, 'Saturday 06:00, from Friday');
  assert.equal(activeQuietWindows(windows, shanghai(2026, 3, 7, 23, 30)).length, 0, 'Saturday 23:30');
  assert.equal(activeQuietWindows(windows, shanghai(2026, 3, 6, 6, 0)).length, 0, 'Friday 06:00 belongs to Thursday');
});

test('a same-day window (12:00-13:30) and the time zone it is written in', () => {
  const lunch: QuietWindow = { days: EVERY_DAY, fromMin: 12 * 60, toMin: 13 * 60 + 30, timezone: 'UTC', allow: [] };
  assert.equal(activeQuietWindows([lunch], Date.UTC(2026, 2, 5, 12, 10)).length, 1);
  assert.equal(activeQuietWindows([lunch], Date.UTC(2026, 2, 5, 13, 30)).length, 0);
  // The same instant is 20:10 in Shanghai: not quiet there.
  assert.equal(activeQuietWindows([{ ...lunch, timezone: 'Asia/Shanghai' }], Date.UTC(2026, 2, 5, 12, 10)).length, 0);
  assert.equal(quietUntilMs([lunch], Date.UTC(2026, 2, 5, 12, 10, 30)), Date.UTC(2026, 2, 5, 13, 30));
});

test('a zone with DST: 23:00-07:30 in Europe/Berlin ends at 07:30 local on both sides of the spring change', () => {
  const windows = [night({ timezone: 'Europe/Berlin' })];
  // 2026-03-29: clocks go from 02:00 CET (UTC+1) to 03:00 CEST (UTC+2). 07:30 CEST = 05:30 UTC.
  assert.equal(quietUntilMs(windows, Date.UTC(2026, 2, 28, 23, 0)), Date.UTC(2026, 2, 29, 5, 30));
  // The night before, in winter time: 07:30 CET = 06:30 UTC.
  assert.equal(quietUntilMs(windows, Date.UTC(2026, 2, 27, 23, 0)), Date.UTC(2026, 2, 28, 6, 30));
  // It starts at 23:00 local: 22:00 UTC in winter.
  assert.equal(activeQuietWindows(windows, Date.UTC(2026, 2, 27, 21, 59)).length, 0);
  assert.equal(activeQuietWindows(windows, Date.UTC(2026, 2, 27, 22, 0)).length, 1);
});

test('windows that chain end at the end of the last one', () => {
  const windows = [night({ allow: [] }), { days: EVERY_DAY, fromMin: 7 * 60 + 30, toMin: 9 * 60, timezone: 'Asia/Shanghai', allow: [] }];
  assert.equal(quietUntilMs(windows, shanghai(2026, 3, 5, 1, 0)), shanghai(2026, 3, 5, 9, 0));
});
