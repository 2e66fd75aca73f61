// The systeminformation reader is for other OSes, but it runs on Linux too: check its mapping here.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createSystemReader } from '../../src/sampler/create-reader.js';
import { SiReader } from '../../src/sampler/si-reader.js';

test('maps systeminformation to the same metric keys', async () => {
  const reader = new SiReader();
  await reader.readFast();
  const [fast, disks] = await Promise.all([reader.readFast(), reader.readDisks()]);
  assert.deepEqual(fast.errors, {});
  assert.ok(fast.values['cpu']! >= 0 && fast.values['cpu']! <= 100);
  assert.ok('cpu:0' in fast.values);
  assert.ok(fast.values['memory']! > 0 && fast.values['memory']! <= 100);
  assert.ok(fast.values['swap']! >= 0);
  assert.ok(Object.keys(fast.values).every((key) => key !== 'netRx:lo'));
  assert.ok(Object.keys(disks.values).some((key) => key.startsWith('disk:')), JSON.stringify(disks));
});

test('createSystemReader picks the systeminformation reader off Linux, loading it lazily', async () => {
  const reader = createSystemReader('darwin');
  const result = await reader.readFast();
  assert.ok('memory' in result.values);
});
