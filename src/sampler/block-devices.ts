// What a /proc/diskstats name is (whole disk or partition, real or virtual, which LVM volume) from /sys, and which
// mounted filesystems sit on it, so a view can show "sda1 (/boot)" and sum a machine's I/O without counting it twice.

import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DiskCounters } from './diskstats.js';
import type { MountEntry } from './mounts.js';

export interface BlockDevice {
  name: string;
  kind: 'disk' | 'partition';
  /** A partition's disk: sda for sda1. */
  parent?: string;
  /** Under /sys/devices/virtual: device-mapper, md RAID, loop, zram. dm and md I/O is counted again on the disks below. */
  virtual: boolean;
  /** A device-mapper volume's name: vg-data for dm-0, as /dev/mapper/vg-data. */
  mapperName?: string;
}

/**
 * A disk of its own, not a slice of one (partition) nor a layer over others (dm, md, loop): summing these counts each
 * byte once.
 */
export function isPhysicalDisk(device: BlockDevice): boolean {
  return device.kind === 'disk' && !device.virtual;
}

/**
 * Reads /sys/class/block/<name> for each name (names that are not there are left out: a device removed since the
 * diskstats read). The answers change only on hotplug, so a view reads them for names it has not seen before.
 */
export async function readBlockDevices(names: Iterable<string>, sysDir = '/sys'): Promise<Map<string, BlockDevice>> {
  const devices = new Map<string, BlockDevice>();
  await Promise.all(
    [...names].map(async (name) => {
      // The class entry is a symlink into /sys/devices/...: its target says virtual or not, and a partition's lies
      // inside its disk's directory.
      let target: string;
      try {
        target = await realpath(path.join(sysDir, 'class/block', name));
      } catch {
        return;
      }
      const partition = await exists(path.join(target, 'partition'));
      const mapperName = await readTrimmed(path.join(target, 'dm/name'));
      devices.set(name, {
        name,
        kind: partition ? 'partition' : 'disk',
        ...(partition ? { parent: path.basename(path.dirname(target)) } : {}),
        virtual: target.includes('/devices/virtual/'),
        ...(mapperName !== undefined ? { mapperName } : {}),
      });
    }),
  );
  return devices;
}

/** Major and minor number of the filesystem holding a path, or undefined (stat failed). */
export type DeviceNumberOf = (mountpoint: string) => Promise<{ major: number; minor: number } | undefined>;

export interface MountMappingOptions {
  /** Prefix of every /dev path and mountpoint; tests point it at a fixture tree. @default '' */
  rootDir?: string;
  /** For mounts whose device name leads nowhere (/dev/root). @default stat() of the mountpoint */
  deviceNumberOf?: DeviceNumberOf;
}

/**
 * The mounted filesystems on each diskstats device, keyed by its kernel name. Block devices only (the source starts
 * with /dev/); NFS, tmpfs, overlay and ZFS datasets have no line in diskstats. The source is resolved as the kernel
 * would find it: symlinks (/dev/disk/by-uuid/..., /dev/mapper/x -> ../dm-0) through realpath; a /dev/mapper node
 * that is not a symlink through the volume names in /sys; and a name that leads nowhere, like the /dev/root of a
 * kernel booted without an initramfs, through the device number of the mountpoint itself.
 */
export async function mountsByDevice(
  mounts: readonly MountEntry[],
  counters: ReadonlyMap<string, DiskCounters>,
  devices: ReadonlyMap<string, BlockDevice>,
  options: MountMappingOptions = {},
): Promise<Map<string, MountEntry[]>> {
  // Resolved itself, so that a resolved device path can be cut back to what the machine would see.
  const rootDir = options.rootDir ? await realpath(options.rootDir) : '';
  const deviceNumberOf = options.deviceNumberOf ?? statDeviceNumber;
  const byMapperName = new Map<string, string>();
  for (const device of devices.values()) if (device.mapperName !== undefined) byMapperName.set(device.mapperName, device.name);

  const byDevice = new Map<string, MountEntry[]>();
  const named = await Promise.all(
    mounts.map(async (mount) => {
      if (!mount.device.startsWith('/dev/')) return undefined;
      const resolved = await resolveDevicePath(rootDir, mount.device);
      const name = kernelName(resolved, byMapperName);
      if (name !== undefined && counters.has(name)) return name;
      const number = await deviceNumberOf(rootDir + mount.mountpoint);
      if (!number) return undefined;
      const same = [...counters.values()].find((d) => d.major === number.major && d.minor === number.minor);
      return same?.name;
    }),
  );
  mounts.forEach((mount, i) => {
    const name = named[i];
    if (name === undefined) return;
    const list = byDevice.get(name) ?? [];
    list.push(mount);
    byDevice.set(name, list);
  });
  return byDevice;
}

/** The kernel name a resolved /dev path stands for: dm-0 for /dev/mapper/vg-data (by its /sys name), else the file name. */
export function kernelName(resolvedPath: string, byMapperName: ReadonlyMap<string, string>): string | undefined {
  if (resolvedPath.startsWith('/dev/mapper/')) return byMapperName.get(path.basename(resolvedPath));
  return path.basename(resolvedPath);
}

async function resolveDevicePath(rootDir: string, device: string): Promise<string> {
  try {
    const resolved = await realpath(rootDir + device);
    return rootDir !== '' && resolved.startsWith(rootDir) ? resolved.slice(rootDir.length) : resolved;
  } catch {
    return device;
  }
}

// Linux's dev_t layout (glibc gnu_dev_major/minor): 12 bits of major and 20 of minor, split around the low byte.
async function statDeviceNumber(mountpoint: string): Promise<{ major: number; minor: number } | undefined> {
  try {
    const dev = (await stat(mountpoint, { bigint: true })).dev;
    return {
      major: Number(((dev >> 8n) & 0xfffn) | ((dev >> 32n) & ~0xfffn)),
      minor: Number((dev & 0xffn) | ((dev >> 12n) & ~0xffn)),
    };
  } catch {
    return undefined;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

async function readTrimmed(file: string): Promise<string | undefined> {
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    return undefined;
  }
}
