// channels.webhook: POST every alert as JSON to a URL of the user's choosing (their own bot, n8n, a ticket system).
import { z } from 'zod';
import { httpTimeoutField, httpUrlField, proxyField } from './http-kit.js';

export const webhookConfigSchema = z
  .strictObject({
    /** Where the JSON is POSTed. Credentials in it (user:pass@, ?token=) are kept out of every error text. */
    url: httpUrlField(),
    /** Extra request headers, e.g. Authorization. Every value is treated as a secret. @default {} */
    headers: z.record(z.string(), z.string()).optional(),
    /** Per-attempt timeout. @default 10s */
    timeout: httpTimeoutField,
    /** Send through this proxy (http://, https:// or socks5://). @default direct */
    proxy: proxyField,
  })
  .transform(({ timeout, headers, ...rest }) => ({ ...rest, headers: headers ?? {}, timeoutMs: timeout }));

export type WebhookConfig = z.output<typeof webhookConfigSchema>;
