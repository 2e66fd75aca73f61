// SystemReader for Linux: every metric is read in-process from /proc, statfs and process.* - no child process per
// tick (test/sampler/linux-reader-no-spawn.test.ts proves it). A tick costs three small file reads.

import { readFile, statfs as fsStatfs } from 'node:fs/promises';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { systemClock, type Clock } from '../clock.js';
import { diskUsedPct } from './disk-usage.js';
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
}

export class LinuxReader implements SystemReader {
  readonly #procDir: string;
  readonly #statfs: TimeBoxedStatfs;
  readonly #monotonicNowMs: () => number;
  readonly #logicalCores: number;

  #previousCpu: CpuTimes | undefined;
  #previousNet: { counters: Map<string, NetCounters>; atMs: number } | undefined;
  readonly #selfMeter: SelfUsageMeter;

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
    await Promise.all(
      mounts.map(async (mount) => {
        const metric = `disk:${mount.mountpoint}`;
        try {
          const usedPct = diskUsedPct(await this.#statfs.read(mount));
          if (usedPct === undefined) throw new Error(`statfs(${mount.mountpoint}) reports no usable blocks`);
          result.values[metric] = usedPct;
        } catch (error: unknown) {
          result.errors[metric] = error;
        }
      }),
    );
    return result;
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
