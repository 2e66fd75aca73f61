// Which metrics get a day of per-minute history, and how many of them at most. The selection is one predicate, so the
// lead (or a config key) can widen or narrow it in one place; the caps keep a container host's churning veth
// interfaces from growing the rollups (in memory and on disk) past their bound.

import { FAMILY_INSTANCES, familyOf } from '../catalogue/metric-keys.js';

/** Decides whether a sample key is kept in the per-minute rollups. */
export type RollupKeyPredicate = (key: string) => boolean;

/** Plain keys that are always charted. */
const CHARTED_PLAIN = new Set(['cpu', 'memory', 'swap', 'load1']);

/**
 * Keyed families that are charted. `diskRead`/`diskWrite` are the disk IO keys a future reader may add; no reader
 * emits them yet, so they cost nothing until one does.
 */
const CHARTED_FAMILIES = new Set(['cpu', 'netRx', 'netTx', 'diskRead', 'diskWrite', 'diskFree']);

/**
 * The default selection: cpu, memory, swap, load1, per-core cpu:N, netRx:/netTx: per interface, disk IO, and the free
 * bytes per mount (diskFree:), whose last hour gives a disk alert its growth and time left (evidence/disk-trend.ts).
 */
export const isChartedKey: RollupKeyPredicate = (key) => {
  if (CHARTED_PLAIN.has(key)) return true;
  const family = familyOf(key);
  if (family === null || !CHARTED_FAMILIES.has(family)) return false;
  // cpu:N only: "cpu:" followed by anything else is not a core.
  return family !== 'cpu' || FAMILY_INSTANCES.cpu.valid(key.slice(family.length + 1));
};

/** "netRx" for "netRx:eth0"; null for a plain key ("cpu", "memory"), whose number is fixed by the code. */
export { familyOf };

/** Most keys kept per keyed family (cores, interfaces...), as MetricHistory does. */
export const DEFAULT_MAX_ROLLUP_KEYS_PER_FAMILY = 64;

/**
 * Most keys kept in all. 240 keys × 1440 minutes × 14 bytes per bucket is 4.84 MB of columns: the file stays under
 * its 5 MiB bound (MAX_ROLLUP_FILE_BYTES) with every key at its longest name, and the heap well under 10 MB.
 */
export const DEFAULT_MAX_ROLLUP_KEYS = 240;

/**
 * Longest key name kept, in UTF-8 bytes. Interface names are at most 15 bytes and core numbers a few; a longer key
 * (a mount point, if the predicate is widened to disk:*) is left out rather than letting names grow the file.
 */
export const MAX_ROLLUP_KEY_BYTES = 255;
