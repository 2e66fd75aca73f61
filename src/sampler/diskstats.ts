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
 * `only`: the device names wanted; other lines are skipped before their numbers are parsed (a host with hundreds of
 * loop devices pays for the few disks that hold a mount, every tick).
 */
export function parseDiskstats(text: string, only?: ReadonlySet<string>): Map<string, DiskCounters> {
  const counters = new Map<string, DiskCounters>();
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    start = end + 1;
    if (only) {
      // The name is the third field; looked at before the whole line is split.
      const name = /^\s*\d+\s+\d+\s+(\S+)/.exec(line)?.[1];
      if (name === undefined || !only.has(name)) continue;
    }
    const device = parseLine(line);
    if (device) counters.set(device.name, device);
  }
  return counters;
}

function parseLine(line: string): DiskCounters | undefined {
  const fields = line.trim().split(/\s+/);
  if (fields.length < 14) return undefined;
  // Stats start at [3]: reads completed, reads merged, sectors read, ms reading, writes completed, writes merged,
  // sectors written, ms writing, I/Os in flight, io_ticks (ms), weighted ms.
  const major = Number(fields[0]);
  const minor = Number(fields[1]);
  const readsCompleted = Number(fields[3]);
  const writesCompleted = Number(fields[7]);
  const readBytes = Number(fields[5]) * SECTOR_BYTES;
  const writeBytes = Number(fields[9]) * SECTOR_BYTES;
  const ioTicksMs = Number(fields[12]);
  const finite =
    Number.isFinite(major) && Number.isFinite(minor) && Number.isFinite(readsCompleted) && Number.isFinite(writesCompleted) &&
    Number.isFinite(readBytes) && Number.isFinite(writeBytes) && Number.isFinite(ioTicksMs);
  return finite ? { major, minor, name: fields[2]!, readsCompleted, writesCompleted, readBytes, writeBytes, ioTicksMs } : undefined;
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

  /** `only`: the devices whose rates are wanted (see parseDiskstats); all when left out. */
  async read(only?: ReadonlySet<string>): Promise<DiskStatsReading> {
    const counters = parseDiskstats(this.#procFiles.readText(this.#path), only);
    const atMs = this.#monoMs();
    const previous = this.#previous;
    this.#previous = { counters, atMs };
    return { counters, rates: previous ? diskRates(previous.counters, counters, atMs - previous.atMs) : new Map() };
  }
}
