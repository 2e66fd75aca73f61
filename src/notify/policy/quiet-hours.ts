// Quiet hours are a wall-clock schedule in a named time zone, so they are read from clock.nowMs() through Intl
// (Node 20 carries the IANA database): the local weekday and minute decide, which keeps DST right without
// arithmetic on offsets. Pure: `nowMs` is always passed in.
import type { QuietWindow } from './policy-types.js';

const MINUTE_MS = 60_000;
const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let format = formatters.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: timezone, hourCycle: 'h23', weekday: 'short', hour: '2-digit', minute: '2-digit' });
    formatters.set(timezone, format);
  }
  return format;
}

/** Weekday (0 = Sunday) and minute of the day at `nowMs` in `timezone`. */
export function localDayMinute(nowMs: number, timezone: string): { weekday: number; minute: number } {
  let weekday = 0;
  let hour = 0;
  let minute = 0;
  for (const part of formatterFor(timezone).formatToParts(nowMs)) {
    if (part.type === 'weekday') weekday = WEEKDAYS[part.value] ?? 0;
    else if (part.type === 'hour') hour = Number(part.value) % 24;
    else if (part.type === 'minute') minute = Number(part.value);
  }
  return { weekday, minute: hour * 60 + minute };
}

function inWindow(window: QuietWindow, nowMs: number): boolean {
  const { weekday, minute } = localDayMinute(nowMs, window.timezone);
  if (window.fromMin < window.toMin) return window.days.includes(weekday) && minute >= window.fromMin && minute < window.toMin;
  // Across midnight: the evening part belongs to today, the morning part to the day before.
  if (minute >= window.fromMin) return window.days.includes(weekday);
  if (minute < window.toMin) return window.days.includes((weekday + 6) % 7);
  return false;
}

/** The windows in force at `nowMs` (none: not quiet). */
export function activeQuietWindows(windows: readonly QuietWindow[], nowMs: number): QuietWindow[] {
  return windows.filter((window) => inWindow(window, nowMs));
}

/** Whether an event of this severity is held now: some window is in force and none of those in force allows it. */
export function quietHolds(windows: readonly QuietWindow[], severity: QuietWindow['allow'][number], nowMs: number): boolean {
  const active = activeQuietWindows(windows, nowMs);
  return active.length > 0 && !active.some((window) => window.allow.includes(severity));
}

/** Looked ahead at most this far for the end (windows that chain into each other for ever never end). */
const LOOKAHEAD_MS = 8 * 86_400_000;
const COARSE_STEP_MS = 5 * MINUTE_MS;

/**
 * When the quiet hours in force at `nowMs` end (the first minute none is in force), or undefined when none is in
 * force. Windows are minute-aligned in local time, so stepping whole minutes finds the edge exactly; a coarse step
 * first keeps it cheap (a gap shorter than the coarse step between two windows is stepped over).
 */
export function quietUntilMs(windows: readonly QuietWindow[], nowMs: number): number | undefined {
  if (activeQuietWindows(windows, nowMs).length === 0) return undefined;
  const startMs = Math.floor(nowMs / MINUTE_MS) * MINUTE_MS;
  let quietMs = startMs;
  let probeMs = startMs + COARSE_STEP_MS;
  while (probeMs - startMs <= LOOKAHEAD_MS && activeQuietWindows(windows, probeMs).length > 0) {
    quietMs = probeMs;
    probeMs += COARSE_STEP_MS;
  }
  if (probeMs - startMs > LOOKAHEAD_MS) return quietMs;
  for (let minuteMs = quietMs + MINUTE_MS; minuteMs < probeMs; minuteMs += MINUTE_MS) {
    if (activeQuietWindows(windows, minuteMs).length === 0) return minuteMs;
  }
  return probeMs;
}
