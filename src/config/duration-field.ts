// One zod field for every duration inside a channel section (`timeout: "10s"`, `resendInterval: "1m"`): a string with
// a unit, in a range, to milliseconds. A bare number is refused (5 ms? 5 s?), like every duration in the file.
import { z } from 'zod';
import { DURATION_FORMS, formatDurationMs, parseDurationMs } from './duration.js';
import { GOT } from './zod-issues.js';

export interface DurationFieldOptions {
  minMs: number;
  maxMs: number;
}

/** Parses to milliseconds, or undefined when the key is absent (the caller applies its default). */
export function durationField({ minMs, maxMs }: DurationFieldOptions) {
  return z
    .unknown()
    .transform((value, ctx): number | undefined => {
      if (value === undefined || value === null) return undefined;
      const fail = (message: string): never => {
        ctx.issues.push({ code: 'custom', message, input: value });
        return z.NEVER;
      };
      if (typeof value !== 'string') return fail(`a duration needs a unit, e.g. ${DURATION_FORMS}; ${GOT}`);
      let valueMs: number;
      try {
        valueMs = parseDurationMs(value);
      } catch (error: unknown) {
        return fail(`${(error instanceof Error ? error.message : String(error)).replace(/; got .*$/, '')}; ${GOT}`);
      }
      if (valueMs < minMs || valueMs > maxMs) return fail(`must be from ${formatDurationMs(minMs)} to ${formatDurationMs(maxMs)}, ${GOT}`);
      return valueMs;
    })
    .optional();
}
