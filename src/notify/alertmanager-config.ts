// channels.alertmanager: hand alerts to a Prometheus Alertmanager, which dedups, groups, silences and routes them
// across the fleet. Only the URL is required; auth is basic or bearer, as Alertmanager's own web config offers.
import { z } from 'zod';
import { durationField } from '../config/duration-field.js';
import { GOT } from '../config/zod-issues.js';
import { httpTimeoutField, proxyField } from './http-kit.js';

/** How often firing alerts are re-sent. Alertmanager forgets an alert at its endsAt; we set endsAt 4 intervals ahead. */
export const DEFAULT_RESEND_INTERVAL_MS = 60_000;
const RESEND_MIN_MS = 1000;
const RESEND_MAX_MS = 3_600_000;

const HTTP_URL = `must be an http:// or https:// URL (Alertmanager's address, e.g. http://127.0.0.1:9093), ${GOT}`;

/** `resendInterval: "1m"` -> 60000. */
const resendIntervalField = durationField({ minMs: RESEND_MIN_MS, maxMs: RESEND_MAX_MS }).transform((valueMs) => valueMs ?? DEFAULT_RESEND_INTERVAL_MS);

export const alertmanagerConfigSchema = z
  .strictObject({
    /** Alertmanager's base URL, e.g. http://alertmanager:9093 (with its route prefix, if any); /api/v2/alerts is added. */
    url: z.url({ protocol: /^https?$/, error: HTTP_URL }),
    /** HTTP basic auth, as set in Alertmanager's --web.config.file or a proxy in front of it. */
    basicAuth: z
      .strictObject({
        username: z.string().min(1),
        /** Secret. */
        password: z.string().min(1),
      })
      .optional(),
    /** Sent as `Authorization: Bearer <token>`. Secret. */
    bearerToken: z.string().min(1).optional(),
    /**
     * How often alerts still firing are re-sent, so that Alertmanager does not resolve them on its own. Each POST sets
     * endsAt to 4 intervals ahead (as Prometheus does), so up to 3 re-sends may fail before Alertmanager lets go.
     * @default 1m
     */
    resendInterval: resendIntervalField,
    /** Per-attempt timeout. @default 10s */
    timeout: httpTimeoutField,
    /** Send through this proxy (http://, https:// or socks5://). @default direct */
    proxy: proxyField,
  })
  .superRefine((section, ctx) => {
    if (section.basicAuth && section.bearerToken !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['bearerToken'], message: `must not be set together with basicAuth (choose one), ${GOT}` });
    }
  })
  .transform(({ timeout, resendInterval, ...rest }) => ({
    ...rest,
    resendIntervalMs: resendInterval ?? DEFAULT_RESEND_INTERVAL_MS,
    timeoutMs: timeout,
  }));

export type AlertmanagerConfig = z.output<typeof alertmanagerConfigSchema>;
