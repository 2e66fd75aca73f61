// The `diskfull` rule's unit: how fast a filesystem fills, as the share of its free space used per hour. Its
// reciprocal is the time left, so "full within the horizon" is a reading above 1/horizon and the engine's one
// comparison (above the threshold) serves it. Users never see the rate: they write the horizon as a duration
// (`threshold: 24h`) and read hours left (`about 5 h`).
import { DURATION_FORMS, parseDurationMs } from '../config/duration.js';

const HOUR_MS = 3_600_000;

/** `24h` -> 1/24: the fill rate at which the disk is full at the horizon. Throws on text that is no duration. */
export function parseHorizon(text: string): number {
  const ms = parseDurationMs(text);
  if (!(ms > 0)) throw new Error(`the horizon must be above 0, e.g. ${DURATION_FORMS}`);
  return HOUR_MS / ms;
}

/** Time left at a fill rate, as people say it: `40 min`, `5.5 h`, `18 h`, `3 d`; `no growth` at 0. */
export function formatTimeLeft(fillPerHour: number): string {
  if (!(fillPerHour > 0)) return 'no growth';
  const hours = 1 / fillPerHour;
  if (hours < 1) return `${Math.max(1, Math.round(hours * 60))} min`;
  if (hours < 10) return `${trimZero(hours.toFixed(1))} h`;
  if (hours < 48) return `${Math.round(hours)} h`;
  return `${trimZero((hours / 24).toFixed(hours < 240 ? 1 : 0))} d`;
}

/** The same in Chinese: `40分钟`, `5.5小时`, `3天`. */
export function formatTimeLeftZh(fillPerHour: number): string {
  return formatTimeLeft(fillPerHour)
    .replace('no growth', '未增长')
    .replace(/ min$/, '分钟')
    .replace(/ h$/, '小时')
    .replace(/ d$/, '天');
}

function trimZero(text: string): string {
  return text.replace(/\.0$/, '');
}
