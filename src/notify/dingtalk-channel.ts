// channels.dingtalk: a DingTalk (钉钉) group robot. POST {msgtype: markdown} to the robot's webhook address (with its
// access_token); with 加签 (signing) on, timestamp and sign are added to the URL. The reply is HTTP 200 with
// {errcode, errmsg} whether it worked or not. DingTalk allows 20 messages a minute per robot (more: errcode 130101
// and a 10-minute block), so the channel holds the 21st locally.
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../clock.js';
import { urlSecrets } from '../config/redact.js';
import { GOT } from '../config/zod-issues.js';
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
  shortRobotMessage,
  SlidingWindowLimiter,
  takeRateSlot,
  truncateUtf8,
  type SendFailure,
} from './http-kit.js';
import { robotMarkdown } from './notification-text.js';

export const DINGTALK_MAX_PER_WINDOW = 20;
export const DINGTALK_WINDOW_MS = 60_000;
/** After 130101 (too fast) DingTalk blocks the robot for 10 minutes. */
export const DINGTALK_FREQ_LIMIT_RETRY_MS = 600_000;
/** Markdown text budget, in UTF-8 bytes (DingTalk refuses content over 20000 bytes). */
export const DINGTALK_MARKDOWN_MAX_BYTES = 20_000;

export const dingtalkConfigSchema = z
  .strictObject({
    /** The robot's webhook address as DingTalk shows it: https://oapi.dingtalk.com/robot/send?access_token=… (secret). */
    webhook: httpUrlField("the robot's webhook address, https://oapi.dingtalk.com/robot/send?access_token=…").refine(
      // A value that is not a URL at all is reported by the field itself: this check neither throws nor repeats it.
      (url) => !URL.canParse(url) || new URL(url).searchParams.get('access_token') !== null,
      { error: `must contain the robot's access_token= (copy the whole webhook address from DingTalk), ${GOT}` },
    ),
    /** The SEC… string of 加签 (Additional Signature), when the robot signs. Secret. */
    secret: z.string().min(1).optional(),
    /** The robot's security keyword (自定义关键词), when it filters by keyword: put into every message. */
    keyword: z.string().min(1).optional(),
    /**
     * Whom to @: group members by mobile number or DingTalk user id, or everyone. Markdown messages notify a mobile
     * or user id only when the text says @<it>, so the channel adds that line.
     */
    at: z
      .strictObject({
        mobiles: z.array(z.string().regex(/^\+?\d[\d-]{4,19}$/, { error: `must be a mobile number such as "13800000000", ${GOT}` })).optional(),
        userIds: z.array(z.string().regex(/^[\w.@-]+$/, { error: `must be a DingTalk user id (letters, digits, _ . @ -), ${GOT}` })).optional(),
        all: z.boolean().optional(),
      })
      .optional(),
    /** Per-attempt timeout. @default 10s */
    timeout: httpTimeoutField,
    /** Send through this proxy (http://, https:// or socks5://). @default direct */
    proxy: proxyField,
  })
  .transform(({ timeout, ...rest }) => ({ ...rest, timeoutMs: timeout }));

export type DingtalkConfig = z.output<typeof dingtalkConfigSchema>;

/** DingTalk's documented signature: base64(HMAC-SHA256(key = secret, message = timestamp + "\n" + secret)). */
export function dingtalkSign(timestampMs: number, secret: string): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}

/** The webhook address with timestamp and sign (URL-encoded, as base64 has + / =) when a secret is set. */
export function signedWebhook(webhook: string, secret: string | undefined, nowMs: number): string {
  if (secret === undefined) return webhook;
  const url = new URL(webhook);
  url.searchParams.set('timestamp', String(nowMs));
  url.searchParams.set('sign', dingtalkSign(nowMs, secret));
  return url.toString();
}

export function dingtalkBody(notification: Notification, keyword: string | undefined, at?: DingtalkConfig['at']): object {
  const { title, text } = robotMarkdown(notification);
  // The keyword filter looks at the whole message: a line with the keyword is enough.
  const keywordLine = keyword !== undefined && !text.includes(keyword) && !title.includes(keyword) ? `\n\n${keyword}` : '';
  // DingTalk notifies a mobile or user id of a markdown message only when the text @s it; kept whole when text is cut.
  const mentioned = [...(at?.mobiles ?? []), ...(at?.userIds ?? [])];
  const mentionLine = mentioned.length > 0 ? `\n\n${mentioned.map((id) => `@${id}`).join(' ')}` : '';
  const suffix = mentionLine + keywordLine;
  const budgetBytes = DINGTALK_MARKDOWN_MAX_BYTES - Buffer.byteLength(suffix);
  return {
    msgtype: 'markdown',
    markdown: { title, text: truncateUtf8(text, budgetBytes) + suffix },
    ...(at ? { at: { atMobiles: at.mobiles ?? [], atUserIds: at.userIds ?? [], isAtAll: at.all ?? false } } : {}),
  };
}

