import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EN, T0, ZH } from './fixtures.js';
import { UNICODE_SYMBOLS } from '../../src/ui/view-models/symbols.js';
import { quietText, statusBar } from '../../src/ui/view-models/status-bar.js';
import { clockTime } from '../../src/ui/view-models/format.js';
import type { ChannelStatus } from '../../src/types.js';

const untilMs = T0 + 5 * 3_600_000;
const channels: ChannelStatus[] = [
  { channel: 'wecom', queueDepth: 0, sentTotal: 0, failedTotal: 0, quietUntilMs: untilMs, held: 3 },
  { channel: 'mail', queueDepth: 0, sentTotal: 0, failedTotal: 0 },
];
const base = { rules: [], mute: null, nowMs: T0, intervalMs: 1000, channels, selfCpuPct: 1, selfRssBytes: 1, paused: false, strings: EN, symbols: UNICODE_SYMBOLS, widthCols: 160 };

test('status bar: quiet hours in force are shown with their end and what they hold, in the muted tone', () => {
  const until = clockTime(untilMs).slice(0, 5);
  const bar = statusBar(base);
  assert.ok(bar.text.includes(`all ok  QUIET until ${until} (3 held)`), bar.text);
  assert.equal(bar.tone, 'muted');
  assert.equal(quietText(channels, T0, ZH), `免打扰至 ${until}（3 条暂缓）`);
});

test('status bar: no quiet segment once quiet hours are over, or without them', () => {
  assert.equal(quietText(channels, untilMs, EN), undefined);
  assert.equal(quietText([{ channel: 'mail', queueDepth: 0, sentTotal: 0, failedTotal: 0 }], T0, EN), undefined);
  assert.equal(statusBar({ ...base, nowMs: untilMs }).tone, 'normal');
});

test('status bar at 80 columns keeps the quiet segment before the channel list', () => {
  const bar = statusBar({ ...base, widthCols: 80 });
  assert.match(bar.text, /QUIET until/);
});
