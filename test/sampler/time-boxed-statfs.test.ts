import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeClock } from '../../src/clock.js';
import type { StatfsBlocks } from '../../src/sampler/disk-usage.js';
import type { MountEntry } from '../../src/sampler/mounts.js';
import { TimeBoxedStatfs } from '../../src/sampler/time-boxed-statfs.js';

const flush = async (): Promise<void> => {
  for (let i = 0; i < 3; i++) await new Promise<void>((resolve) => setImmediate(resolve));
};
const nfs = (mountpoint: string): MountEntry => ({ device: `nas:${mountpoint}`, mountpoint, fsType: 'nfs4' });
const ext4: MountEntry = { device: '/dev/sda1', mountpoint: '/', fsType: 'ext4' };
const STATS: StatfsBlocks = { blocks: 100, bfree: 50, bavail: 50 };

/** A statfs whose calls hang until the test releases them. */
function hangingStatfs() {
  const calls: string[] = [];
  const release = new Map<string, () => void>();
  const statfs = (path: string): Promise<StatfsBlocks> => {
    calls.push(path);
    if (path === '/') return Promise.resolve(STATS);
    return new Promise((resolve) => release.set(path, () => resolve(STATS)));
  };
  return { calls, release, statfs };
}

test('a statfs that does not answer in time rejects after timeoutMs', async () => {
  const clock = new FakeClock(0);
  const { statfs } = hangingStatfs();
  const boxed = new TimeBoxedStatfs({ statfs, clock, timeoutMs: 2000 });
  let outcome: unknown = 'pending';
  boxed.read(nfs('/mnt/media')).then((v) => (outcome = v), (e: unknown) => (outcome = e));
  clock.advance(1999);
  await flush();
  assert.equal(outcome, 'pending');
  clock.advance(1);
  await flush();
  assert.match(String(outcome), /statfs\(\/mnt\/media\) did not answer within 2000 ms \(nfs4 nas:\/mnt\/media\)/);
});

test('a hanging mountpoint is not asked again until its call returns', async () => {
  const clock = new FakeClock(0);
  const { statfs, calls, release } = hangingStatfs();
  const boxed = new TimeBoxedStatfs({ statfs, clock, timeoutMs: 2000 });
  boxed.read(nfs('/mnt/media')).catch(() => undefined);
  clock.advance(2000);
  await flush();
  clock.advance(28_000);
  await assert.rejects(boxed.read(nfs('/mnt/media')), /hanging for 30 s; not retried/);
  assert.deepEqual(calls, ['/mnt/media']);
  assert.equal(boxed.stuckCalls, 1);

  release.get('/mnt/media')!();
  await flush();
  assert.equal(boxed.stuckCalls, 0);
  const again = boxed.read(nfs('/mnt/media'));
  release.get('/mnt/media')!();
  assert.deepEqual(await again, STATS);
  assert.deepEqual(calls, ['/mnt/media', '/mnt/media']);
});

test('once enough calls hang, network filesystems are skipped but local disks still read', async () => {
  const clock = new FakeClock(0);
  const { statfs, calls } = hangingStatfs();
  const boxed = new TimeBoxedStatfs({ statfs, clock, timeoutMs: 2000, maxStuckCalls: 2 });
  boxed.read(nfs('/a')).catch(() => undefined);
  boxed.read(nfs('/b')).catch(() => undefined);
  clock.advance(2000);
  await flush();
  await assert.rejects(boxed.read(nfs('/c')), /skipped nfs4 \/c: 2 statfs calls are hanging/);
  assert.deepEqual(await boxed.read(ext4), STATS);
  assert.deepEqual(calls, ['/a', '/b', '/']);
});

test('a fast failure is passed through and does not count as hanging', async () => {
  const clock = new FakeClock(0);
  const denied = new Error('EACCES');
  const boxed = new TimeBoxedStatfs({ statfs: () => Promise.reject(denied), clock, timeoutMs: 2000 });
  await assert.rejects(boxed.read(ext4), denied);
  assert.equal(boxed.stuckCalls, 0);
  assert.equal(clock.pendingTimers(), 0, 'the timeout timer is cancelled');
});
