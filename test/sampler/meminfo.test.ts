import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { memoryPcts, parseMeminfo } from '../../src/sampler/meminfo.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../../test/fixtures/proc/${name}`, import.meta.url), 'utf8');

test('memory is (MemTotal - MemAvailable) / MemTotal, not MemFree (page cache is reclaimable)', () => {
  const pcts = memoryPcts(parseMeminfo(fixture('meminfo-swap')));
  assert.equal(pcts.memory, 75); // MemFree would say 96.9 %
  assert.equal(pcts.swap, 25);
});

test('a machine without swap reports swap 0, a real value', () => {
  const pcts = memoryPcts(parseMeminfo(fixture('meminfo')));
  assert.equal(pcts.swap, 0);
  assert.ok(pcts.memory >= 0 && pcts.memory <= 100);
});

test('without MemAvailable (kernel < 3.14) it throws instead of guessing, so the caller leaves a gap', () => {
  assert.throws(() => memoryPcts(parseMeminfo(fixture('meminfo-no-available'))), /MemAvailable/);
  assert.throws(() => memoryPcts(parseMeminfo('')), /MemTotal/);
});

test('parses lines without a unit (HugePages_Total)', () => {
  assert.equal(parseMeminfo(fixture('meminfo-swap')).get('HugePages_Total'), 0);
});

test('with `only`, the named fields are read as a full parse reads them, first line and last included', () => {
  const text = fixture('meminfo-swap');
  const all = parseMeminfo(text);
  const names = [...all.keys()];
  const some = parseMeminfo(text, [names[0]!, 'MemAvailable', 'SwapFree', names[names.length - 1]!, 'NoSuchField']);
  assert.deepEqual(
    [...some.entries()],
    [names[0]!, 'MemAvailable', 'SwapFree', names[names.length - 1]!].map((name) => [name, all.get(name)]),
  );
  assert.deepEqual(memoryPcts(parseMeminfo(text, ['MemTotal', 'MemAvailable', 'SwapTotal', 'SwapFree'])), memoryPcts(all));
  // A field name that is the tail of another must not match it ("Total" is not "MemTotal").
  assert.equal(parseMeminfo(text, ['Total']).size, 0);
});
