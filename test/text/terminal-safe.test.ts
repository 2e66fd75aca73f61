import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cutShort, quoteJsonValue } from '../../src/text/cut-short.js';
import { terminalSafe, terminalSafeJson } from '../../src/text/terminal-safe.js';
import { RAW_CONTROL } from '../helpers/raw-control.js';

test('ESC, an OSC title sequence, SGR colours, newline, CR, tab and DEL are shown escaped', () => {
  assert.equal(terminalSafe('/mnt/\u001b]0;pwned\u0007x'), '/mnt/\\x1b]0;pwned\\x07x');
  assert.equal(terminalSafe('\u001b[31mred\u001b[0m'), '\\x1b[31mred\\x1b[0m');
  assert.equal(terminalSafe('a\nFIRING forged\r\tb\u007f'), 'a\\nFIRING forged\\r\\tb\\x7f');
  assert.equal(terminalSafe('\u0000\u0008'), '\\x00\\x08');
});

test('C1 controls (U+009B is CSI to xterm), line separators, bidi overrides and lone surrogates are escaped too', () => {
  assert.equal(terminalSafe('a\u009b31mb\u0085c'), 'a\\x9b31mb\\x85c');
  assert.equal(terminalSafe('x\u2028y\u2029z'), 'x\\u2028y\\u2029z');
  assert.equal(terminalSafe('/mnt/\u202egnp.exe'), '/mnt/\\u202egnp.exe');
  assert.equal(terminalSafe('a\ud800b'), 'a\\ud800b');
});

test('printable Unicode stays as it is: CJK, accents, emoji, combining marks; a backslash too (idempotent)', () => {
  for (const text of ['磁盘 /数据/卷一', 'Café /média', '/mnt/📦', 'e\u0301', 'C:\\x1b is literal', '']) assert.equal(terminalSafe(text), text);
  const once = terminalSafe('/mnt/\u001b[31m\nx');
  assert.equal(terminalSafe(once), once);
  assert.doesNotMatch(once, RAW_CONTROL);
});

test('terminalSafeJson: the same JSON value, C0 escaped once by JSON (not double), C1/DEL/bidi as \\u escapes', () => {
  const value = { mount: '/mnt/\u001b]0;t\u0007\n\u009b\u007f\u202e磁盘' };
  const line = terminalSafeJson(value);
  assert.doesNotMatch(line, RAW_CONTROL);
  assert.deepEqual(JSON.parse(line), value);
  assert.match(line, /\\u001b\]0;t\\u0007\\n\\u009b\\u007f\\u202e磁盘/);
  assert.doesNotMatch(line, /\\\\/, 'nothing escaped twice');
});

test('cutShort: at most 60 characters with an ellipsis; quoteJsonValue cuts, escapes and names objects', () => {
  assert.equal(cutShort('short'), 'short');
  const long = 'x'.repeat(5_000_000);
  assert.equal(cutShort(long), `${'x'.repeat(59)}…`);
  assert.equal(cutShort('磁'.repeat(61)), `${'磁'.repeat(59)}…`);
  assert.equal(cutShort('😀'.repeat(60)), '😀'.repeat(60), 'counted in characters, not UTF-16 units');
  assert.equal(quoteJsonValue(long).length, 60);
  assert.match(quoteJsonValue(long), /^"x+…$/);
  assert.equal(quoteJsonValue('a\u009bb'), '"a\\x9bb"');
  assert.equal(quoteJsonValue(Infinity), 'Infinity');
  assert.equal(quoteJsonValue([1]), 'a list');
  assert.equal(quoteJsonValue({ a: 1 }), 'an object');
});
