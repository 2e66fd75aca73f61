// Whether the system swaps now: pswpin and pswpout from /proc/vmstat (pages swapped in and out since boot), as a rate
// between two reads. A full swap that is not moving is history; pages moving now is what makes a server slow.

export interface SwapCounters {
  pswpin: number;
  pswpout: number;
}

export function parseSwapCounters(text: string): SwapCounters | undefined {
  const pswpin = /^pswpin (\d+)$/m.exec(text)?.[1];
  const pswpout = /^pswpout (\d+)$/m.exec(text)?.[1];
  if (pswpin === undefined || pswpout === undefined) return undefined;
  return { pswpin: Number(pswpin), pswpout: Number(pswpout) };
}

export interface SwapRates {
  swappingNow: boolean;
  swapInPagesPerSec: number;
  swapOutPagesPerSec: number;
}

/** Pages per second between two reads elapsedMs apart; undefined without a usable interval or after a reset. */
export function swapRates(before: SwapCounters, after: SwapCounters, elapsedMs: number): SwapRates | undefined {
  const inPages = after.pswpin - before.pswpin;
  const outPages = after.pswpout - before.pswpout;
  if (!(elapsedMs > 0) || inPages < 0 || outPages < 0) return undefined;
  const perSec = (pages: number): number => pages / (elapsedMs / 1000);
  return { swappingNow: inPages + outPages > 0, swapInPagesPerSec: perSec(inPages), swapOutPagesPerSec: perSec(outPages) };
}
