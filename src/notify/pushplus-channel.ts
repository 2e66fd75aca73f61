// channels.pushplus: PushPlus (推送加), which forwards to WeChat and other channels of the user's account. POST
// {server}/send with JSON {token, title, content, template: "markdown", topic}; the reply is HTTP 200 with {code,
// msg, data}, codes as PushPlus's 接口返回码说明 lists them: 200 sent; 302 not logged in, 401 unauthorised, 903
// invalid token (the token); 403 the request IP is not in the allowlist; 500 system error (retried); 600 data
// error; 888 out of credit; 900 account restricted (too many requests: over 200 a day; PushPlus asks callers to stop
// for the day, so the channel pauses until 00:00 Beijing time and holds what is queued); 905 real-name
// verification missing; 999 the server refused the content (its msg says why).
import { z } from 'zod';
import type { Channel, ChannelDeps, Notification, SendResult } from './channel.js';
import {
  classifyHttpError,
  DEFAULT_HTTP_TIMEOUT_MS,
  httpTimeoutField,
  httpUrlField,
  postJson,
  proxyField,
  proxySecrets,
  safeText,
  truncateUtf8,
  type SendFailure,
} from './http-kit.js';
import { nextBeijingDayMs } from './beijing-day.js';
import { robotMarkdown } from './notification-text.js';

export const PUSHPLUS_SERVER = 'https://www.pushplus.plus';
/** PushPlus's limits: title up to 100 characters, content kept well under its 20,000. */
export const PUSHPLUS_TITLE_MAX_CHARS = 100;
export const PUSHPLUS_CONTENT_MAX_BYTES = 18_000;

export const pushplusConfigSchema = z
  .strictObject({
    /** The user token from pushplus.plus (一对一推送). Secret. */
    token: z.string().min(1),
    /** A group code (群组编码) to send to everyone in a PushPlus group instead of yourself. */
    topic: z.string().min(1).optional(),
    /** Where PushPlus forwards: wechat (default), cp (WeCom), mail, sms, webhook... as your account allows. */
    channel: z.string().min(1).optional(),
    /** API server, for a relay or tests. @default https://www.pushplus.plus */
    server: httpUrlField('the PushPlus server').optional(),
    /** Per-attempt timeout. @default 10s */
    timeout: httpTimeoutField,
    /** Send through this proxy (http://, https:// or socks5://). @default direct */
    proxy: proxyField,
  })
  .transform(({ timeout, server, ...rest }) => ({ ...rest, server: (server ?? PUSHPLUS_SERVER).replace(/\/+$/, ''), timeoutMs: timeout }));

export type PushplusConfig = z.output<typeof pushplusConfigSchema>;

export function pushplusBody(notification: Notification, config: PushplusConfig): object {
  const { title, text } = robotMarkdown(notification);
  const titleChars = [...title];
  return {
    token: config.token,
    title: titleChars.length <= PUSHPLUS_TITLE_MAX_CHARS ? title : `${titleChars.slice(0, PUSHPLUS_TITLE_MAX_CHARS - 1).join('')}…`,
    content: truncateUtf8(text, PUSHPLUS_CONTENT_MAX_BYTES),
    template: 'markdown',
    ...(config.topic !== undefined ? { topic: config.topic } : {}),
    ...(config.channel !== undefined ? { channel: config.channel } : {}),
  };
}

export function createPushplusChannel(config: PushplusConfig, deps: ChannelDeps): Channel {
  const { clock } = deps;
  const timeoutMs = config.timeoutMs ?? deps.timeoutMs ?? DEFAULT_HTTP_TIMEOUT_MS;
  const secrets = [config.token, ...proxySecrets(config.proxy)];

  async function send(notification: Notification): Promise<SendResult> {
    let data: unknown;
    try {
      data = await postJson(`${config.server}/send`, pushplusBody(notification, config), { timeoutMs, proxy: config.proxy });
    } catch (error: unknown) {
      return classifyHttpError(error, { secrets, timeoutMs, nowMs: clock.nowMs(), hintFor: (status) => (status === 404 ? 'check channels.pushplus.server' : undefined) });
    }
    const reply = (data !== null && typeof data === 'object' ? data : {}) as { code?: unknown; msg?: unknown };
    if (reply.code === 200) return { ok: true };
    if (typeof reply.code !== 'number') {
      return { ok: false, retryable: false, error: 'reply is not from PushPlus (no code)', hint: 'check channels.pushplus.server' };
    }
    return pushplusFailure(reply.code, safeText(`PushPlus ${reply.code}: ${typeof reply.msg === 'string' ? reply.msg : 'no msg'}`, secrets), clock.nowMs());
  }

  return { name: 'pushplus', send, secrets: () => [...secrets] };
}

export function pushplusFailure(code: number, error: string, nowMs: number): SendFailure {
  switch (code) {
    case 500:
      return { ok: false, retryable: true, error };
    case 903:
    case 401:
    case 302:
      return { ok: false, retryable: false, error, hint: 'check channels.pushplus.token (pushplus.plus > 一对一推送 > your token)' };
    case 403:
      return { ok: false, retryable: false, error, hint: "this host's IP is not in the PushPlus account's IP allowlist (开放接口 > IP白名单): add it there" };
    case 900:
      return {
        ok: false,
        retryable: true,
        error,
        hint: 'PushPlus restricted this account (over 200 requests a day?): sending pauses until 00:00 Beijing time, queued alerts wait',
        pauseUntilMs: nextBeijingDayMs(nowMs),
      };
    case 905:
      return { ok: false, retryable: false, error, hint: 'PushPlus wants real-name verification (实名认证) of the account first' };
    case 888:
      return { ok: false, retryable: false, error, hint: 'the PushPlus account is out of credit (积分不足) for this channel' };
    default:
      return { ok: false, retryable: false, error };
  }
}
