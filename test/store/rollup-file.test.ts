import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import {
  MAX_ROLLUP_FILE_BYTES,
  ROLLUP_FILE_NAME,
  RollupFile,
  decodeRollups,
  encodeRollups,
  type StoredRollups,
} from '../../src/store/rollup-file.js';
import { DEFAULT_MAX_ROLLUP_KEYS, MAX_ROLLUP_KEY_BYTES } from '../../src/store/rollup-keys.js';
import type { RollupRing } from '../../src/store/rollup-ring.js';
import { NOON_MINUTE, fullRings, tempStateDir, typicalKeys } from './rollup-fixture.js';

const sandbox = tempStateDir();
after(() => sandbox.cleanup());
let dirs = 0;

function freshDir(): string {
  const dir = path.join(sandbox.dir, `state-${dirs++}`);
  mkdirSync(dir);
  return dir;
}

function fileWith(bytes: Buffer | string): { file: RollupFile; warnings: string[] } {
  const dir = freshDir();
  writeFileSync(path.join(dir, ROLLUP_FILE_NAME), bytes);
  const warnings: string[] = [];
  return { file: new RollupFile(dir, (m) => warnings.push(m)), warnings };
}

function sameBuckets(stored: StoredRollups, rings: Map<string, RollupRing>): void {
  assert.deepEqual(stored.series.map((s) => s.key), [...rings.keys()]);
  for (const series of stored.series) {
    const ring = rings.get(series.key)!;
    for (let i = 0; i < series.minutes; i++) {
      const minute = series.lastMinute - series.minutes + 1 + i;
      assert.deepEqual(series.bucket(i), ring.at(minute), `${series.key} minute ${minute}`);
    }
  }
}

/** A valid file for the typical key set, with the checksum recomputed after `edit`. */
function edited(edit: (buf: Buffer) => void): Buffer {
  const buf = encodeRollups(fullRings(typicalKeys(), NOON_MINUTE, 60), 1440);
  edit(buf);
  createHash('sha256').update(buf.subarray(0, buf.length - 32)).digest().copy(buf, buf.length - 32);
  return buf;
}

test('round trip: every bucket of every key reads back exactly, gaps included', () => {
  const rings = fullRings(typicalKeys(), NOON_MINUTE, 120);
  // A gap in the middle and a key that only lived for 3 minutes.
  rings.get('cpu')!.add(NOON_MINUTE + 5, 1);
  rings.get('cpu')!.add(NOON_MINUTE + 9, 2);
  const stored = decodeRollups(encodeRollups(rings, 1440));
  assert.equal(stored.capacityMinutes, 1440);
  sameBuckets(stored, rings);
  assert.equal(stored.series.find((s) => s.key === 'cpu')!.bucket(120 + 6), undefined);
});

test('through the disk: save then load in another RollupFile gives the same day, with no warning', () => {
  const dir = freshDir();
  const rings = fullRings(typicalKeys(), NOON_MINUTE);
  const warnings: string[] = [];
  assert.equal(new RollupFile(dir, (m) => warnings.push(m)).save(rings, 1440), true);
  const stored = new RollupFile(dir, (m) => warnings.push(m)).load();
  assert.ok(stored);
  sameBuckets(stored, rings);
  assert.deepEqual(warnings, []);
  assert.equal(statSync(path.join(dir, ROLLUP_FILE_NAME)).mode & 0o777, 0o600);
});

test('no file: a fresh start without a warning', () => {
  const warnings: string[] = [];
  assert.equal(new RollupFile(freshDir(), (m) => warnings.push(m)).load(), undefined);
  assert.deepEqual(warnings, []);
});

