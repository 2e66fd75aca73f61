// Names from outside (mount points, volume labels, server replies, host names) in the dashboard's view models:
// control characters shown escaped, never passed on to blessed or the terminal.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EN, status, T0 } from './fixtures.js';
import type { AlertEvent } from '../../src/types.js';
import { alertLogLines } from '../../src/ui/view-models/alert-log.js';
import { paletteCommands } from '../../src/ui/view-models/palette.js';
import { sideBarRows } from '../../src/ui/view-models/side-bar.js';
import { UNICODE_SYMBOLS } from '../../src/ui/view-models/symbols.js';
import { textCols } from '../../src/ui/view-models/text-width.js';
import { titleBarText } from '../../src/ui/view-models/title-bar.js';
import { HOSTILE_MOUNT, RAW_CONTROL } from '../helpers/raw-control.js';

const hostileAlert: AlertEvent = {
  type: 'alert', id: 'a1', timeMs: T0, rule: `disk:${HOSTILE_MOUNT}`, kind: 'disk', mountpoint: HOSTILE_MOUNT, state: 'firing', severity: 'critical', value: 99, threshold: 95, window: 1,
  notify: true, muted: false, message: `Disk usage of ${HOSTILE_MOUNT} 99% is above the critical level 95%`, sinceMs: T0,
};

test('alert log: a hostile mount in the label and message, a server reply and a notice: escaped, one line each', () => {
  const lines = alertLogLines({
    entries: [hostileAlert, { type: 'delivery', timeMs: T0 + 1, alertId: 'a1', rule: hostileAlert.rule, channel: 'webhook', ok: false, attempt: 1, error: '\u001b[31mbad gateway\u001b[0m' }],
    notices: [{ timeMs: T0 + 2, level: 'warning', message: `cannot read ${HOSTILE_MOUNT}` }],
    nowMs: T0, locale: 'en', strings: EN, symbols: UNICODE_SYMBOLS, widthCols: 400,
  });
  assert.equal(lines.length, 2);
  for (const line of lines) assert.doesNotMatch(line.text, RAW_CONTROL);
  assert.ok(lines[0]!.text.includes('Disk /media/\\x1b]0;pwned\\x07\\x1b[41m\\nFIRING  critical  forged\\x9b2J{red-fg}x 99% > 95%'), lines[0]!.text);
  assert.ok(lines[0]!.text.includes('webhook ✗ \\x1b[31mbad gateway\\x1b[0m'), lines[0]!.text);
  assert.match(lines[1]!.text, /! cannot read \/media\/\\x1b\]0;pwned\\x07/);
});

test('side bar, palette and title bar show the names escaped', () => {
  const rules = [status('cpu'), status(`disk:${HOSTILE_MOUNT}`)];
  const rows = sideBarRows({ rules, overrides: {}, values: {}, selectedIndex: 0, locale: 'en', strings: EN, symbols: UNICODE_SYMBOLS, widthCols: 40 });
  for (const row of rows) {
    assert.doesNotMatch(row.text, RAW_CONTROL);
    assert.equal(textCols(row.text), 40);
  }
  for (const command of paletteCommands(rules, 'en', EN, UNICODE_SYMBOLS)) {
    assert.doesNotMatch(command.label, RAW_CONTROL);
    assert.doesNotMatch(command.keywords, RAW_CONTROL);
    assert.doesNotMatch(command.valueFor?.ruleName ?? '', RAW_CONTROL);
  }
  assert.ok(paletteCommands(rules, 'en', EN, UNICODE_SYMBOLS).some((c) => c.label === 'Set Disk /media/\\x1b]0;pwned\\x07\\x1b[41m\\nFIRING  critical  forged\\x9b2J{red-fg}x threshold to...'));
  const host = { hostname: 'web\u001b]0;x\u0007-1', osName: 'Debian\nforged', kernel: '6.1', cores: 4, bootTimeMs: T0 };
  const title = titleBarText({ host, nowMs: T0, locale: 'en', strings: EN, symbols: UNICODE_SYMBOLS, widthCols: 80 });
  assert.doesNotMatch(title, RAW_CONTROL);
  assert.match(title, /web\\x1b\]0;x\\x07-1 · Debian\\nforged/);
});
