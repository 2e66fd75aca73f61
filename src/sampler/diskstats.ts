// Pure parsing of /proc/diskstats and per-device I/O rates from two reads; DiskStatsSampler keeps the previous read.
// Which device is a partition, a device-mapper volume or a mounted filesystem is block-devices.ts.

import { ProcFileReader } from './proc-file-reader.js';

/** diskstats counts in 512-byte sectors whatever the device's real sector size (Documentation/admin-guide/iostats). */
const SECTOR_BYTES = 512;

/** The cumulative counters of one /proc/diskstats line a view needs. */
export interface DiskCounters {
  major: number;
  minor: number;
  /** Kernel name: sda, sda1, nvme0n1p2, dm-0, md0, loop3. */
  name: string;
  readsCompleted: number;
  writesCompleted: number;
  readBytes: number;
  writeBytes: number;
  /** Field 10 (of the stats): ms during which the device had I/O in flight. */
  ioTicksMs: number;
}

/**
 * Counters keyed by device name. Lines with fewer than 11 stats are skipped: kernels before 2.6.25 gave partitions only
 * 4, with no time in flight to make busy % from. The discard (4.18) and flush (5.5) columns after the 11th are not needed.
 */
export function parseDiskstats(text: string): Map<string, DiskCounters> {
  const counters = new Map<string, DiskCounters>();
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 14) continue;
    const n = (i: number): number => Number(fields[i]);
    // Stats start at [3]: reads completed, reads merged, sectors read, ms reading, writes completed, writes merged,
    // sectors written, ms writing, I/Os in flight, io_ticks (ms), weighted ms.
    const device: DiskCounters = {
      major: n(0),
      minor: n(1),
      name: fields[2]!,
      readsCompleted: n(3),
      writesCompleted: n(7),
      readBytes: n(5) * SECTOR_BYTES,
      writeBytes: n(9) * SECTOR_BYTES,
      ioTicksMs: n(12),
    };
    const { name: _, ...numbers } = device;
    if (Object.values(numbers).every(Number.isFinite)) counters.set(device.name, device);
  }
  return counters;
}

export interface DiskRates {
  readBytesPerSec: number;
  writeBytesPerSec: number;
  readsPerSec: number;
  writesPerSec: number;
  /** Share of the time with I/O in flight, 0-100 (iostat's %util). Near 100 is saturated only for a single spindle. */
  busyPct: number;
}

/**
 * Rates per device present in both reads over elapsedMs. A device seen for the first time, one whose major:minor changed
 * (a disk replaced under the same name), or one with any counter gone down (driver reload, 32-bit wrap) gives a gap for
 * this tick: no rate rather than a negative or a spike.
 */
export function diskRates(
  previous: ReadonlyMap<string, DiskCounters>,
  current: ReadonlyMap<string, DiskCounters>,
  elapsedMs: number,
): Map<string, DiskRates> {
  const rates = new Map<string, DiskRates>();
  if (!(elapsedMs > 0)) return rates;
  const perSec = (delta: number): number => (delta * 1000) / elapsedMs;
  for (const [name, now] of current) {
    const before = previous.get(name);
    if (!before || before.major !== now.major || before.minor !== now.minor) continue;
    const readBytes = now.readBytes - before.readBytes;
    const writeBytes = now.writeBytes - before.writeBytes;
    const reads = now.readsCompleted - before.readsCompleted;
    const writes = now.writesCompleted - before.writesCompleted;
    const ioTicksMs = now.ioTicksMs - before.ioTicksMs;
    if (readBytes < 0 || writeBytes < 0 || reads < 0 || writes < 0 || ioTicksMs < 0) continue;
    rates.set(name, {
      readBytesPerSec: perSec(readBytes),
      writeBytesPerSec: perSec(writeBytes),
      readsPerSec: perSec(reads),
      writesPerSec: perSec(writes),
      // io_ticks is sampled at request boundaries and can run a little ahead of the wall time.
      busyPct: Math.min(100, (ioTicksMs / elapsedMs) * 100),
    });
  }
  return rates;
}

export interface DiskStatsSamplerOptions {
  /** @default '/proc' */
  procDir?: string;
  /** Monotonic clock: a wall-clock step must not turn into an I/O spike. @default performance.now */
  monoMs?: () => number;
  /** Shared with the reader's other per-tick files. @default a reader of its own */
  procFiles?: ProcFileReader;
}

export interface DiskStatsReading {
  counters: Map<string, DiskCounters>;
  /** Empty on the first read. */
  rates: Map<string, DiskRates>;
}

/** Keeps the previous read, so each read() gives rates over the time since the last one. */
export class DiskStatsSampler {
  readonly #path: string;
  readonly #monoMs: () => number;
  readonly #procFiles: ProcFileReader;
  #previous: { counters: Map<string, DiskCounters>; atMs: number } | undefined;

  constructor(options: DiskStatsSamplerOptions = {}) {
    this.#path = `${options.procDir ?? '/proc'}/diskstats`;
    this.#monoMs = options.monoMs ?? (() => performance.now());
    this.#procFiles = options.procFiles ?? new ProcFileReader();
  }

  async read(): Promise<DiskStatsReading> {
    const counters = parseDiskstats(this.#procFiles.readText(this.#path));
    const atMs = this.#monoMs();
    const previous = this.#previous;
    this.#previous = { counters, atMs };
    return { counters, rates: previous ? diskRates(previous.counters, counters, atMs - previous.atMs) : new Map() };
  }
}
