// Retry delays: exponential from 5 s doubling to 10 min, with "equal jitter" (half fixed, half random) so that many
// queued notifications do not retry in lockstep. Pure: the random source is injected.
export const FIRST_RETRY_MS = 5_000;
export const MAX_RETRY_MS = 10 * 60_000;
/** Give up on a notification after retrying this long. */
export const MAX_RETRY_AGE_MS = 24 * 60 * 60_000;

export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(base / 2 + random() * (base / 2));
}
