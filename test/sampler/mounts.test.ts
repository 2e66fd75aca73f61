import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseMounts, selectDiskMounts } from '../../src/sampler/mounts.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../../test/fixtures/proc/${name}`, import.meta.url), 'utf8');

const mountpoints = (name: string): string[] => selectDiskMounts(parseMounts(fixture(name))).map((m) => m.mountpoint);

test('a server: data filesystems only, one per device, octal escapes decoded', () => {
  assert.deepEqual(mountpoints('server/mounts'), ['/', '/boot/efi', '/data', '/mnt/backup disk', '/mnt/media', '/home']);
});

test('pseudo filesystems, tmpfs, snaps (squashfs), fuse helpers and docker overlays are dropped', () => {
  const kept = new Set(selectDiskMounts(parseMounts(fixture('server/mounts'))).map((m) => m.fsType));
  for (const fsType of ['proc', 'sysfs', 'tmpfs', 'devtmpfs', 'cgroup', 'cgroup2', 'devpts', 'squashfs', 'autofs', 'mqueue', 'tracefs', 'overlay', 'nsfs', 'fuse.gvfsd-fuse']) {
    assert.ok(!kept.has(fsType), fsType);
  }
});

test('a bind mount of the same device keeps the shortest mountpoint', () => {
  const data = selectDiskMounts(parseMounts(fixture('server/mounts'))).find((m) => m.device === '/dev/mapper/vg-data');
  assert.equal(data?.mountpoint, '/data');
});

test('in a container: the overlay root and real volumes, not the /etc/hosts file mounts', () => {
  assert.deepEqual(mountpoints('mounts-container'), ['/', '/var/lib/postgresql/data']);
});

test('the copy of this machine\'s /proc/mounts', () => {
  assert.deepEqual(mountpoints('mounts'), ['/']);
});
