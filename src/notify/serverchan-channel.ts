// channels.serverchan: ServerChan (Server酱) Turbo or ServerChan³, which forward to WeChat or an app. POST
// {server}/<sendkey>.send with JSON {title, desp (markdown)}; the reply is {code: 0, message: "", data: {pushid,
// readkey, error: "SUCCESS", errno: 0}} when sent. Errors come as {code, message: "[KIND]reason", info}, with HTTP
// 200 or 400: 40001 "[AUTH]用户不存在或者权限不足" (wrong SendKey), 40001 "[AUTH]超过当天的发送次数限制[5]" (the daily
// quota: 5 on Turbo's free plan; the channel pauses until it resets at 00:00 Beijing time, nothing is dropped),
// 20001 "[INPUT]title 不能为空" (a request we made badly). The old sc.ftqq.com API's {errno: 1024, errmsg: "bad
// pushtoken"} is read too, for relays that still speak it.
import { z } from 'zod';
import { GOT } from '../config/zod-issues.js';
import type { Channel, ChannelDeps, Notification, SendResult } from './channel.js';
import {
  classifyHttpError,
  DEFAULT_HTTP_TIMEOUT_MS,
  httpTimeoutField,
  httpUrlField,
  errorReplyBody,
  postJson,
  proxyField,
  proxySecrets,
  safeText,
  truncateUtf8,
  type SendFailure,
} from './http-kit.js';
import { nextBeijingDayMs } from './beijing-day.js';
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
      // Turbo answers some errors (the quota, a wrong key) with HTTP 400 and its usual JSON: read it like a 200's.
      const reply = errorReplyBody(error);
      if (replyCode(reply) !== undefined) return classifyReply(reply);
      return classifyHttpError(error, { secrets, timeoutMs, nowMs: clock.nowMs(), hintFor: (status) => (status === 404 ? 'check channels.serverchan.server' : undefined) });
    }
    return classifyReply(data);
  }

  function classifyReply(data: unknown): SendResult {
    const code = replyCode(data);
    if (code === 0) return { ok: true };
    if (code === undefined) return { ok: false, retryable: false, error: 'reply is not from ServerChan (no code)', hint: 'check channels.serverchan.server' };
    const reply = data as { message?: unknown; errmsg?: unknown };
    const text = [reply.message, reply.errmsg].find((m): m is string => typeof m === 'string' && m !== '') ?? 'no message';
    return serverchanFailure(code, text, safeText(`ServerChan ${code}: ${text}`, secrets), clock.nowMs());
  }

  return { name: 'serverchan', send, secrets: () => [...secrets] };
}

/** Turbo's `code`, or `errno` of the old API; undefined when neither is a number. */
function replyCode(data: unknown): number | undefined {
  if (data === null || typeof data !== 'object') return undefined;
  const { code, errno } = data as { code?: unknown; errno?: unknown };
  if (typeof code === 'number') return code;
  return typeof errno === 'number' ? errno : undefined;
}

/** ServerChan's codes are coarse (40001 is both a wrong key and the quota): the message says which. */
export function serverchanFailure(code: number, message: string, error: string, nowMs: number): SendFailure {
  if (/次数|limit|quota/i.test(message)) {
    return {
      ok: false,
      retryable: true,
      error,
      hint: "ServerChan's daily quota is used up (5 a day on Turbo's free plan): sending resumes after 00:00 Beijing time",
      pauseUntilMs: nextBeijingDayMs(nowMs),
    };
  }
  if (/用户不存在|权限不足|pushtoken|sendkey|key|token/i.test(message)) {
    return { ok: false, retryable: false, error, hint: 'check channels.serverchan.sendKey (sct.ftqq.com > SendKey; a key starts with SCT or sctp)' };
  }
  // [INPUT] errors (20001) are a request we built badly: retrying repeats it.
  return { ok: false, retryable: code >= 500 && code < 600, error };
}
