import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EN, status, T0, ZH } from './fixtures.js';
import { ASCII_SYMBOLS, UNICODE_SYMBOLS } from '../../src/ui/view-models/symbols.js';
import { statusBar, muteText, firingCounts } from '../../src/ui/view-models/status-bar.js';
import { titleBarText } from '../../src/ui/view-models/title-bar.js';
import { sideBarRows } from '../../src/ui/view-models/side-bar.js';
import { textCols } from '../../src/ui/view-models/text-width.js';

const host = { hostname: 'web-1', osName: 'Debian GNU/Linux 12', kernel: '6.1', cores: 4, bootTimeMs: T0 - (3 * 24 + 4) * 3_600_000 };

test('title bar: host, OS, uptime, clock; placeholders until host info arrives', () => {
  const line = titleBarText({ host, nowMs: T0, locale: 'en', strings: EN, symbols: UNICODE_SYMBOLS, widthCols: 80 });
  assert.equal(textCols(line), 80);
  assert.match(line, /^ srvmon · web-1 · Debian GNU\/Linux 12 · up 3d 4h\s+14:03:07 $/);
  const waiting = titleBarText({ host: undefined, nowMs: T0, locale: 'en', strings: EN, symbols: ASCII_SYMBOLS, widthCols: 40 });
  assert.match(waiting, /^ srvmon - \.\.\.\s+14:03:07 $/);
});

test('title bar, attached: the agent and its uptime; narrow terminals drop the OS name first, never the agent', () => {
  const link = { kind: 'attached' as const, pid: 4121, startedMs: T0 - 3 * 3_600_000, socket: '/run/srvmon/control.sock', connected: true };
  const wide = titleBarText({ host, nowMs: T0, locale: 'en', strings: EN, symbols: UNICODE_SYMBOLS, widthCols: 120, link });
  assert.match(wide, /^ srvmon · web-1 · Debian GNU\/Linux 12 · up 3d 4h · agent pid 4121 up 3h 0m\s+14:03:07 $/);
  const narrow = titleBarText({ host, nowMs: T0, locale: 'en', strings: EN, symbols: UNICODE_SYMBOLS, widthCols: 80, link });
  assert.equal(textCols(narrow), 80);
  assert.match(narrow, /^ srvmon · web-1 · up 3d 4h · agent pid 4121 up 3h 0m\s+14:03:07 $/);
  const zh = titleBarText({ host, nowMs: T0, locale: 'zh-CN', strings: ZH, symbols: UNICODE_SYMBOLS, widthCols: 60, link });
  assert.equal(textCols(zh), 60);
  assert.match(zh, /代理 pid 4121/);
});

test('status bar, attached and the agent gone: said first, in amber', () => {
  const link = { kind: 'attached' as const, pid: 4121, startedMs: T0, socket: '/s', connected: false };
  const bar = statusBar({ ...base, rules: [], link });
  assert.match(bar.text, /^ AGENT pid 4121 GONE, reattaching /);
  assert.equal(bar.tone, 'warning');
});

const base = {
  rules: [status('cpu', { threshold: 80, critical: 95 }, 'critical', 97), status('memory', {}, 'warning'), status('load', { threshold: 1.5 }), status('disk:/data', { threshold: 90 })],
  mute: null,
  nowMs: T0,
  intervalMs: 1000,
  channels: [],
  selfCpuPct: 1.24,
  selfRssBytes: 42 * 1024 * 1024,
  paused: false,
  strings: EN,
  symbols: UNICODE_SYMBOLS,
  widthCols: 160,
};

test('status bar: firing counts, interval, channels, own CPU and RSS, the palette hint', () => {
  assert.deepEqual(firingCounts(base.rules), { critical: 1, warning: 1 });
  const bar = statusBar({ ...base, channels: [
    { channel: 'mail', queueDepth: 0, sentTotal: 3, failedTotal: 0, lastSuccessMs: T0 - 1000 },
    { channel: 'wechat', queueDepth: 2, sentTotal: 0, failedTotal: 1, lastErrorMs: T0 - 1000, lastError: 'errcode 40164' },
  ] });
  assert.equal(bar.tone, 'critical');
  assert.match(bar.text, /^ CRIT 1 WARN 1  every 1s  mail ✓ q0  wechat ✗ q2  srvmon 1\.2% 42MB\s+Ctrl\+P commands · \? help $/);
  assert.equal(textCols(bar.text), 160);
});

test('status bar: MUTED 29:41 / 静音 29:41, until-unmuted, expired', () => {
  const mute = { sinceMs: T0, untilMs: T0 + 29 * 60_000 + 41_000 };
  assert.match(statusBar({ ...base, rules: [], mute }).text, /MUTED 29:41/);
  assert.equal(statusBar({ ...base, rules: [], mute }).tone, 'muted');
  assert.match(statusBar({ ...base, rules: [], mute, strings: ZH }).text, /静音 29:41/);
  assert.match(statusBar({ ...base, rules: [], mute, strings: ZH }).text, /Ctrl\+P 命令 · \? 帮助/);
  assert.equal(muteText({ sinceMs: T0, untilMs: null }, T0, EN), 'MUTED');
  assert.equal(muteText({ sinceMs: T0, untilMs: T0 }, T0, EN), undefined);
  assert.match(statusBar({ ...base, rules: [] }).text, /^ all ok  every 1s  no channels/);
});

test('status bar at 80 columns keeps counts, mute and the hint; drops the interval first', () => {
  const bar = statusBar({ ...base, widthCols: 80, mute: { sinceMs: T0, untilMs: T0 + 60_000 } });
  assert.equal(textCols(bar.text), 80);
  assert.match(bar.text, /CRIT 1 WARN 1  MUTED 01:00/);
  assert.match(bar.text, /Ctrl\+P commands · \? help $/);
  assert.doesNotMatch(bar.text, /every/);
  assert.match(statusBar({ ...base, widthCols: 80, symbols: ASCII_SYMBOLS }).text, /Ctrl\+P commands - \? help $/);
});

test('side bar: value, threshold/critical, edited marker, state, selection; columns shrink when narrow', () => {
  const rows = sideBarRows({ rules: base.rules, overrides: { memory: 70 }, values: { cpu: 97.04, memory: 81.5, load1PerCore: 0.5 }, selectedIndex: 1, locale: 'en', strings: EN, symbols: UNICODE_SYMBOLS, widthCols: 30 });
  assert.deepEqual(rows.map((r) => r.text), [
    '  CPU        97%  80/95%  CRIT',
    '▶ Memory   81.5%     80%* WARN',
    '  Load      0.50     1.5  ok  ',
    '  …/data       -     90%  --  ',
  ]);
  assert.deepEqual(rows.map((r) => r.tone), ['critical', 'warning', 'ok', 'noData']);
  assert.deepEqual(rows.map((r) => [r.selected, r.edited]), [[false, false], [true, true], [false, false], [false, false]]);
  const narrow = sideBarRows({ rules: base.rules, overrides: {}, values: { cpu: 97 }, selectedIndex: 0, locale: 'zh-CN', strings: ZH, symbols: ASCII_SYMBOLS, widthCols: 16 });
  assert.equal(narrow[0]!.text, '> CPU        97%');
  for (const row of narrow) assert.equal(textCols(row.text), 16);
});
