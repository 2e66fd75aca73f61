// SystemReader for Linux: every metric is read in-process from /proc, statfs and process.* - no child process per
// tick (test/sampler/linux-reader-no-spawn.test.ts proves it). A tick costs four small file reads (stat, meminfo,
// net/dev, diskstats); the disk read adds statfs per filesystem and the mapping of diskstats devices to mounts.

import { readFile, statfs as fsStatfs } from 'node:fs/promises';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { systemClock, type Clock } from '../clock.js';
import { mountsByDevice, readBlockDevices, type BlockDevice, type DeviceNumberOf } from './block-devices.js';
import { diskUsedPct } from './disk-usage.js';
import { DiskStatsSampler, parseDiskstats, type DiskRates } from './diskstats.js';
import { MEMORY_PCT_FIELDS, memoryPcts, parseMeminfo } from './meminfo.js';
import { parseMounts, selectDiskMounts, type MountEntry } from './mounts.js';
import { netRatesBytesPerSec, parseNetDev, type NetCounters } from './net-dev.js';
import { cpuBusyPct, iowaitPct, parseProcStat, type CpuTimes } from './proc-stat.js';
import { loadMetrics } from './load-average.js';
import { SelfUsageMeter } from './self-usage.js';
import type { ReadResult, SystemReader } from './system-reader.js';
import { TimeBoxedStatfs, type StatfsFn } from './time-boxed-statfs.js';
import { buildKey } from '../catalogue/metric-keys.js';
import { ProcFileReader } from './proc-file-reader.js';
import { discoverSensors, readTemperatures } from './temperatures.js';

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
  /** Told once when /sys exposes no temperature sensor (most VMs): the temperature rules then never have a value. */
  onNoSensors?: () => void;
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
  /** The per-tick files (stat, meminfo, net/dev, diskstats) share one buffer. */
  readonly #procFiles = new ProcFileReader();
  /** What each diskstats name is changes only on hotplug: /sys is read once per new name. */
  readonly #blockDevices = new Map<string, BlockDevice>();
  /** Kernel device name -> mountpoints on it, from the last disk read. */
  #mountsOnDevice = new Map<string, string[]>();
  /** The keys of #mountsOnDevice: the only diskstats lines the per-tick read parses. */
  #diskIoDevices: ReadonlySet<string> = new Set();
  readonly #onNoSensors: (() => void) | undefined;
  #toldNoSensors = false;

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
    this.#diskStats = new DiskStatsSampler({ procDir: this.#procDir, monoMs: this.#monotonicNowMs, procFiles: this.#procFiles });
    this.#sysDir = options.sysDir ?? '/sys';
    this.#devRootDir = options.devRootDir;
    this.#deviceNumberOf = options.deviceNumberOf;
    this.#onNoSensors = options.onNoSensors;
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
      this.#guard(result, 'diskIo', () => this.#readDiskIo()),
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
    await Promise.all([
      this.#guard(result, 'temperature', () => this.#readTemperatures()),
      this.#mapDiskIo(mounts).catch((error: unknown) => {
        // No /proc/diskstats (a kernel without block layer stats, some sandboxes): no I/O columns, nothing wrong.
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') result.errors['diskIo'] = error;
      }),
      ...mounts.map(async (mount) => {
        const metric = buildKey('disk', mount.mountpoint);
        try {
          const stats = await this.#statfs.read(mount);
          const usedPct = diskUsedPct(stats);
          if (usedPct === undefined) throw new Error(`statfs(${mount.mountpoint}) reports no usable blocks`);
          result.values[metric] = usedPct;
          if (stats.bsize !== undefined) result.values[buildKey('diskFree', mount.mountpoint)] = stats.bavail * stats.bsize;
        } catch (error: unknown) {
          result.errors[metric] = error;
        }
      }),
    ]);
    return result;
  }

  /**
   * Which mountpoints sit on which diskstats device, redone on the disk cadence (mounts change rarely): a realpath
   * per mount, and /sys only for device names not seen before.
   */
  async #mapDiskIo(mounts: readonly MountEntry[]): Promise<void> {
    const counters = parseDiskstats(await readFile(`${this.#procDir}/diskstats`, 'utf8'));
    const unknown = [...counters.keys()].filter((name) => !this.#blockDevices.has(name));
    if (unknown.length > 0) for (const [name, device] of await readBlockDevices(unknown, this.#sysDir)) this.#blockDevices.set(name, device);
    const byDevice = await mountsByDevice(mounts, counters, this.#blockDevices, {
      ...(this.#devRootDir !== undefined ? { rootDir: this.#devRootDir } : {}),
      ...(this.#deviceNumberOf ? { deviceNumberOf: this.#deviceNumberOf } : {}),
    });
    this.#mountsOnDevice = new Map([...byDevice].map(([name, list]) => [name, list.map((m) => m.mountpoint)]));
    this.#diskIoDevices = new Set(this.#mountsOnDevice.keys());
  }

  /**
   * Read/write bytes per second and busy % per mountpoint, every tick: one read of /proc/diskstats against the
   * mapping of the last disk read (none before it, nor on the first read: no baseline).
   */
  async #readDiskIo(): Promise<Record<string, number>> {
    let reading: Awaited<ReturnType<DiskStatsSampler['read']>>;
    try {
      reading = await this.#diskStats.read(this.#diskIoDevices);
    } catch (error: unknown) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
    const values: Record<string, number> = {};
    for (const [name, mountpoints] of this.#mountsOnDevice) {
      const rates: DiskRates | undefined = reading.rates.get(name);
      if (!rates) continue;
      for (const mountpoint of mountpoints) {
        values[buildKey('diskRead', mountpoint)] = rates.readBytesPerSec;
        values[buildKey('diskWrite', mountpoint)] = rates.writeBytesPerSec;
        values[buildKey('diskBusy', mountpoint)] = rates.busyPct;
      }
    }
    return values;
  }

  /** Sensors found anew on each disk read (drivers load late), read on the same slow cadence: temperatures move slowly. */
  async #readTemperatures(): Promise<Record<string, number>> {
    const sensors = await discoverSensors(this.#sysDir);
    if (sensors.length === 0 && !this.#toldNoSensors) {
      this.#toldNoSensors = true;
      this.#onNoSensors?.();
    }
    return readTemperatures(sensors);
  }

  async #guard(result: ReadResult, group: string, read: () => Promise<Record<string, number>>): Promise<void> {
    try {
      Object.assign(result.values, await read());
    } catch (error: unknown) {
      result.errors[group] = error;
    }
  }

  async #readCpu(): Promise<Record<string, number>> {
    const times = parseProcStat(this.#procFiles.readText(`${this.#procDir}/stat`));
    if (!times.has('cpu')) throw new Error(`${this.#procDir}/stat has no cpu line`);
    const previous = this.#previousCpu;
    this.#previousCpu = times;
    if (!previous) return {};
    const values = cpuBusyPct(previous, times);
    const iowait = iowaitPct(previous, times);
    if (iowait !== undefined) values['iowait'] = iowait;
    return values;
  }

  async #readMemory(): Promise<Record<string, number>> {
    return memoryPcts(parseMeminfo(this.#procFiles.readText(`${this.#procDir}/meminfo`), MEMORY_PCT_FIELDS));
  }

  async #readNet(): Promise<Record<string, number>> {
    const counters = parseNetDev(this.#procFiles.readText(`${this.#procDir}/net/dev`));
    const atMs = this.#monotonicNowMs();
    const previous = this.#previousNet;
    this.#previousNet = { counters, atMs };
    return previous ? netRatesBytesPerSec(previous.counters, counters, atMs - previous.atMs) : {};
  }
}
