// SystemReader for Linux: every metric is read in-process from /proc, statfs and process.* - no child process per
// tick (test/sampler/linux-reader-no-spawn.test.ts proves it). A tick costs three small file reads.

import { readFile, statfs as fsStatfs } from 'node:fs/promises';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { systemClock, type Clock } from '../clock.js';
import { mountsByDevice, readBlockDevices, type BlockDevice, type DeviceNumberOf } from './block-devices.js';
import { diskUsedPct } from './disk-usage.js';
import { DiskStatsSampler, type DiskRates } from './diskstats.js';
import { memoryPcts, parseMeminfo } from './meminfo.js';
import { parseMounts, selectDiskMounts, type MountEntry } from './mounts.js';
import { netRatesBytesPerSec, parseNetDev, type NetCounters } from './net-dev.js';
import { cpuBusyPct, parseProcStat, type CpuTimes } from './proc-stat.js';
import { loadMetrics } from './load-average.js';
import { SelfUsageMeter } from './self-usage.js';
import type { ReadResult, SystemReader } from './system-reader.js';
import { TimeBoxedStatfs, type StatfsFn } from './time-boxed-statfs.js';

export interface LinuxReaderOptions {
  /** Where /proc is; tests point it at test/fixtures/proc. @default '/proc' */
  procDir?: string;
  /** @default fs.promises.statfs */
  statfs?: StatfsFn;
  /** Longest wait for one filesystem's statfs before it becomes a gap. @default 2000 */
  statfsTimeoutMs?: number;
  /** Runs the statfs time box. @default systemClock */
  clock?: Clock;
  /** Monotonic time for rates: a wall-clock step (NTP) must not turn into a traffic spike. @default performance.now */
  monotonicNowMs?: () => number;
  /** Divisor of load1PerCore. @default os.cpus().length, read once */
  logicalCores?: number;
  /** Where /sys is (block device kinds for the diskstats-to-mount mapping). @default '/sys' */
  sysDir?: string;
  /** Prefix of /dev paths and mountpoints in the diskstats mapping; tests point it at a fixture tree. @default '' */
  devRootDir?: string;
  /** Device number of a mountpoint whose /dev name leads nowhere (/dev/root). @default stat() */
  deviceNumberOf?: DeviceNumberOf;
}

export class LinuxReader implements SystemReader {
  readonly #procDir: string;
  readonly #statfs: TimeBoxedStatfs;
  readonly #monotonicNowMs: () => number;
  readonly #logicalCores: number;

  #previousCpu: CpuTimes | undefined;
  #previousNet: { counters: Map<string, NetCounters>; atMs: number } | undefined;
  readonly #selfMeter: SelfUsageMeter;
  readonly #diskStats: DiskStatsSampler;
  readonly #sysDir: string;
  readonly #devRootDir: string | undefined;
  readonly #deviceNumberOf: DeviceNumberOf | undefined;
  /** What each diskstats name is changes only on hotplug: /sys is read once per new name. */
  readonly #blockDevices = new Map<string, BlockDevice>();

