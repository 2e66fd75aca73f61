// SystemReader for macOS, Windows and the BSDs, through systeminformation. The only file of srvmon that imports it.
//
// Unlike linux-reader.ts this DOES spawn processes, every tick, on those OSes: si.mem() runs vm_stat/sysctl (macOS,
// BSD), si.networkStats() runs netstat (macOS) or PowerShell (Windows), si.fsSize() runs df or PowerShell. That is
// acceptable off Linux, where srvmon is a secondary target; disks are read on the slow cadence to limit it.

import os from 'node:os';
import { performance } from 'node:perf_hooks';
import * as si from 'systeminformation';
import { systemClock, type Clock } from '../clock.js';
import { loadMetrics } from './load-average.js';
import { netRatesBytesPerSec, type NetCounters } from './net-dev.js';
import { SelfUsageMeter } from './self-usage.js';
import type { ReadResult, SystemReader } from './system-reader.js';
import { buildKey } from '../catalogue/metric-keys.js';

export interface SiReaderOptions {
  /** Longest wait for si.fsSize() (df can hang on a dead network mount). @default 5000 */
  fsSizeTimeoutMs?: number;
  /** @default systemClock */
  clock?: Clock;
}

const LOOPBACK_IFACE = /^(lo\d*|Loopback Pseudo-Interface.*)$/i;

export class SiReader implements SystemReader {
  readonly #fsSizeTimeoutMs: number;
  readonly #clock: Clock;
  readonly #monotonicNowMs = (): number => performance.now();
  readonly #selfMeter = new SelfUsageMeter(this.#monotonicNowMs);
  readonly #logicalCores = Math.max(1, os.cpus().length);
  #previousNet: { counters: Map<string, NetCounters>; atMs: number } | undefined;

  constructor(options: SiReaderOptions = {}) {
    this.#fsSizeTimeoutMs = options.fsSizeTimeoutMs ?? 5000;
    this.#clock = options.clock ?? systemClock;
  }

  async readFast(): Promise<ReadResult> {
    const result: ReadResult = { values: {}, errors: {} };
    await Promise.all([
      guard(result, 'cpu', () => this.#readCpu()),
      guard(result, 'memory', () => this.#readMemory()),
      // Windows has no load average: os.loadavg() returns zeros there, which would be fake values, so no load keys.
      process.platform === 'win32' ? Promise.resolve() : guard(result, 'load', async () => loadMetrics(os.loadavg(), this.#logicalCores)),
      guard(result, 'net', () => this.#readNet()),
      guard(result, 'self', async () => this.#selfMeter.read()),
    ]);
    return result;
  }

  async readDisks(): Promise<ReadResult> {
    const result: ReadResult = { values: {}, errors: {} };
    let filesystems: si.Systeminformation.FsSizeData[];
    try {
      filesystems = await withTimeout(si.fsSize(), this.#fsSizeTimeoutMs, this.#clock, 'si.fsSize()');
    } catch (error: unknown) {
      result.errors['disk'] = error;
      return result;
    }
    // One mountpoint per device (the shortest), as on Linux, so bind mounts are not reported twice.
    const byDevice = new Map<string, si.Systeminformation.FsSizeData>();
    for (const fs of filesystems) {
      const kept = byDevice.get(fs.fs);
      if (!kept || fs.mount.length < kept.mount.length) byDevice.set(fs.fs, fs);
    }
    for (const fs of byDevice.values()) {
      // df semantics: used / (used + available). si's `size` includes the root reserve, so its own `use` is not used.
      const usableBytes = fs.used + fs.available;
      const usedPct = usableBytes > 0 && fs.used >= 0 ? (fs.used / usableBytes) * 100 : undefined;
      if (usedPct === undefined) result.errors[buildKey('disk', fs.mount)] = new Error(`${fs.mount} reports no usable space`);
      else result.values[buildKey('disk', fs.mount)] = usedPct;
    }
    return result;
  }

  async #readCpu(): Promise<Record<string, number>> {
    // si keeps its own previous os.cpus() reading, so this is busy % since the last call, like the Linux reader.
    const load = await si.currentLoad();
    const values: Record<string, number> = {};
    if (Number.isFinite(load.currentLoad)) values['cpu'] = load.currentLoad;
    load.cpus.forEach((core, index) => {
      if (Number.isFinite(core.load)) values[buildKey('cpu', String(index))] = core.load;
    });
    return values;
  }

  async #readMemory(): Promise<Record<string, number>> {
    const mem = await si.mem();
    if (!(mem.total > 0)) throw new Error(`si.mem() reported total ${mem.total}`);
    return {
      memory: ((mem.total - mem.available) / mem.total) * 100,
      // No swap configured: 0 % of nothing is used (see meminfo.ts for why this is not a gap).
      swap: mem.swaptotal > 0 ? (mem.swapused / mem.swaptotal) * 100 : 0,
    };
  }

  async #readNet(): Promise<Record<string, number>> {
    const stats = await si.networkStats('*');
    const counters = new Map<string, NetCounters>();
    for (const s of stats) {
      if (!LOOPBACK_IFACE.test(s.iface)) counters.set(s.iface, { rxBytes: s.rx_bytes, txBytes: s.tx_bytes });
    }
    const atMs = this.#monotonicNowMs();
    const previous = this.#previousNet;
    this.#previousNet = { counters, atMs };
    // Rates computed here rather than si's rx_sec, so counter resets give gaps exactly as on Linux.
    return previous ? netRatesBytesPerSec(previous.counters, counters, atMs - previous.atMs) : {};
  }
}

/** OS name for the header, e.g. "macOS 14.4". Spawns (sw_vers, PowerShell) once: only call it at startup. */
export async function readSiOsName(): Promise<string> {
  const info = await si.osInfo();
  return `${info.distro} ${info.release}`.trim() || os.type();
}

async function guard(result: ReadResult, group: string, read: () => Promise<Record<string, number>>): Promise<void> {
  try {
    Object.assign(result.values, await read());
  } catch (error: unknown) {
    result.errors[group] = error;
  }
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number, clock: Clock, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const cancel = clock.setTimeout(() => reject(new Error(`${what} did not answer within ${timeoutMs} ms`)), timeoutMs);
    promise.then(
      (value) => {
        cancel();
        resolve(value);
      },
      (error: unknown) => {
        cancel();
        reject(error);
      },
    );
  });
}
