// Small, locale-aware formatters shared by the view models. Times are local wall-clock times (what the person at
// the terminal reads on their own clock); tests pin TZ.
import type { UiLocale } from './strings.js';

const two = (n: number): string => String(n).padStart(2, '0');

/** The last clock texts by whole second: a chart's time axis asks for a few hundred every frame, mostly the same. */
const clockTimes = new Map<number, string>();
const CLOCK_TIMES_KEPT = 4096;

/** 14:03:07 */
export function clockTime(timeMs: number): string {
  const second = Math.floor(timeMs / 1000);
  const known = clockTimes.get(second);
  if (known !== undefined) return known;
  const d = new Date(timeMs);
  const text = `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
  // An instant's local text depends only on the time zone's rules (DST included), fixed while srvmon runs.
  if (clockTimes.size >= CLOCK_TIMES_KEPT) clockTimes.clear();
  clockTimes.set(second, text);
  return text;
}

/** 14:03:07 for today, 03-14 14:03 for older entries (the log reaches back across restarts). */
export function logTime(timeMs: number, nowMs: number): string {
  const d = new Date(timeMs);
  const now = new Date(nowMs);
  const sameDay = d.getFullYear() === now.getFullYear() && d.getMonth() === now.getMonth() && d.getDate() === now.getDate();
  return sameDay ? clockTime(timeMs) : `${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** Mute countdown: 29:41, or 3:59:59 above an hour. Rounded up so it never shows 0:00 while still muted. */
export function countdown(remainingMs: number): string {
  const totalS = Math.max(0, Math.ceil(remainingMs / 1000));
  const h = Math.floor(totalS / 3600);
  const m = Math.floor((totalS % 3600) / 60);
  const s = totalS % 60;
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

/** Uptime as its two largest units: 3d 4h, 5h 12m, 7m. */
export function uptime(durationMs: number, locale: UiLocale): string {
  const totalMin = Math.max(0, Math.floor(durationMs / 60_000));
  const d = Math.floor(totalMin / 1440);
  const h = Math.floor((totalMin % 1440) / 60);
  const m = totalMin % 60;
  const units = locale === 'zh-CN' ? { d: '天', h: '小时', m: '分钟' } : { d: 'd ', h: 'h ', m: 'm' };
  const text = d > 0 ? `${d}${units.d}${h}${units.h}` : h > 0 ? `${h}${units.h}${m}${units.m}` : `${m}${units.m}`;
  return text.trim();
}

/** 1s, 500ms, 2m */
export function interval(intervalMs: number): string {
  if (intervalMs % 60_000 === 0) return `${intervalMs / 60_000}m`;
  if (intervalMs % 1000 === 0) return `${intervalMs / 1000}s`;
  return `${intervalMs}ms`;
}

/** 42MB, 1.2GB: binary units, as RSS is reported in bytes. */
export function bytes(sizeBytes: number): string {
  if (!Number.isFinite(sizeBytes)) return '-';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = sizeBytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 10 || unit === 0 ? Math.round(value) : value.toFixed(1)}${units[unit]}`;
}
