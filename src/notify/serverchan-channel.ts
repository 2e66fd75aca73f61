// channels.serverchan: ServerChan (Server酱) Turbo or ServerChan³, which forward to WeChat or an app. POST
// {server}/<sendkey>.send with JSON {title, desp (markdown)}; the reply is {code: 0, ...} when sent, another code with
// a message otherwise. Turbo's free plan allows 5 messages a day: over it, the message waits (retried) rather than
// being dropped.
import { z } from 'zod';
import { GOT } from '../config/zod-issues.js';
import type { Channel, ChannelDeps, Notification, SendResult } from './channel.js';
import {
  classifyHttpError,
  DEFAULT_HTTP_TIMEOUT_MS,
  httpTimeoutField,
  httpUrlField,
  MAX_RETRY_AFTER_MS,
  postJson,
  proxyField,
  proxySecrets,
  safeText,
  truncateUtf8,
} from './http-kit.js';
import { robotMarkdown } from './notification-text.js';

export const SERVERCHAN_TURBO_SERVER = 'https://sctapi.ftqq.com';
/** ServerChan's limits: title up to 32 characters, desp up to 32 KB. */
export const SERVERCHAN_TITLE_MAX_CHARS = 32;
export const SERVERCHAN_DESP_MAX_BYTES = 30_000;

export const serverchanConfigSchema = z
  .strictObject({
    /** The SendKey: SCT… (Turbo) or sctp<uid>t… (ServerChan³). Secret. */
    sendKey: z.string().regex(/^(SCT|sctp)[\w-]+$/, { error: `must be a ServerChan SendKey starting with SCT or sctp, ${GOT}` }),
    /** Message channels of your account, e.g. "9|66" (Turbo only). @default the account's */
    channel: z.string().min(1).optional(),
    /** API server, for a relay or tests. @default https://sctapi.ftqq.com (SCT keys), https://<uid>.push.ft07.com/send (sctp keys) */
    server: httpUrlField('the ServerChan server').optional(),
    /** Per-attempt timeout. @default 10s */
    timeout: httpTimeoutField,
    /** Send through this proxy (http://, https:// or socks5://). @default direct */
    proxy: proxyField,
  })
  .transform(({ timeout, server, ...rest }) => ({ ...rest, server: (server ?? defaultServer(rest.sendKey)).replace(/\/+$/, ''), timeoutMs: timeout }));

export type ServerchanConfig = z.output<typeof serverchanConfigSchema>;

function defaultServer(sendKey: string): string {
  const uid = /^sctp(\d+)t/.exec(sendKey)?.[1];
  return uid === undefined ? SERVERCHAN_TURBO_SERVER : `https://${uid}.push.ft07.com/send`;
}

export function serverchanBody(notification: Notification, config: ServerchanConfig): object {
  const { title, text } = robotMarkdown(notification);
  const titleChars = [...title];
  return {
    title: titleChars.length <= SERVERCHAN_TITLE_MAX_CHARS ? title : `${titleChars.slice(0, SERVERCHAN_TITLE_MAX_CHARS - 1).join('')}…`,
    desp: truncateUtf8(text, SERVERCHAN_DESP_MAX_BYTES),
    ...(config.channel !== undefined ? { channel: config.channel } : {}),
  };
}

export function createServerchanChannel(config: ServerchanConfig, deps: ChannelDeps): Channel {
  const { clock } = deps;
  const timeoutMs = config.timeoutMs ?? deps.timeoutMs ?? DEFAULT_HTTP_TIMEOUT_MS;
  const secrets = [config.sendKey, ...proxySecrets(config.proxy)];

  async function send(notification: Notification): Promise<SendResult> {
    let data: unknown;
    try {
      data = await postJson(`${config.server}/${config.sendKey}.send`, serverchanBody(notification, config), { timeoutMs, proxy: config.proxy });
    } catch (error: unknown) {
      return classifyHttpError(error, { secrets, timeoutMs, nowMs: clock.nowMs(), hintFor: (status) => (status === 404 ? 'check channels.serverchan.server' : undefined) });
    }
    const reply = (data !== null && typeof data === 'object' ? data : {}) as { code?: unknown; message?: unknown };
    if (reply.code === 0) return { ok: true };
    if (typeof reply.code !== 'number') {
      return { ok: false, retryable: false, error: 'reply is not from ServerChan (no code)', hint: 'check channels.serverchan.server' };
    }
    const message = typeof reply.message === 'string' && reply.message !== '' ? reply.message : 'no message';
    const error = safeText(`ServerChan ${reply.code}: ${message}`, secrets);
    if (/次数|limit|quota/i.test(message)) {
      // The day's quota: retried hourly until it resets, rather than dropped.
      return { ok: false, retryable: true, retryAfterMs: MAX_RETRY_AFTER_MS, error, hint: "ServerChan's daily quota is used up (5 a day on Turbo's free plan)" };
    }
    if (/key|token/i.test(message)) return { ok: false, retryable: false, error, hint: 'check channels.serverchan.sendKey (sct.ftqq.com > SendKey)' };
    return { ok: false, retryable: reply.code >= 500, error };
  }

  return { name: 'serverchan', send, secrets: () => [...secrets] };
}
