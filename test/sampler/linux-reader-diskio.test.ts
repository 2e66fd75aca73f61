import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { LinuxReader } from '../../src/sampler/linux-reader.js';
import type { StatfsBlocks } from '../../src/sampler/disk-usage.js';

const fixture = (name: string): string => fileURLToPath(new URL(`../../../test/fixtures/proc-tree/disks/${name}`, import.meta.url));

test('every tick carries diskRead/diskWrite/diskBusy per mountpoint from /proc/diskstats (mapped on the disk read); diskFree from statfs', async () => {
  const procDir = mkdtempSync(path.join(tmpdir(), 'srvmon-diskio-'));
  try {
    copyFileSync(fixture('mounts'), path.join(procDir, 'mounts'));
    copyFileSync(fixture('diskstats-t0'), path.join(procDir, 'diskstats'));
    let nowMs = 10_000;
    const statfs = async (): Promise<StatfsBlocks> => ({ blocks: 100, bfree: 40, bavail: 30, bsize: 4096 });
    const reader = new LinuxReader({
      procDir,
      statfs,
      monotonicNowMs: () => nowMs,
      sysDir: fixture('sys'),
      devRootDir: fixture('root'),
      deviceNumberOf: async (mountpoint) => (mountpoint.endsWith('/srv') ? { major: 259, minor: 1 } : undefined),
    });
    const disks = await reader.readDisks();
    assert.deepEqual(disks.errors, {});
    assert.equal(disks.values['diskFree:/'], 30 * 4096);
    const first = await reader.readFast();
    assert.ok(!('diskIo' in first.errors));
    assert.ok(!('diskRead:/' in first.values), 'no rate before a second read');
    copyFileSync(fixture('diskstats-t1'), path.join(procDir, 'diskstats'));
    nowMs += 2000;
    const second = await reader.readFast();
    assert.ok(!('diskIo' in second.errors));
    // sda2 holds /: its rates over the 2 s between the reads (as test/sampler/diskstats.test.ts computes them).
    const rates = Object.fromEntries(Object.entries(second.values).filter(([k]) => /^disk(Read|Write|Busy):/.test(k)));
    assert.equal(rates['diskBusy:/'], 100, 'sda2: busy, capped');
    assert.equal(rates['diskWrite:/data'], 8_192_000, 'dm-0 through /dev/mapper/vg-data');
    assert.equal(rates['diskWrite:/data-bind'], 8_192_000, 'the same device under a second mountpoint');
    assert.equal(rates['diskRead:/boot/efi'], 0, 'sda1: idle');
    assert.ok('diskRead:/srv' in rates, '/dev/root found by device number');
    assert.ok(!('diskRead:/mnt/usb stick' in rates), 'sdb1 changed device between the reads: a gap');
    assert.ok(!('diskRead:/mnt/nas' in rates) && !('diskRead:/gone' in rates));
  } finally {
    rmSync(procDir, { recursive: true, force: true });
  }
});
