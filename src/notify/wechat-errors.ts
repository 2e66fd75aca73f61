// What a WeChat API answer means for the outbox: retry, pause, or give up with a hint the user can act on.
// WeChat answers errors with HTTP 200 and {errcode, errmsg} in the body, so the HTTP status alone says nothing.
import { redactText } from '../config/redact.js';
import type { SendResult } from './channel.js';
import { nextBeijingDayMs } from './beijing-day.js';

export type SendFailure = Extract<SendResult, { ok: false }>;

/** The token was refused (40001 invalid, 40014 malformed, 42001 expired): fetch a new one and retry once. */
export const TOKEN_REJECTED_ERRCODES: ReadonlySet<number> = new Set([40001, 40014, 42001]);

export const ERRCODE_BUSY = -1;
export const ERRCODE_DAILY_QUOTA = 45009;
const ERRCODE_MINUTE_QUOTA = 45011;
const MINUTE_QUOTA_WAIT_MS = 60_000;

/** Which call answered: the same errcode can mean different things (40001 from the token endpoint is a bad secret). */
export type WechatCall = 'token' | 'send';

/** An errcode answer from the API, thrown by the token cache so that the channel classifies it like a send. */
export class WechatApiError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
    readonly call: WechatCall = 'send',
  ) {
    super(`WeChat errcode ${errcode}: ${errmsg}`);
    this.name = 'WechatApiError';
  }
}

/** No usable answer: timeout, refused connection, 5xx, unreadable body (retryable), or an HTTP 4xx (not). */
export class WechatHttpError extends Error {
  constructor(
    message: string,
    readonly retryable = true,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'WechatHttpError';
  }
}

const APP_SECRET_HINT = 'invalid AppSecret: check channels.wechat.appSecret (设置与开发 > 基本配置 > 开发者密码; reset it there if lost)';

const PERMANENT_HINTS: Record<number, (errmsg: string) => string> = {
  40013: () => 'invalid AppID: check channels.wechat.appId (设置与开发 > 基本配置 > 开发者ID)',
  40125: () => APP_SECRET_HINT,
  40164: (errmsg) => {
    const ip = /invalid ip ([0-9a-fA-F.:]+)/.exec(errmsg)?.[1];
    const which = ip ? `this server's IP ${ip}` : "this server's public IP";
    return `${which} is not in the account's IP whitelist: add it under 设置与开发 > 基本配置 > IP白名单`;
  },
  40003: () => "invalid openid: check channels.wechat.openIds (each receiver's openid for THIS account, not a WeChat ID)",
  40037: () => 'invalid template_id: check channels.wechat.templateId (模板消息 > 我的模板)',
  43004: () => 'the receiver does not follow the account: they must follow (关注) it first',
  47003: () => "template data invalid: check channels.wechat.fields match the template's keys (errmsg names the field)",
  48001: () => 'this account may not send template messages: use a verified 服务号 or the test account (接口测试号)',
};

/**
 * The daily quota resets at 00:00 China Standard Time (UTC+8, no daylight saving): WeChat's API_Call_Limits page
 * speaks of a daily limit (日调用上限) counted by the platform, whose day is Beijing time, not the server's local one.
 * A minute of margin covers clock skew and the platform's counters catching up.
 */
export function nextQuotaResetMs(nowMs: number): number {
  return nextBeijingDayMs(nowMs);
}

/** Classifies an errcode answer. `secrets` are scrubbed from errmsg (WeChat may echo the request). */
export function classifyErrcode(
  errcode: number,
  rawErrmsg: string,
  nowMs: number,
  secrets: readonly string[],
  call: WechatCall = 'send',
): SendFailure {
  const errmsg = redactText(rawErrmsg, secrets);
  const error = `WeChat errcode ${errcode}: ${errmsg}`;
  if (call === 'token' && errcode === 40001) {
    // GET /cgi-bin/token documents 40001 as "AppSecret wrong or not of this account".
    return { ok: false, retryable: false, error, hint: APP_SECRET_HINT };
  }
  if (errcode === ERRCODE_BUSY) return { ok: false, retryable: true, error: `${error} (system busy)` };
  if (errcode === ERRCODE_DAILY_QUOTA) {
    return {
      ok: false,
      retryable: true,
      error,
      hint: 'daily API quota reached: sending resumes after 00:00 Beijing time (or clear the quota in the 公众平台 接口权限 page)',
      pauseUntilMs: nextQuotaResetMs(nowMs),
    };
  }
  if (errcode === ERRCODE_MINUTE_QUOTA) {
    return { ok: false, retryable: true, error, retryAfterMs: MINUTE_QUOTA_WAIT_MS };
  }
  if (TOKEN_REJECTED_ERRCODES.has(errcode)) {
    // Reached only when a fresh token was refused too: the platform is in a bad state, not our config.
    return { ok: false, retryable: true, error: `${error} (refused a freshly fetched access token too)` };
  }
  const hint = PERMANENT_HINTS[errcode]?.(errmsg);
  return hint ? { ok: false, retryable: false, error, hint } : { ok: false, retryable: false, error };
}

/** Any thrown error from the token cache or a send: API errors by errcode, everything else as retryable. */
export function classifyError(e: unknown, nowMs: number, secrets: readonly string[]): SendFailure {
  if (e instanceof WechatApiError) return classifyErrcode(e.errcode, e.errmsg, nowMs, secrets, e.call);
  if (e instanceof WechatHttpError) {
    const failure: SendFailure = { ok: false, retryable: e.retryable, error: redactText(e.message, secrets) };
    return e.hint ? { ...failure, hint: e.hint } : failure;
  }
  const message = e instanceof Error ? e.message : String(e);
  return { ok: false, retryable: true, error: redactText(message, secrets) };
}

/**
 * Reads one HTTP answer of the API: HTTP 5xx, 429 or a body that is not JSON (a proxy's error page) are transport
 * errors; a nonzero errcode is an API error; otherwise the JSON body.
 */
export function readAnswer(status: number, data: unknown, call: WechatCall): Record<string, unknown> {
  if (status >= 500 || status === 429) throw new WechatHttpError(`WeChat API answered HTTP ${status}`);
  if (status < 200 || status >= 300) {
    throw new WechatHttpError(`WeChat API answered HTTP ${status}`, false, 'check channels.wechat.apiBase (normally https://api.weixin.qq.com)');
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new WechatHttpError(`WeChat API answered HTTP ${status} without a JSON body`);
  }
  const body = data as Record<string, unknown>;
  const errcode = typeof body.errcode === 'number' ? body.errcode : 0;
  if (errcode !== 0) throw new WechatApiError(errcode, typeof body.errmsg === 'string' ? body.errmsg : '', call);
  return body;
}

/** A failed request (no answer): names the cause without the URL, which carries the access token. */
export function transportError(e: unknown, timeoutMs: number): WechatHttpError {
  const code = e !== null && typeof e === 'object' && 'code' in e ? String((e as { code: unknown }).code) : '';
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || code === 'ERR_CANCELED') {
    return new WechatHttpError(`WeChat API did not answer within ${timeoutMs / 1000}s`);
  }
  const message = e instanceof Error ? e.message : String(e);
  return new WechatHttpError(`WeChat API unreachable: ${code && !message.includes(code) ? `${code} ` : ''}${message}`);
}