test('sizes measured: 24 h of the typical key set, and the worst case at the key caps, stay under 5 MiB', (t) => {
  const dir = freshDir();
  const file = new RollupFile(dir, () => {});
  file.save(fullRings(typicalKeys(), NOON_MINUTE), 1440);
  const typicalBytes = statSync(file.path).size;
  t.diagnostic(`24 h × ${typicalKeys().length} typical keys: ${typicalBytes} bytes on disk`);
  assert.equal(typicalBytes, 32 + 32 + typicalKeys().reduce((sum, k) => sum + 7 + k.length + 1440 * 14, 0));

  // Worst case: the most keys the recorder keeps, each with the longest name it keeps, each full for the day.
  const longKeys = Array.from({ length: DEFAULT_MAX_ROLLUP_KEYS }, (_, i) => `netRx:${String(i).padEnd(MAX_ROLLUP_KEY_BYTES - 6, 'x')}`);
  file.save(fullRings(longKeys, NOON_MINUTE), 1440);
  const worstBytes = statSync(file.path).size;
  t.diagnostic(`24 h × ${longKeys.length} keys of ${MAX_ROLLUP_KEY_BYTES}-byte names: ${worstBytes} bytes on disk (bound ${MAX_ROLLUP_FILE_BYTES})`);
  assert.ok(worstBytes <= MAX_ROLLUP_FILE_BYTES, `${worstBytes}`);
  assert.equal(file.load()?.series.length, DEFAULT_MAX_ROLLUP_KEYS);
});

test('a save over the bound is refused with one warning, and the old file stays', () => {
  const dir = freshDir();
  const warnings: string[] = [];
  const file = new RollupFile(dir, (m) => warnings.push(m));
  file.save(fullRings(['cpu'], NOON_MINUTE), 1440);
  const before = readFileSync(file.path);
  const tooMany = Array.from({ length: 300 }, (_, i) => `netRx:${String(i).padEnd(200, 'x')}`);
  assert.equal(file.save(fullRings(tooMany, NOON_MINUTE), 1440), false);
  assert.equal(file.save(fullRings(tooMany, NOON_MINUTE), 1440), false);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /cannot write .*rollups\.bin: \d+ bytes would exceed the 5242880-byte bound; .*in memory only/);
  assert.ok(readFileSync(file.path).equals(before));
});

const valid = encodeRollups(fullRings(typicalKeys(), NOON_MINUTE, 60), 1440);

const DAMAGED: [name: string, bytes: Buffer | string, reason: RegExp][] = [
  ['empty', Buffer.alloc(0), /not a srvmon rollup file/],
  ['cut after the magic', valid.subarray(0, 10), /cut short at 10 bytes/],
  ['cut in half', valid.subarray(0, valid.length >> 1), /cut short at \d+ of \d+ bytes/],
  ['missing its last byte', valid.subarray(0, valid.length - 1), /cut short/],
  ['with trailing data', Buffer.concat([valid, Buffer.from('x')]), /1 bytes of trailing data/],
  ['a foreign file (JSON)', '{"version":1,"rules":{}}\n', /not a srvmon rollup file/],
  ['wrong magic', Buffer.concat([Buffer.from('SRVMRO11'), valid.subarray(8)]), /not a srvmon rollup file/],
  ['a newer version', edited((b) => b.writeUInt16LE(2, 8)), /version 2, this srvmon reads version 1/],
  ['one flipped bit', (() => { const b = Buffer.from(valid); b[b.length >> 1]! ^= 4; return b; })(), /checksum mismatch/],
  ['buckets of 30 s', edited((b) => b.writeUInt32LE(30_000, 12)), /buckets of 30000 ms/],
  ['a window over a day', edited((b) => b.writeUInt32LE(1441, 16)), /window of 1441 minutes/],
  ['more keys than written', edited((b) => b.writeUInt32LE(19, 20)), /key 19 of 19 runs past the end/],
  ['fewer keys than written', edited((b) => b.writeUInt32LE(17, 20)), /bytes after the last key/],
  ['min above max', edited((b) => b.writeFloatLE(1e9, 32 + 7 + 3)), /key "cpu" has a bad bucket/],
  ['a NaN average', edited((b) => b.writeFloatLE(Number.NaN, 32 + 7 + 3 + 60 * 4)), /key "cpu" has a bad bucket/],
  ['a name that is not UTF-8', edited((b) => b.writeUInt8(0xff, 33)), /key 1 is not UTF-8/],
  ['a zero-length name', edited((b) => b.writeUInt8(0, 32)), /key 1 has a bad name length/],
  ['more minutes than the window', edited((b) => b.writeUInt16LE(1441, 32 + 1 + 3 + 4)), /holds 1441 minutes/],
  ['a duplicate key', edited((b) => b.write('cpu:0', b.indexOf('cpu:1'), 'latin1')), /appears twice/],
];

