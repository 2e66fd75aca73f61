// Durations in the config are text with an explicit unit. A bare number is refused because "interval: 5" is
// ambiguous (5 ms? 5 s?) and guessing wrong silently makes a monitor sample 1000 times too often.
import ms from 'ms';

export const DURATION_FORMS = '"500ms", "3s", "30m", "2h"';

const UNIT = 'ms|msecs?|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|weeks?';
const PART = new RegExp(`(\\d+(?:\\.\\d+)?|\\.\\d+)\\s*(${UNIT})(?![a-z])`, 'gi');
/** One or more number+unit parts, so that "1h30m" (what formatDurationMs writes) reads back. */
const WHOLE = new RegExp(`^(?:\\s*(?:\\d+(?:\\.\\d+)?|\\.\\d+)\\s*(?:${UNIT})(?![a-z]))+\\s*$`, 'i');
const BARE_NUMBER = /^\s*[-+]?(?:\d+(?:\.\d+)?|\.\d+)\s*$/;

/** Parses "500ms", "3s", "30m", "2h", "1d", "1h30m" to milliseconds; throws a plain Error with a short reason. */
export function parseDurationMs(text: string): number {
  if (!WHOLE.test(text)) {
    const reason = BARE_NUMBER.test(text) ? 'a duration needs a unit' : 'not a duration';
    throw new Error(`${reason}, e.g. ${DURATION_FORMS}; got ${JSON.stringify(text)}`);
  }
  let totalMs = 0;
  for (const [, amount, unit] of text.matchAll(PART)) {
    totalMs += ms(`${amount}${unit}` as ms.StringValue);
  }
  return Math.round(totalMs);
}

const UNITS: [suffix: string, sizeMs: number][] = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1000],
  ['ms', 1],
];

/** Lossless compact form: 1000 -> "1s", 1_800_000 -> "30m", 5_400_000 -> "1h30m", 1500 -> "1s500ms", 0 -> "0s". */
export function formatDurationMs(valueMs: number): string {
  if (valueMs === 0) return '0s';
  let restMs = Math.round(Math.abs(valueMs));
  let text = valueMs < 0 ? '-' : '';
  for (const [suffix, sizeMs] of UNITS) {
    const count = Math.floor(restMs / sizeMs);
    if (count > 0) {
      text += `${count}${suffix}`;
      restMs -= count * sizeMs;
    }
  }
  return text;
}
