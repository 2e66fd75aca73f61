// WeChat Official Account channel: one template message per receiver (openid), over the HTTP API directly.
// (The Python script this replaces called wechatpy's `client.message.sent_template`, which does not exist.)
import { createHash } from 'node:crypto';
import axios, { type AxiosInstance } from 'axios';
import { formatEvidenceLines } from '../alerts/evidence-text.js';
import type { Channel, ChannelDeps, Notification, SendResult } from './channel.js';
import { proxySecrets } from './http-kit.js';
import { proxyAgent } from './proxy-agent.js';
import type { WechatConfig } from './wechat-config.js';
import {
  classifyError,
  readAnswer,
  TOKEN_REJECTED_ERRCODES,
  transportError,
  WechatApiError,
  type SendFailure,
} from './wechat-errors.js';
import { TokenCache } from './wechat-token.js';

/**
 * Length limits of template values by key prefix (thing1 -> "thing"), in characters. WeChat refuses a message whose
 * value is too long (47003), so we shorten it instead of losing the alert.
 */
const FIELD_LIMITS: [prefix: string, maxChars: number][] = [
  ['thing', 20],
  ['character_string', 32],
];
/** Plain keys ({{msg.DATA}}) have no documented limit; long texts get cut on phones anyway. */
const DEFAULT_MAX_CHARS = 200;
/** Notifications whose receivers partly succeeded, remembered so that a retry skips those receivers. */
const MAX_REMEMBERED_NOTIFICATIONS = 1000;

const TEST_MARKERS = { 'zh-CN': '【测试】', en: '[TEST] ' } as const;

