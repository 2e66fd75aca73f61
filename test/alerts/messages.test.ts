import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatAlertMessage, formatDuration } from '../../src/alerts/messages.js';

const base = { kind: 'cpu' as const, severity: 'warning' as const, value: 91.34, level: 85, window: 3, durationMs: 0 };

test('en and zh-CN firing messages report the average, the window and the threshold', () => {
  assert.equal(formatAlertMessage({ ...base, state: 'firing' }, 'en'), 'CPU usage 91.3% (average of the last 3 samples) is above 85%');
  assert.equal(formatAlertMessage({ ...base, state: 'firing' }, 'zh-CN'), 'CPU使用率为91.3%（最近3次平均），超过了85%，请关注');
});

test('repeat, escalated and resolved wording in both languages', () => {
  const repeat = { ...base, state: 'repeat' as const, durationMs: 30 * 60_000 };
  assert.equal(formatAlertMessage(repeat, 'en'), 'CPU usage 91.3% (average of the last 3 samples) is still above 85% (for 30m)');
  assert.equal(formatAlertMessage(repeat, 'zh-CN'), 'CPU使用率为91.3%（最近3次平均），持续超过85%已30分钟，请关注');
  const escalated = { ...base, state: 'escalated' as const, severity: 'critical' as const, value: 97, level: 95 };
  assert.equal(formatAlertMessage(escalated, 'en'), 'CPU usage 97% (average of the last 3 samples) is above the critical level 95%');
  assert.equal(formatAlertMessage(escalated, 'zh-CN'), 'CPU使用率为97%（最近3次平均），超过了严重阈值95%，请立即处理');
  const resolved = { ...base, state: 'resolved' as const, value: 42, level: 80, durationMs: 75 * 60_000 };
  assert.equal(formatAlertMessage(resolved, 'en'), 'CPU usage 42% (average of the last 3 samples) is back below 80% (after 1h15m)');
  assert.equal(formatAlertMessage(resolved, 'zh-CN'), 'CPU使用率已恢复至42%（最近3次平均），低于80%（持续1小时15分钟）');
});

test('durations', () => {
  assert.equal(formatDuration(45_000, 'en'), '45s');
  assert.equal(formatDuration(2 * 3600_000, 'en'), '2h');
  assert.equal(formatDuration(2 * 3600_000, 'zh-CN'), '2小时');
});
