// The Chinese services' daily quotas (WeChat's API quota, ServerChan's 5 a day, PushPlus's 200 a day) reset at
// midnight Beijing time (UTC+8, no DST), whatever the server's own time zone.

const BEIJING_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
/** A minute past midnight: the provider's own clock may be a little behind ours. */
const MARGIN_MS = 60_000;

/** Wall time (ms) just after the next 00:00 in Beijing. */
export function nextBeijingDayMs(nowMs: number): number {
  const beijingDayStartMs = Math.floor((nowMs + BEIJING_OFFSET_MS) / DAY_MS) * DAY_MS - BEIJING_OFFSET_MS;
  return beijingDayStartMs + DAY_MS + MARGIN_MS;
}
