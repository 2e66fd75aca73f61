import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { isPhysicalDisk, mountsByDevice, readBlockDevices } from '../../src/sampler/block-devices.js';
import { diskRates, DiskStatsSampler, parseDiskstats } from '../../src/sampler/diskstats.js';
import { parseMounts } from '../../src/sampler/mounts.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../../../test/fixtures/proc-tree/disks/${name}`, import.meta.url));
const read = (name: string): string => readFileSync(fixture(name), 'utf8');

test('diskstats: counters per device in bytes (512-byte sectors), every kernel format; the 4-field one skipped', () => {
  const counters = parseDiskstats(read('diskstats-t0'));
  assert.deepEqual(counters.get('sda'), {
    major: 8, minor: 0, name: 'sda', readsCompleted: 1000, writesCompleted: 500, readBytes: 20000 * 512, writeBytes: 10000 * 512, ioTicksMs: 1000,
  });
  assert.equal(counters.get('sda2')?.ioTicksMs, 990, '15 fields (4.18+)');
  assert.equal(counters.get('dm-0')?.writeBytes, 4000 * 512, '17 fields (5.5+)');
  assert.equal(counters.has('sda3'), false);
});

test('diskstats: with `only`, just the named devices are parsed (the per-tick read wants the mounted ones)', () => {
  const all = parseDiskstats(read('diskstats-t0'));
  const some = parseDiskstats(read('diskstats-t0'), new Set(['sda2', 'dm-0', 'sda3', 'nope']));
  assert.deepEqual([...some.keys()].sort(), ['dm-0', 'sda2'], 'sda3 has too few fields, nope is not there');
  assert.deepEqual(some.get('sda2'), all.get('sda2'));
  assert.deepEqual(some.get('dm-0'), all.get('dm-0'));
});

test('rates per second and busy % over the elapsed time; new, replaced, reset and removed devices give gaps', () => {
  const rates = diskRates(parseDiskstats(read('diskstats-t0')), parseDiskstats(read('diskstats-t1')), 2000);
  assert.deepEqual(rates.get('sda'), { readBytesPerSec: 1_024_000, writeBytesPerSec: 512_000, readsPerSec: 100, writesPerSec: 50, busyPct: 50 });
  assert.deepEqual(rates.get('sda1'), { readBytesPerSec: 0, writeBytesPerSec: 0, readsPerSec: 0, writesPerSec: 0, busyPct: 0 });
  assert.equal(rates.get('sda2')?.busyPct, 100, 'io_ticks ahead of the clock is capped');
  assert.equal(rates.get('dm-0')?.writeBytesPerSec, 8_192_000);
  assert.deepEqual([...rates.keys()].sort(), ['dm-0', 'dm-1', 'loop0', 'nvme0n1p1', 'sda', 'sda1', 'sda2']);
  // sdb: counters went down (replugged); sdb1: another major:minor; nvme0n1: new; sr0: gone.
  assert.equal(diskRates(parseDiskstats(read('diskstats-t0')), parseDiskstats(read('diskstats-t1')), 0).size, 0);
});

test('sysfs: whole disks and partitions with their disk, virtual devices, LVM names', async () => {
  const devices = await readBlockDevices(['sda', 'sda1', 'nvme0n1p1', 'dm-0', 'dm-1', 'loop0', 'sr0', 'gone'], fixture('sys'));
  assert.deepEqual(devices.get('sda'), { name: 'sda', kind: 'disk', virtual: false });
  assert.deepEqual(devices.get('sda1'), { name: 'sda1', kind: 'partition', parent: 'sda', virtual: false });
  assert.deepEqual(devices.get('nvme0n1p1'), { name: 'nvme0n1p1', kind: 'partition', parent: 'nvme0n1', virtual: false });
  assert.deepEqual(devices.get('dm-0'), { name: 'dm-0', kind: 'disk', virtual: true, mapperName: 'vg-data' });
  assert.deepEqual(devices.get('loop0'), { name: 'loop0', kind: 'disk', virtual: true });
  assert.equal(devices.has('gone'), false);
  assert.deepEqual([...devices.values()].filter(isPhysicalDisk).map((d) => d.name).sort(), ['sda', 'sr0']);
});

test('mounts to devices: plain names, /dev/mapper symlink and node, by-uuid symlink, /dev/root by device number', async () => {
  const counters = parseDiskstats(read('diskstats-t1'));
  const devices = await readBlockDevices(counters.keys(), fixture('sys'));
  const asked: string[] = [];
  const mapping = await mountsByDevice(parseMounts(read('mounts')), counters, devices, {
    rootDir: fixture('root'),
    deviceNumberOf: async (mountpoint) => {
      asked.push(path.basename(mountpoint));
      return mountpoint.endsWith('/srv') ? { major: 259, minor: 1 } : undefined;
    },
  });
  const mountpoints = Object.fromEntries([...mapping].map(([name, mounts]) => [name, mounts.map((m) => m.mountpoint)]));
  assert.deepEqual(mountpoints, {
    sda2: ['/'],
    sda1: ['/boot/efi'],
    'dm-0': ['/data', '/data-bind'],
    'dm-1': ['/old'],
    sdb1: ['/mnt/usb stick'],
    nvme0n1p1: ['/srv'],
  });
  // Only the names that led nowhere were looked up by number; /dev/sdz1 is nowhere at all; nfs and tmpfs never.
  assert.deepEqual(asked.sort(), ['gone', 'srv']);
});

test('the sampler: rates from the second read on, over monotonic time', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'srvmon-diskstats-'));
  try {
    let nowMs = 10_000;
    const sampler = new DiskStatsSampler({ procDir: dir, monoMs: () => nowMs });
    writeFileSync(path.join(dir, 'diskstats'), read('diskstats-t0'));
    const first = await sampler.read();
    assert.equal(first.counters.size, 10);
    assert.equal(first.rates.size, 0);
    writeFileSync(path.join(dir, 'diskstats'), read('diskstats-t1'));
    nowMs += 2000;
    assert.equal((await sampler.read()).rates.get('sda')?.busyPct, 50);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('this machine: diskstats parses, and the root filesystem maps to a device when it is on one', async () => {
  const sampler = new DiskStatsSampler();
  const { counters } = await sampler.read();
  assert.ok(counters.size > 0);
  const mounts = parseMounts(readFileSync('/proc/mounts', 'utf8'));
  const devices = await readBlockDevices(counters.keys());
  const mapping = await mountsByDevice(mounts, counters, devices);
  for (const name of mapping.keys()) assert.ok(counters.has(name), name);
  const root = mounts.filter((m) => m.mountpoint === '/').at(-1);
  if (root?.device.startsWith('/dev/')) {
    const rootDevice = [...mapping].find(([, list]) => list.some((m) => m.mountpoint === '/'))?.[0];
    assert.ok(rootDevice, `${root.device} on / not mapped`);
    // The same filesystem under a name that leads nowhere (/dev/root) is found by its device number: dev_t decoding.
    const byNumber = await mountsByDevice([{ device: '/dev/root', mountpoint: '/', fsType: root.fsType }], counters, new Map());
    assert.deepEqual([...byNumber.keys()], [rootDevice]);
  }
});