for (const [name, bytes, reason] of DAMAGED) {
  test(`a damaged file (${name}) is one warning and a fresh start`, () => {
    const { file, warnings } = fileWith(bytes);
    assert.equal(file.load(), undefined);
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(warnings[0]!, new RegExp(`^ignoring ${file.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
    assert.match(warnings[0]!, reason);
    assert.match(warnings[0]!, /; the charts start a fresh day$/);
  });
}

test('a huge file is refused by its size, before it is read', () => {
  const dir = freshDir();
  const target = path.join(dir, ROLLUP_FILE_NAME);
  writeFileSync(target, valid);
  truncateSync(target, 2 ** 31); // sparse: 2 GiB that cost nothing on disk
  const warnings: string[] = [];
  const startedMs = performance.now();
  assert.equal(new RollupFile(dir, (m) => warnings.push(m)).load(), undefined);
  assert.ok(performance.now() - startedMs < 1000);
  assert.match(warnings[0]!, /2147483648 bytes is over the 5242880-byte bound/);
});

test('a symlink at the file name is not followed, even to a valid file', () => {
  const dir = freshDir();
  const elsewhere = path.join(sandbox.dir, 'elsewhere.bin');
  writeFileSync(elsewhere, valid);
  symlinkSync(elsewhere, path.join(dir, ROLLUP_FILE_NAME));
  const warnings: string[] = [];
  assert.equal(new RollupFile(dir, (m) => warnings.push(m)).load(), undefined);
  assert.match(warnings[0]!, /: a symbolic link, not followed; /);
});

test('a hard link at the file name is not read (it could be another user\'s file)', () => {
  const dir = freshDir();
  const elsewhere = path.join(sandbox.dir, 'linked.bin');
  writeFileSync(elsewhere, valid);
  linkSync(elsewhere, path.join(dir, ROLLUP_FILE_NAME));
  const warnings: string[] = [];
  assert.equal(new RollupFile(dir, (m) => warnings.push(m)).load(), undefined);
  assert.match(warnings[0]!, /: a file with 2 hard links, not used; /);
});

test('a FIFO or a directory at the file name is refused without blocking', () => {
  const fifoDir = freshDir();
  execFileSync('mkfifo', [path.join(fifoDir, ROLLUP_FILE_NAME)]);
  const dirDir = freshDir();
  mkdirSync(path.join(dirDir, ROLLUP_FILE_NAME));
  for (const dir of [fifoDir, dirDir]) {
    const warnings: string[] = [];
    assert.equal(new RollupFile(dir, (m) => warnings.push(m)).load(), undefined);
    assert.match(warnings[0]!, /: not a regular file; /);
  }
});

test('random damage never throws: every mutated file loads whole or is refused with a warning', () => {
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  let refused = 0;
  for (let i = 0; i < 300; i++) {
    const buf = Buffer.from(valid);
    const flips = 1 + Math.floor(random() * 4);
    for (let f = 0; f < flips; f++) buf[Math.floor(random() * buf.length)] = Math.floor(random() * 256);
    const cut = random() < 0.3 ? buf.subarray(0, Math.floor(random() * buf.length)) : buf;
    try {
      decodeRollups(cut);
    } catch (error: unknown) {
      assert.equal((error as Error).constructor.name, 'RollupFileError', String(error));
      refused++;
    }
  }
  assert.ok(refused >= 295, `refused ${refused} of 300`);
});