/** "2026-01-01 08:00:00" in the server's local time zone. */
export function formatLocalTime(timeMs: number): string {
  const d = new Date(timeMs);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

/** Shortens `text` to the limit of the template key it goes into, ending with an ellipsis when cut. */
export function fitField(key: string, text: string): string {
  const maxChars = FIELD_LIMITS.find(([prefix]) => key.startsWith(prefix))?.[1] ?? DEFAULT_MAX_CHARS;
  const chars = Array.from(text); // code points, so a cut never splits an emoji or a surrogate pair
  return chars.length <= maxChars ? text : `${chars.slice(0, maxChars - 1).join('')}…`;
}

/**
 * WeChat's de-duplication key (防重入id) for one notification to one receiver: stable across retries and restarts, so
 * a resend after a crash is shown once. Hashed because ids can be long; 32 hex chars stay well under the 64-byte limit.
 */
export function clientMsgId(notificationId: string, openId: string): string {
  return createHash('sha256').update(`${notificationId}\n${openId}`).digest('hex').slice(0, 32);
}

interface TemplateValue {
  value: string;
  color?: string;
}

/** The `data` of the template message: our msg, time and optional host fields under the template's keys. */
export function templateData(config: WechatConfig, notification: Notification): Record<string, TemplateValue> {
  const { fields, color } = config;
  const { event, host, locale } = notification;
  const alreadyMarked = /测试|\[TEST\]/.test(event.message);
  const marker = event.test && !alreadyMarked ? TEST_MARKERS[locale] : '';
  // The evidence follows the message on the same field, as far as the field's limit lets it (fitField cuts the rest).
  const evidence = formatEvidenceLines(event, locale).join(locale === 'zh-CN' ? '；' : '; ');
  const msg = `${fields.host ? '' : `${host}: `}${marker}${event.message}${evidence ? (locale === 'zh-CN' ? '；' : '; ') + evidence : ''}`;
  const entries: [string, string][] = [
    [fields.msg, msg],
    [fields.time, formatLocalTime(event.timeMs)],
  ];
  if (fields.host) entries.push([fields.host, host]);
  return Object.fromEntries(
    entries.map(([key, text]) => [key, color ? { value: fitField(key, text), color } : { value: fitField(key, text) }]),
  );
}

/** The outcome for one receiver; `stop` ends this attempt for the remaining receivers (they would fail alike). */
type ReceiverOutcome = { ok: true } | { ok: false; failure: SendFailure; stop: boolean };

export function createWechatChannel(config: WechatConfig, deps: ChannelDeps): Channel {
  const timeoutMs = config.timeoutMs;
  // validateStatus: WeChat reports errors in the body of HTTP 200; readAnswer looks at status and body together.
  const agent = config.proxy === undefined ? undefined : proxyAgent(config.proxy);
  const http: AxiosInstance = axios.create({
    baseURL: config.apiBase,
    timeout: timeoutMs,
    validateStatus: () => true,
    maxRedirects: 0,
    transitional: { clarifyTimeoutError: true },
    ...(config.proxy === undefined ? {} : { httpAgent: agent, httpsAgent: agent, proxy: false as const }),
  });
  const tokens = new TokenCache(http, { ...config, timeoutMs }, deps.clock);
  /** notification id -> openids that already accepted it. */
  const delivered = new Map<string, Set<string>>();
  const secrets = () => [config.appSecret, ...tokens.tokens(), ...proxySecrets(config.proxy)];

  async function post(token: string, body: object): Promise<void> {
    let status: number;
    let data: unknown;
    try {
      const response = await http.post('/cgi-bin/message/template/send', body, { params: { access_token: token } });
      status = response.status;
      data = response.data;
    } catch (e: unknown) {
      throw transportError(e, timeoutMs);
    }
    readAnswer(status, data, 'send');
  }

  const fail = (e: unknown, stop: boolean): ReceiverOutcome => ({
    ok: false,
    failure: classifyError(e, deps.clock.nowMs(), secrets()),
    stop,
  });

  /** Sends to one receiver; a refused token is replaced and the send retried, once per notification attempt. */
  async function sendTo(openId: string, body: object, attempt: { tokenRefreshed: boolean }): Promise<ReceiverOutcome> {
    let token: string;
    try {
      token = await tokens.get();
    } catch (e: unknown) {
      return fail(e, true); // no token, no send to anyone
    }
    try {
      await post(token, { ...body, touser: openId });
      return { ok: true };
    } catch (e: unknown) {
      const tokenRefused = e instanceof WechatApiError && TOKEN_REJECTED_ERRCODES.has(e.errcode);
      if (!tokenRefused) return fail(e, isRetryable(e));
      if (attempt.tokenRefreshed) return fail(e, true); // a fresh token was refused too: the cap, not a loop
      attempt.tokenRefreshed = true;
      tokens.invalidate(token);
      return sendTo(openId, body, attempt);
    }
  }

  function isRetryable(e: unknown): boolean {
    return classifyError(e, deps.clock.nowMs(), []).retryable;
  }

  function remember(id: string, done: Set<string>): void {
    delivered.delete(id); // re-insert: Map order is the eviction order
    delivered.set(id, done);
    while (delivered.size > MAX_REMEMBERED_NOTIFICATIONS) {
      const oldest = delivered.keys().next().value;
      if (oldest === undefined) break;
      delivered.delete(oldest);
    }
  }

  async function send(notification: Notification): Promise<SendResult> {
    const done = delivered.get(notification.id) ?? new Set<string>();
    const base = {
      template_id: config.templateId,
      ...(config.url ? { url: config.url } : {}),
      data: templateData(config, notification),
    };
    const failures: { openId: string; failure: SendFailure }[] = [];
    const attempt = { tokenRefreshed: false };
    for (const openId of config.openIds) {
      if (done.has(openId)) continue;
      const outcome = await sendTo(openId, { ...base, client_msg_id: clientMsgId(notification.id, openId) }, attempt);
      if (outcome.ok) {
        done.add(openId);
        continue;
      }
      failures.push({ openId, failure: outcome.failure });
      if (outcome.stop) break;
    }
    if (failures.length === 0) {
      delivered.delete(notification.id);
      return { ok: true };
    }
    if (done.size > 0) remember(notification.id, done);
    return combine(failures, done.size, config.openIds.length);
  }

  return { name: 'wechat', send, secrets };
}

/** One result for the notification: retryable if any receiver may still succeed; errors and hints joined. */
function combine(failures: { openId: string; failure: SendFailure }[], doneCount: number, receiverCount: number): SendFailure {
  const [only] = failures;
  if (receiverCount === 1 && only) return only.failure;
  const error = failures.map(({ openId, failure }) => `openid ${openId}: ${failure.error}`).join('; ');
  const hints = [...new Set(failures.map(({ failure }) => failure.hint).filter((h): h is string => Boolean(h)))];
  const pauses = failures.map(({ failure }) => failure.pauseUntilMs).filter((ms): ms is number => ms !== undefined);
  const waits = failures.map(({ failure }) => failure.retryAfterMs).filter((ms): ms is number => ms !== undefined);
  const result: SendFailure = {
    ok: false,
    retryable: failures.some(({ failure }) => failure.retryable),
    error: `${error} (${doneCount} of ${receiverCount} receivers got it)`,
  };
  if (hints.length > 0) result.hint = hints.join('; ');
  if (pauses.length > 0) result.pauseUntilMs = Math.max(...pauses);
  if (waits.length > 0) result.retryAfterMs = Math.max(...waits);
  return result;
}