  constructor(options: LinuxReaderOptions = {}) {
    this.#procDir = options.procDir ?? '/proc';
    this.#statfs = new TimeBoxedStatfs({
      statfs: options.statfs ?? fsStatfs,
      clock: options.clock ?? systemClock,
      timeoutMs: options.statfsTimeoutMs ?? 2000,
    });
    this.#monotonicNowMs = options.monotonicNowMs ?? (() => performance.now());
    this.#logicalCores = options.logicalCores ?? Math.max(1, os.cpus().length);
    this.#selfMeter = new SelfUsageMeter(this.#monotonicNowMs);
    this.#diskStats = new DiskStatsSampler({ procDir: this.#procDir, monoMs: this.#monotonicNowMs });
    this.#sysDir = options.sysDir ?? '/sys';
    this.#devRootDir = options.devRootDir;
    this.#deviceNumberOf = options.deviceNumberOf;
  }

  async readFast(): Promise<ReadResult> {
    const result: ReadResult = { values: {}, errors: {} };
    // Independent reads: one failing leaves a gap for its own metrics only.
    await Promise.all([
      this.#guard(result, 'cpu', () => this.#readCpu()),
      this.#guard(result, 'memory', () => this.#readMemory()),
      this.#guard(result, 'load', async () => loadMetrics(os.loadavg(), this.#logicalCores)),
      this.#guard(result, 'net', () => this.#readNet()),
      this.#guard(result, 'self', async () => this.#selfMeter.read()),
    ]);
    return result;
  }

  async readDisks(): Promise<ReadResult> {
    const result: ReadResult = { values: {}, errors: {} };
    let mounts: MountEntry[];
    try {
      mounts = selectDiskMounts(parseMounts(await readFile(`${this.#procDir}/mounts`, 'utf8')));
    } catch (error: unknown) {
      result.errors['disk'] = error;
      return result;
    }
    const [io] = await Promise.all([
      this.#readDiskIo(mounts).catch((error: unknown) => {
        // No /proc/diskstats (a kernel without block layer stats, some sandboxes): no I/O columns, nothing wrong.
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') result.errors['diskIo'] = error;
        return new Map<string, DiskRates>();
      }),
      ...mounts.map(async (mount) => {
        const metric = `disk:${mount.mountpoint}`;
        try {
          const stats = await this.#statfs.read(mount);
          const usedPct = diskUsedPct(stats);
          if (usedPct === undefined) throw new Error(`statfs(${mount.mountpoint}) reports no usable blocks`);
          result.values[metric] = usedPct;
          if (stats.bsize !== undefined) result.values[`diskFree:${mount.mountpoint}`] = stats.bavail * stats.bsize;
        } catch (error: unknown) {
          result.errors[metric] = error;
        }
      }),
    ]);
    for (const [mountpoint, rates] of io) {
      result.values[`diskRead:${mountpoint}`] = rates.readBytesPerSec;
      result.values[`diskWrite:${mountpoint}`] = rates.writeBytesPerSec;
      result.values[`diskBusy:${mountpoint}`] = rates.busyPct;
    }
    return result;
  }

  /**
   * I/O rates per mountpoint from /proc/diskstats over the time since the previous disk read (none on the first).
   * One file read plus a realpath per mount; /sys is read only for device names not seen before.
   */
  async #readDiskIo(mounts: readonly MountEntry[]): Promise<Map<string, DiskRates>> {
    const { counters, rates } = await this.#diskStats.read();
    const unknown = [...counters.keys()].filter((name) => !this.#blockDevices.has(name));
    if (unknown.length > 0) for (const [name, device] of await readBlockDevices(unknown, this.#sysDir)) this.#blockDevices.set(name, device);
    const byDevice = await mountsByDevice(mounts, counters, this.#blockDevices, {
      ...(this.#devRootDir !== undefined ? { rootDir: this.#devRootDir } : {}),
      ...(this.#deviceNumberOf ? { deviceNumberOf: this.#deviceNumberOf } : {}),
    });
    const byMount = new Map<string, DiskRates>();
    for (const [name, deviceMounts] of byDevice) {
      const deviceRates = rates.get(name);
      if (deviceRates) for (const mount of deviceMounts) byMount.set(mount.mountpoint, deviceRates);
    }
    return byMount;
  }

  async #guard(result: ReadResult, group: string, read: () => Promise<Record<string, number>>): Promise<void> {
    try {
      Object.assign(result.values, await read());
    } catch (error: unknown) {
      result.errors[group] = error;
    }
  }

  async #readCpu(): Promise<Record<string, number>> {
    const times = parseProcStat(await readFile(`${this.#procDir}/stat`, 'utf8'));
    if (!times.has('cpu')) throw new Error(`${this.#procDir}/stat has no cpu line`);
    const previous = this.#previousCpu;
    this.#previousCpu = times;
    return previous ? cpuBusyPct(previous, times) : {};
  }

  async #readMemory(): Promise<Record<string, number>> {
    return memoryPcts(parseMeminfo(await readFile(`${this.#procDir}/meminfo`, 'utf8')));
  }

  async #readNet(): Promise<Record<string, number>> {
    const counters = parseNetDev(await readFile(`${this.#procDir}/net/dev`, 'utf8'));
    const atMs = this.#monotonicNowMs();
    const previous = this.#previousNet;
    this.#previousNet = { counters, atMs };
    return previous ? netRatesBytesPerSec(previous.counters, counters, atMs - previous.atMs) : {};
  }
}
