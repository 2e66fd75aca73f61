import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compactByteRate, formatByteRate, parseByteRate } from '../../src/catalogue/byte-rates.js';

test('rates in bits are divided by 8, decimal prefixes are powers of 1000', () => {
  assert.equal(parseByteRate('100Mbit'), 12_500_000);
  assert.equal(parseByteRate('1Gbps'), 125_000_000);
  assert.equal(parseByteRate('800 Mb/s'), 100_000_000);
  assert.equal(parseByteRate('10kbit/s'), 1250);
});

test('rates in bytes: decimal MB, binary MiB, with or without /s; a bare number is bytes per second', () => {
  assert.equal(parseByteRate('20MB/s'), 20_000_000);
  assert.equal(parseByteRate('20MBps'), 20_000_000);
  assert.equal(parseByteRate('512KiB/s'), 512 * 1024);
  assert.equal(parseByteRate('1.5GiB'), 1.5 * 1024 ** 3);
  assert.equal(parseByteRate('4096'), 4096);
  assert.equal(parseByteRate('300B/s'), 300);
});

test('a prefix without bits or bytes, or text that is no rate, is refused with the forms to write', () => {
  assert.throws(() => parseByteRate('100M'), /needs a unit: B for bytes or bit for bits/);
  assert.throws(() => parseByteRate('fast'), /not a rate: "fast"; write e\.g\. "100Mbit"/);
  assert.throws(() => parseByteRate('-5MB/s'), /not a rate/);
  assert.throws(() => parseByteRate('5 XB/s'), /not a rate/);
});

test('messages write a rate in decimal units with one decimal below 100; the side bar in at most 6 characters', () => {
  assert.equal(formatByteRate(12_500_000), '12.5 MB/s');
  assert.equal(formatByteRate(9_540_000), '9.5 MB/s');
  assert.equal(formatByteRate(250_400_000), '250 MB/s');
  assert.equal(formatByteRate(980), '980 B/s');
  assert.equal(formatByteRate(999_960), '1 MB/s');
  assert.equal(formatByteRate(2_000_000_000), '2 GB/s');
  for (const value of [0, 5, 999, 999_960, 9_540_000, 123_456_789, 9.99e12, 5e14]) {
    assert.ok(compactByteRate(value).length <= 6, compactByteRate(value));
  }
  assert.equal(compactByteRate(9_540_000), '9.5M/s');
  assert.equal(compactByteRate(12_500_000), '13M/s');
  assert.equal(compactByteRate(512), '512B/s');
});