export function createDingtalkChannel(config: DingtalkConfig, deps: ChannelDeps): Channel {
  const clock: Clock = deps.clock;
  const timeoutMs = config.timeoutMs ?? deps.timeoutMs ?? DEFAULT_HTTP_TIMEOUT_MS;
  const limiter = new SlidingWindowLimiter(DINGTALK_MAX_PER_WINDOW, DINGTALK_WINDOW_MS);
  const secrets = [...(config.secret !== undefined ? [config.secret] : []), ...urlSecrets(config.webhook), ...proxySecrets(config.proxy)];

  async function send(notification: Notification): Promise<SendResult> {
    const limited = takeRateSlot(limiter, clock.monoMs(), `${DINGTALK_MAX_PER_WINDOW}/min`);
    if (limited) return limited;
    // The timestamp is wall time on purpose: DingTalk compares it with its own clock (1 hour either way).
    const url = signedWebhook(config.webhook, config.secret, clock.nowMs());
    // A signature is valid for an hour: it is cut out of any echo of the request like the secret itself.
    const requestSecrets = [...secrets, ...urlSecrets(url)];
    try {
      return classifyReply(await postJson(url, dingtalkBody(notification, config.keyword, config.at), { timeoutMs, proxy: config.proxy }), requestSecrets);
    } catch (error: unknown) {
      return classifyHttpError(error, {
        secrets: requestSecrets,
        timeoutMs,
        nowMs: clock.nowMs(),
        hintFor: (status) => (status === 404 ? 'check channels.dingtalk.webhook' : undefined),
      });
    }
  }

  function classifyReply(data: unknown, requestSecrets: readonly string[]): SendResult {
    const reply = (data !== null && typeof data === 'object' ? data : {}) as { errcode?: unknown; errmsg?: unknown };
    const errcode = typeof reply.errcode === 'number' ? reply.errcode : undefined;
    if (errcode === 0) return { ok: true };
    if (errcode === undefined) {
      return { ok: false, retryable: false, error: 'reply is not from a DingTalk robot (no errcode)', hint: 'check channels.dingtalk.webhook' };
    }
    const errmsg = shortRobotMessage(reply.errmsg);
    return dingtalkFailure(errcode, errmsg, safeText(`DingTalk errcode ${errcode}: ${errmsg}`, requestSecrets), config);
  }

  return { name: 'dingtalk', send, secrets: () => [...secrets] };
}

/** What each errcode means for the outbox; unknown codes are permanent (the message itself was refused). */
function dingtalkFailure(errcode: number, errmsg: string, error: string, config: DingtalkConfig): SendFailure {
  switch (errcode) {
    case 130101:
      return { ok: false, retryable: true, retryAfterMs: DINGTALK_FREQ_LIMIT_RETRY_MS, error };
    case -1:
      return { ok: false, retryable: true, error };
    case 300001:
    case 400101:
      return { ok: false, retryable: false, error, hint: 'check the access_token in channels.dingtalk.webhook (copy the whole address from the robot settings)' };
    case 310000:
      return { ok: false, retryable: false, error, hint: securityHint(errmsg, config) };
    default:
      return { ok: false, retryable: false, error };
  }
}

/** 310000 is any of the robot's three security settings; errmsg says which one refused. */
function securityHint(errmsg: string, config: DingtalkConfig): string {
  if (/keyword/i.test(errmsg)) {
    return config.keyword === undefined
      ? "the robot's security keyword must appear in the message: add it to channels.dingtalk.keyword"
      : `the robot's security keyword must appear in the message: channels.dingtalk.keyword (${JSON.stringify(config.keyword)}) is not one of the robot's keywords`;
  }
  if (/sign|timestamp/i.test(errmsg)) {
    return config.secret === undefined
      ? 'the robot signs messages (加签): set channels.dingtalk.secret to its SEC… string'
      : "signature mismatch: check channels.dingtalk.secret (the robot's SEC… string) and this host's clock (DingTalk allows 1 hour off)";
  }
  if (/ip/i.test(errmsg)) return "this host's public IP is not in the robot's IP allowlist (IP地址(段)): add it there";
  return "check the robot's security settings (keyword, 加签 secret, IP allowlist) against channels.dingtalk";
}
