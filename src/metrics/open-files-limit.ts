// How many connections /metrics may hold: few, and never more than a quarter of the process's descriptor limit, so
// that a flood of scrapers can never take the descriptors that sampling (/proc) and the state dir need. Node cannot
// raise RLIMIT_NOFILE, so the cap is kept well below it instead.
import { readFileSync } from 'node:fs';

/** More than Prometheus servers (one connection each) will ever need. */
export const MAX_METRICS_CONNECTIONS = 64;

/** The soft "Max open files" of /proc/<pid>/limits; undefined when unlimited or not found. */
export function softOpenFilesLimit(limitsText: string): number | undefined {
  const match = /^Max open files\s+(\d+)\s/m.exec(limitsText);
  return match ? Number(match[1]) : undefined;
}

/** min(64, soft limit / 4), at least 1; 64 where the limit cannot be read (not Linux). */
export function metricsConnectionCap(limitsText: string | undefined): number {
  const limit = limitsText === undefined ? undefined : softOpenFilesLimit(limitsText);
  if (limit === undefined) return MAX_METRICS_CONNECTIONS;
  return Math.max(1, Math.min(MAX_METRICS_CONNECTIONS, Math.floor(limit / 4)));
}

export function readOwnLimits(): string | undefined {
  try {
    return readFileSync('/proc/self/limits', 'utf8');
  } catch {
    // Not Linux, or /proc not mounted: the fixed cap alone still bounds what /metrics can take.
    return undefined;
  }
}
