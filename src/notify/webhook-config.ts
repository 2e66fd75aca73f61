// channels.webhook: POST every alert as JSON to a URL of the user's choosing (their own bot, n8n, a ticket system).
// Also home of the HTTP timeout field that every HTTP channel shares.
import { z } from 'zod';
import { durationField } from '../config/duration-field.js';
import { GOT } from '../config/zod-issues.js';

/** Per-attempt timeout of an HTTP channel. @default 10s (applied by the channel, so ChannelDeps can change it) */
export const DEFAULT_HTTP_TIMEOUT_MS = 10_000;
const TIMEOUT_MIN_MS = 100;
const TIMEOUT_MAX_MS = 300_000;

/** `timeout: "10s"` -> 10000. */
export const httpTimeoutField = durationField({ minMs: TIMEOUT_MIN_MS, maxMs: TIMEOUT_MAX_MS });

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
