import assert from 'node:assert/strict';
import { test } from 'node:test';
import { procText } from '../../src/sampler/proc-text.js';

const bytes = (...parts: (string | number[])[]): Buffer =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

test('valid UTF-8 passes unchanged, CJK and emoji included', () => {
  assert.equal(procText(bytes('nginx: 工作进程 🚀')), 'nginx: 工作进程 🚀');
});

test('C0, DEL, C1 (as UTF-8), bidi overrides and line separators are escaped', () => {
  assert.equal(procText(bytes('a\x1b[31mred\x07\x7f')), 'a\\x1b[31mred\\x07\\x7f');
  assert.equal(procText(bytes('x\ny\r\tz')), 'x\\ny\\r\\tz');
  assert.equal(procText(bytes([0xc2, 0x9b], '2J')), '\\x9b2J');
  assert.equal(procText(bytes('evil\u202etxt.exe\u2028')), 'evil\\u202etxt.exe\\u2028');
});

test('bytes that are not UTF-8 become \\xNN, never U+FFFD: stray, overlong, surrogate, cut short', () => {
  assert.equal(procText(bytes([0xff, 0x41])), '\\xffA');
  assert.equal(procText(bytes([0xc0, 0xaf])), '\\xc0\\xaf');
  assert.equal(procText(bytes([0xed, 0xa0, 0x80])), '\\xed\\xa0\\x80');
  assert.equal(procText(bytes('中', [0xe6, 0x96])), '中\\xe6\\x96');
  assert.equal(procText(bytes([0xf4, 0x90, 0x80, 0x80])), '\\xf4\\x90\\x80\\x80');
});

test('a control character next to invalid bytes is escaped too', () => {
  assert.equal(procText(bytes([0xfe], '\x1b]0;t\x07')), '\\xfe\\x1b]0;t\\x07');
});

test('output is idempotent under the shared escaper: an escaped name shown again reads the same', () => {
  const once = procText(bytes([0xff], 'a\x1bb\nc'));
  assert.equal(procText(Buffer.from(once)), once);
});
