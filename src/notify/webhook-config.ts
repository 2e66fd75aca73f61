// channels.webhook: POST every alert as JSON to a URL of the user's choosing (their own bot, n8n, a ticket system).
// Also home of the HTTP timeout field that every HTTP channel shares.
import { z } from 'zod';
import { DURATION_FORMS, formatDurationMs, parseDurationMs } from '../config/duration.js';
import { GOT } from '../config/zod-issues.js';

/** Per-attempt timeout of an HTTP channel. @default 10s (applied by the channel, so ChannelDeps can change it) */
export const DEFAULT_HTTP_TIMEOUT_MS = 10_000;
const TIMEOUT_MIN_MS = 100;
const TIMEOUT_MAX_MS = 300_000;

/** `timeout: "10s"` -> 10000; a bare number is refused (5 ms? 5 s?), like every duration in the file. */
export const httpTimeoutField = z
  .unknown()
  .transform((value, ctx): number | undefined => {
  if (value === undefined || value === null) return undefined;
  const fail = (message: string) => {
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
  if (valueMs < TIMEOUT_MIN_MS || valueMs > TIMEOUT_MAX_MS) {
    return fail(`must be from ${formatDurationMs(TIMEOUT_MIN_MS)} to ${formatDurationMs(TIMEOUT_MAX_MS)}, ${GOT}`);
  }
  return valueMs;
  })
  .optional();

const HTTP_URL = `must be an http:// or https:// URL, ${GOT}`;

export const webhookConfigSchema = z
  .strictObject({
    /** Where the JSON is POSTed. Credentials in it (user:pass@, ?token=) are kept out of every error text. */
    url: z.url({ protocol: /^https?$/, error: HTTP_URL }),
    /** Extra request headers, e.g. Authorization. Every value is treated as a secret. @default {} */
    headers: z.record(z.string(), z.string()).optional(),
    /** Per-attempt timeout. @default 10s */
    timeout: httpTimeoutField,
  })
  .transform(({ timeout, headers, ...rest }) => ({ ...rest, headers: headers ?? {}, timeoutMs: timeout }));

export type WebhookConfig = z.output<typeof webhookConfigSchema>;
