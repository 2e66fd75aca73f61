import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { LinuxReader } from '../../src/sampler/linux-reader.js';
import type { StatfsBlocks } from '../../src/sampler/disk-usage.js';

const FIXTURE_PROC = fileURLToPath(new URL('../../../test/fixtures/proc', import.meta.url));

test('reads every metric group from a /proc directory; rates appear from the second read', async () => {
  let nowMs = 0;
  const reader = new LinuxReader({ procDir: FIXTURE_PROC, monotonicNowMs: () => nowMs, logicalCores: 2 });
  const first = await reader.readFast();
  assert.deepEqual(first.errors, {});
  for (const key of ['memory', 'swap', 'load1', 'load5', 'load15', 'load1PerCore', 'self:rssBytes']) assert.ok(key in first.values, key);
  assert.ok(!('cpu' in first.values), 'no CPU % without a baseline');
  nowMs = 1000;
  const second = await reader.readFast();
  // The fixture does not change between reads: network rates are 0 B/s, CPU has no elapsed jiffies (a gap).
  assert.equal(second.values['netRx:eth0'], 0);
  assert.ok(!('cpu' in second.values));
  assert.ok('self:cpu' in second.values);
});

test('a missing /proc file is a gap with an error for its group only', async () => {
  const reader = new LinuxReader({ procDir: '/nonexistent-proc' });
  const result = await reader.readFast();
  assert.deepEqual(Object.keys(result.errors).sort(), ['cpu', 'memory', 'net']);
  assert.ok('load1' in result.values && 'self:rssBytes' in result.values);
  assert.ok(!('memory' in result.values));
  const disks = await reader.readDisks();
  assert.deepEqual(Object.keys(disks.errors), ['disk']);
});

test('disks: one value per selected mount; a failing statfs is an error for that disk only', async () => {
  const statfs = async (path: string): Promise<StatfsBlocks> => {
    if (path === '/mnt/media') throw new Error('EIO');
    return { blocks: 1000, bfree: 300, bavail: 250 };
  };
  // test/fixtures/proc/server holds only a `mounts` file: a server with ext4, vfat, xfs, zfs and NFS mounts.
  const reader = new LinuxReader({ procDir: `${FIXTURE_PROC}/server`, statfs });
  const disks = await reader.readDisks();
  assert.deepEqual(Object.keys(disks.values).sort(), ['disk:/', 'disk:/boot/efi', 'disk:/data', 'disk:/home', 'disk:/mnt/backup disk']);
  assert.ok(Math.abs(disks.values['disk:/']! - 73.684) < 0.001);
  assert.deepEqual(Object.keys(disks.errors), ['disk:/mnt/media']);
});

test('this machine: cpu and memory in 0..100, a disk, load1 >= 0', async () => {
  const reader = new LinuxReader();
  await reader.readFast();
  // /proc/stat counts in jiffies (10 ms): give it a few to move. The only real wait in these tests.
  await sleep(150);
  const [fast, disks] = await Promise.all([reader.readFast(), reader.readDisks()]);
  assert.deepEqual(fast.errors, {});
  const { values } = fast;
  assert.ok(values['cpu']! >= 0 && values['cpu']! <= 100, `cpu ${values['cpu']}`);
  assert.ok('cpu:0' in values);
  assert.ok(values['memory']! > 0 && values['memory']! <= 100, `memory ${values['memory']}`);
  assert.ok(values['swap']! >= 0 && values['swap']! <= 100);
  assert.ok(values['load1']! >= 0 && values['load1PerCore']! >= 0);
  assert.ok(values['self:cpu']! >= 0 && values['self:rssBytes']! > 0);
  const diskKeys = Object.keys(disks.values).filter((key) => key.startsWith('disk:'));
  assert.ok(diskKeys.length >= 1, `disks: ${JSON.stringify(disks)}`);
  for (const key of diskKeys) assert.ok(disks.values[key]! >= 0 && disks.values[key]! <= 100, key);
});
