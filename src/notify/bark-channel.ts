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
  type SendFailure,
} from './http-kit.js';
import { urlSecrets } from '../config/redact.js';
import { barkEncryptionSchema, encryptBarkParams } from './bark-encryption.js';
import { subjectOf, textBody } from './notification-text.js';

export const BARK_SERVER = 'https://api.day.app';
/** Apple's push payload is at most 4 KB; title and the rest of the JSON get the remainder. */
export const BARK_BODY_MAX_BYTES = 3000;
/** Encrypted, the text grows by a third (base64) and a block of padding: a smaller budget keeps it under 4 KB. */
export const BARK_ENCRYPTED_BODY_MAX_BYTES = 2000;

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
    /** Encrypted push (推送加密), with the app's key and mode: neither the Bark server nor Apple can read the alert. */
    encryption: barkEncryptionSchema.optional(),
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
  const delivery = {
    group: config.group,
    level: event.severity === 'critical' && event.state !== 'resolved' ? 'timeSensitive' : 'active',
    ...(config.sound !== undefined ? { sound: config.sound } : {}),
  };
  const budgetBytes = config.encryption ? BARK_ENCRYPTED_BODY_MAX_BYTES : BARK_BODY_MAX_BYTES;
  // Plain text: iOS shows notifications as written, so nothing needs escaping.
  const content = { title: subjectOf(notification), body: truncateUtf8(textBody(notification).trimEnd(), budgetBytes) };
  if (!config.encryption) return { device_key: config.deviceKey, ...content, ...delivery };
  // Encrypted: title and body only inside the ciphertext; group, level and sound stay readable for the server,
  // which sets them on the Apple push (they say nothing about the alert).
  return { device_key: config.deviceKey, ...encryptBarkParams({ ...content, ...delivery }, config.encryption), ...delivery };
}

export function createBarkChannel(config: BarkConfig, deps: ChannelDeps): Channel {
  const { clock } = deps;
  const timeoutMs = config.timeoutMs ?? deps.timeoutMs ?? DEFAULT_HTTP_TIMEOUT_MS;
  const secrets = [
    config.deviceKey,
    ...(config.encryption ? [config.encryption.key] : []),
    // A self-hosted server behind basic auth: https://user:pass@bark.example.com
    ...urlSecrets(config.server),
    ...proxySecrets(config.proxy),
  ];

  async function send(notification: Notification): Promise<SendResult> {
    try {
      const reply = (await postJson(`${config.server}/push`, barkBody(notification, config), { timeoutMs, proxy: config.proxy })) as { code?: unknown };
      if (reply?.code === 200) return { ok: true };
      return { ok: false, retryable: false, error: 'reply is not from a Bark server (no code 200)', hint: 'check channels.bark.server' };
    } catch (error: unknown) {
      const reply = errorReplyBody(error) as { code?: unknown; message?: unknown } | undefined;
      if (reply && typeof reply.code === 'number' && typeof reply.message === 'string') {
        return barkFailure(reply.code, reply.message, safeText(`Bark ${reply.code}: ${reply.message}`, secrets));
      }
      return classifyHttpError(error, { secrets, timeoutMs, nowMs: clock.nowMs(), hintFor: httpHint });
    }
  }

  return { name: 'bark', send, secrets: () => [...secrets] };
}

/** bark-server's own errors (route_push.go): {code, message} with the HTTP status set to code. */
function barkFailure(code: number, message: string, error: string): SendFailure {
  if (/failed to get device token|device key is empty/i.test(message)) {
    return { ok: false, retryable: false, error, hint: 'check channels.bark.deviceKey (the key in the Bark app) and channels.bark.server (a key belongs to one server)' };
  }
  // Apple's answer for a device it no longer knows: the app was reinstalled or the phone restored, so its key changed.
  if (/BadDeviceToken|Unregistered|DeviceTokenNotForTopic/.test(message)) {
    return { ok: false, retryable: false, error, hint: 'Apple no longer knows this Bark registration (app reinstalled?): copy the new key from the Bark app into channels.bark.deviceKey' };
  }
  if (/PayloadTooLarge/.test(message)) return { ok: false, retryable: false, error };
  // Apple unreachable or busy: the server's problem, try again.
  return { ok: false, retryable: code >= 500, error };
}

function httpHint(status: number | undefined): string | undefined {
  if (status === 404) return 'check channels.bark.server';
  // bark-server answers 418 "I'm a teapot" when it was started with basic auth and the request has none (or a wrong one).
  if (status === 418 || status === 401) return 'the Bark server wants basic auth: write it into channels.bark.server as https://user:password@host';
  return undefined;
}
