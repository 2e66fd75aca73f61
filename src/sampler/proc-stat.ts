// Pure parsing of /proc/stat and CPU busy % from the jiffy deltas between two reads.
import { buildKey } from '../catalogue/metric-keys.js';

/** Cumulative jiffies of one CPU line, reduced to what busy % needs. */
export interface CpuJiffies {
  /** user+nice+system+idle+iowait+irq+softirq+steal. guest/guest_nice are left out: the kernel already counts them in user/nice. */
  totalJiffies: number;
  /** idle + iowait: time the CPU had nothing to run (iowait is waiting, not working). */
  idleJiffies: number;
  /** iowait alone: idle time with disk I/O outstanding. */
  iowaitJiffies: number;
}

/** Keyed by metric name: `cpu` for the aggregate line, `cpu:<n>` for core n. */
export type CpuTimes = Map<string, CpuJiffies>;

const CPU_LINE = /^cpu(\d*)\s+(.*)$/;

export function parseProcStat(text: string): CpuTimes {
  const times: CpuTimes = new Map();
  for (const line of text.split('\n')) {
    const match = CPU_LINE.exec(line);
    if (!match) continue;
    const fields = match[2]!.trim().split(/\s+/).map(Number);
    // user nice system idle are present on every kernel; later columns were added over time, missing ones count as 0.
    if (fields.length < 4 || fields.some((n) => !Number.isFinite(n))) continue;
    const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = fields;
    const key = match[1] === '' ? 'cpu' : buildKey('cpu', match[1]);
    times.set(key, {
      totalJiffies: user + nice + system + idle + iowait + irq + softirq + steal,
      idleJiffies: idle + iowait,
      iowaitJiffies: iowait,
    });
  }
  return times;
}

/**
 * Busy % per key present in both reads. A key only in one read (core offline / just online) is skipped; so is a
 * core whose counters did not advance or went backwards (reset, wrap): no NaN, no negative, no fake 0.
 */
export function cpuBusyPct(previous: CpuTimes, current: CpuTimes): Record<string, number> {
  const busyPct: Record<string, number> = {};
  for (const [key, now] of current) {
    const before = previous.get(key);
    if (!before) continue;
    const totalDelta = now.totalJiffies - before.totalJiffies;
    const idleDelta = now.idleJiffies - before.idleJiffies;
    if (totalDelta <= 0 || idleDelta < 0 || idleDelta > totalDelta) continue;
    busyPct[key] = ((totalDelta - idleDelta) / totalDelta) * 100;
  }
  return busyPct;
}

/**
 * iowait % of all CPU time between two reads, from the aggregate line (key `iowait`); undefined when the counters
 * did not advance or went backwards. Some kernels let iowait step back a little on an idle core: that is a skip too.
 */
export function iowaitPct(previous: CpuTimes, current: CpuTimes): number | undefined {
  const before = previous.get('cpu');
  const now = current.get('cpu');
  if (!before || !now) return undefined;
  const totalDelta = now.totalJiffies - before.totalJiffies;
  const iowaitDelta = now.iowaitJiffies - before.iowaitJiffies;
  if (totalDelta <= 0 || iowaitDelta < 0 || iowaitDelta > totalDelta) return undefined;
  return (iowaitDelta / totalDelta) * 100;
}
