// channels.bark: push to an iPhone through Bark (api.day.app or a self-hosted bark-server). POST {server}/push with
// JSON {device_key, title, body, group, level}; the reply is {code: 200, message: "success"}, or HTTP 400 for an
// unknown device key and 5xx when Apple's push service fails. Critical alerts are time-sensitive (they break through
// Focus), the rest active.
import { z } from 'zod';
import { GOT } from '../config/zod-issues.js';
import type { Channel, ChannelDeps, Notification, SendResult } from './channel.js';
import {
  classifyHttpError,
  DEFAULT_HTTP_TIMEOUT_MS,
  errorReplyBody,
  httpTimeoutField,
  httpUrlField,
  postJson,
  proxyField,
  proxySecrets,
  safeText,
  truncateUtf8,
} from './http-kit.js';
import { subjectOf, textBody } from './notification-text.js';

export const BARK_SERVER = 'https://api.day.app';
/** Apple's push payload is at most 4 KB; title and the rest of the JSON get the remainder. */
export const BARK_BODY_MAX_BYTES = 3000;

export const barkConfigSchema = z
  .strictObject({
    /** The key the Bark app shows (the part after the server in its URL). Secret. */
    deviceKey: z.string().regex(/^[\w-]+$/, { error: `must be the key the Bark app shows, letters and digits, ${GOT}` }),
    /** A self-hosted bark-server (or a relay). @default https://api.day.app */
    server: httpUrlField('the Bark server').optional(),
    /** Notification group in the app. @default "srvmon" */
    group: z.string().min(1).optional(),
    /** A sound name from the app's list. @default the app's default */
    sound: z.string().min(1).optional(),
    /** Per-attempt timeout. @default 10s */
    timeout: httpTimeoutField,
    /** Send through this proxy (http://, https:// or socks5://). @default direct */
    proxy: proxyField,
  })
  .transform(({ timeout, server, group, ...rest }) => ({
    ...rest,
    server: (server ?? BARK_SERVER).replace(/\/+$/, ''),
    group: group ?? 'srvmon',
    timeoutMs: timeout,
  }));

export type BarkConfig = z.output<typeof barkConfigSchema>;

export function barkBody(notification: Notification, config: BarkConfig): object {
  const { event } = notification;
  return {
    device_key: config.deviceKey,
    title: subjectOf(notification),
    // Plain text: iOS shows notifications as written, so nothing needs escaping.
    body: truncateUtf8(textBody(notification).trimEnd(), BARK_BODY_MAX_BYTES),
    group: config.group,
    level: event.severity === 'critical' && event.state !== 'resolved' ? 'timeSensitive' : 'active',
    ...(config.sound !== undefined ? { sound: config.sound } : {}),
  };
}

export function createBarkChannel(config: BarkConfig, deps: ChannelDeps): Channel {
  const { clock } = deps;
  const timeoutMs = config.timeoutMs ?? deps.timeoutMs ?? DEFAULT_HTTP_TIMEOUT_MS;
  const secrets = [config.deviceKey, ...proxySecrets(config.proxy)];

  async function send(notification: Notification): Promise<SendResult> {
    try {
      const reply = (await postJson(`${config.server}/push`, barkBody(notification, config), { timeoutMs, proxy: config.proxy })) as { code?: unknown };
      if (reply?.code === 200) return { ok: true };
      return { ok: false, retryable: false, error: 'reply is not from a Bark server (no code 200)', hint: 'check channels.bark.server' };
    } catch (error: unknown) {
      const reply = errorReplyBody(error) as { code?: unknown; message?: unknown } | undefined;
      if (reply && typeof reply.code === 'number' && typeof reply.message === 'string') {
        const text = safeText(`Bark ${reply.code}: ${reply.message}`, secrets);
        if (reply.code >= 500) return { ok: false, retryable: true, error: text };
        const hint = /device token|device key/i.test(reply.message)
          ? 'check channels.bark.deviceKey (the key in the Bark app) and channels.bark.server (a key belongs to one server)'
          : undefined;
        return { ok: false, retryable: false, error: text, ...(hint ? { hint } : {}) };
      }
      return classifyHttpError(error, { secrets, timeoutMs, nowMs: clock.nowMs(), hintFor: (status) => (status === 404 ? 'check channels.bark.server' : undefined) });
    }
  }

  return { name: 'bark', send, secrets: () => [...secrets] };
}
