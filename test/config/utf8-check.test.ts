import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findInvalidUtf8 } from '../../src/config/utf8-check.js';

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part))));

test('valid UTF-8 (ASCII, Chinese, emoji, a literal U+FFFD) passes', () => {
  assert.equal(findInvalidUtf8(bytes('interval: 2s\nfrom: 监控程序 🚨 \uFFFD\n')), undefined);
  assert.equal(findInvalidUtf8(bytes('')), undefined);
});

test('a Latin-1 byte is found with its line and offset', () => {
  // "é" as Latin-1 (0xE9) followed by ASCII: the lead byte of a sequence that never completes.
  assert.deepEqual(findInvalidUtf8(bytes('a: 1\nb: caf', [0xe9], '\nc: 3\n')), { byteOffset: 11, line: 2 });
  assert.deepEqual(findInvalidUtf8(bytes([0xe9], 'x')), { byteOffset: 0, line: 1 });
});

test('a stray continuation byte, an overlong form and an encoded surrogate are found', () => {
  assert.deepEqual(findInvalidUtf8(bytes('ok\n\n', [0x80])), { byteOffset: 4, line: 3 });
  assert.deepEqual(findInvalidUtf8(bytes('x', [0xc0, 0xaf])), { byteOffset: 1, line: 1 });
  assert.deepEqual(findInvalidUtf8(bytes('xy', [0xed, 0xa0, 0x80])), { byteOffset: 2, line: 1 });
});

test('a sequence cut short at the end of the file points at its lead byte', () => {
  const chinese = Buffer.from('监', 'utf8');
  assert.deepEqual(findInvalidUtf8(bytes('a\nb: ', [chinese[0] as number, chinese[1] as number])), { byteOffset: 5, line: 2 });
});

test('only the first bad byte counts, however long the file', () => {
  const long = 'x: 1\n'.repeat(50_000);
  assert.deepEqual(findInvalidUtf8(bytes(long, [0xff], long, [0xff])), { byteOffset: long.length, line: 50_001 });
});
