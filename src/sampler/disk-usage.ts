// Pure: used % of a filesystem from its statfs counters, the way df computes it.

/** The statfs fields needed; counts are in blocks of the same size, so the block size cancels out. */
export interface StatfsBlocks {
  blocks: number;
  bfree: number;
  bavail: number;
  /** Block size in bytes, for free space (fs.statfs gives it; absent in older fakes). */
  bsize?: number;
}

/**
 * used / (used + avail), with used = blocks - bfree and avail = bavail, as df does: the blocks reserved for root
 * (bfree - bavail, 5 % on ext4 by default) count as neither, so 100 % means "users can no longer write", which is
 * what an alert should be about. Returns undefined for an empty or nonsensical filesystem (no fake 0 %).
 */
export function diskUsedPct(stats: StatfsBlocks): number | undefined {
  const usedBlocks = stats.blocks - stats.bfree;
  const usableBlocks = usedBlocks + stats.bavail;
  if (!(usableBlocks > 0) || usedBlocks < 0) return undefined;
  return Math.min(100, (usedBlocks / usableBlocks) * 100);
}
