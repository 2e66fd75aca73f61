// Pure parsing of /proc/meminfo into memory and swap %.

/** Values of /proc/meminfo in kB, keyed by field name (`MemTotal`, `MemAvailable`, ...). */
export type Meminfo = Map<string, number>;

/** The fields memoryPcts reads: the per-tick read looks up only these. */
export const MEMORY_PCT_FIELDS = ['MemTotal', 'MemAvailable', 'SwapTotal', 'SwapFree'] as const;

/**
 * `only`: the fields wanted; each is found by its name at a line start instead of every one of the ~55 lines being
 * split and matched (this was the largest item of a tick in the agent's profile).
 */
export function parseMeminfo(text: string, only?: readonly string[]): Meminfo {
  const fields: Meminfo = new Map();
  if (only) {
    for (const name of only) {
      const start = text.startsWith(`${name}:`) ? 0 : text.indexOf(`\n${name}:`);
      if (start < 0) continue;
      const end = text.indexOf('\n', start + 1);
      const match = /:\s+(\d+)/.exec(text.slice(start, end < 0 ? undefined : end));
      if (match) fields.set(name, Number(match[1]));
    }
    return fields;
  }
  for (const line of text.split('\n')) {
    const match = /^([^:\s]+):\s+(\d+)/.exec(line);
    if (match) fields.set(match[1]!, Number(match[2]));
  }
  return fields;
}

/**
 * `memory` = (MemTotal - MemAvailable) / MemTotal, the figure psutil's virtual_memory().percent and `free`'s
 * "available" column give. Not MemTotal - MemFree: that counts page cache, which the kernel drops on demand,
 * so a healthy file server would look full.
 *
 * `swap` = (SwapTotal - SwapFree) / SwapTotal, and 0 when no swap is configured: 0 % of nothing is in use, which
 * is true, keeps the series continuous for the dashboard and never trips a swap rule. A gap would instead read
 * as "the sampler failed" every tick on the many servers that run without swap.
 *
 * Throws if MemTotal or MemAvailable is missing (MemAvailable exists since Linux 3.14): guessing it from
 * MemFree + Cached is the error this metric exists to avoid, so the caller records a gap instead.
 */
export function memoryPcts(meminfo: Meminfo): { memory: number; swap: number } {
  const totalKb = meminfo.get('MemTotal');
  const availableKb = meminfo.get('MemAvailable');
  if (!totalKb || availableKb === undefined) {
    throw new Error('/proc/meminfo has no MemTotal/MemAvailable (kernel older than 3.14?)');
  }
  const swapTotalKb = meminfo.get('SwapTotal') ?? 0;
  const swapFreeKb = meminfo.get('SwapFree') ?? 0;
  return {
    memory: clampPct(((totalKb - availableKb) / totalKb) * 100),
    swap: swapTotalKb > 0 ? clampPct(((swapTotalKb - swapFreeKb) / swapTotalKb) * 100) : 0,
  };
}

// The fields are read at slightly different instants; keep a racy read inside 0..100.
function clampPct(pct: number): number {
  return Math.min(100, Math.max(0, pct));
}
