// channels.feishu: a Feishu / Lark custom bot (自定义机器人). POST an interactive card (title + lark_md text) to the
// bot's webhook address, .../open-apis/bot/v2/hook/<token>; with signature verification (签名校验) on, timestamp
// (seconds) and sign go in the body. The reply carries a `code` (0: sent), with HTTP 200 or, for a malformed
// request, 400. Feishu allows 5 messages a second and 100 a minute per bot (more: code 11232).
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { urlSecrets } from '../config/redact.js';
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
  RateLimits,
  safeText,
  shortRobotMessage,
  takeRateSlot,
  truncateUtf8,
  type SendFailure,
} from './http-kit.js';
import { robotMarkdown } from './notification-text.js';

export const FEISHU_LIMITS = [
  { max: 5, windowMs: 1000 },
  { max: 100, windowMs: 60_000 },
] as const;
/** After 11232 (frequency limited) another sender shares the bot: wait out the minute window. */
export const FEISHU_FREQ_LIMIT_RETRY_MS = 60_000;
/** Card text budget in UTF-8 bytes: Feishu refuses a request body over 20 KB; the rest is for title and JSON. */
export const FEISHU_TEXT_MAX_BYTES = 18_000;

export const feishuConfigSchema = z
  .strictObject({
    /** The bot's webhook address: https://open.feishu.cn/open-apis/bot/v2/hook/<token> (Lark: open.larksuite.com). Secret. */
    webhook: httpUrlField("the bot's webhook address, https://open.feishu.cn/open-apis/bot/v2/hook/…"),
    /** The signing secret of 签名校验 (signature verification), when it is on. Secret. */
    secret: z.string().min(1).optional(),
    /** The bot's custom keyword (自定义关键词), when it filters by keyword: put into every message. */
    keyword: z.string().min(1).optional(),
    /**
     * Whom to @ in the card: members by open_id (ou_…) or user_id, or everyone (all). Written into the card text as
     * Feishu's card markdown says: <at id=ou_…></at>, <at id=all></at>.
     */
    at: z
      .strictObject({
        userIds: z.array(z.string().regex(/^[\w-]+$/, { error: `must be an open_id (ou_…) or user_id, ${GOT}` })).optional(),
        all: z.boolean().optional(),
      })
      .optional(),
    /** Per-attempt timeout. @default 10s */
    timeout: httpTimeoutField,
    /** Send through this proxy (http://, https:// or socks5://). @default direct */
    proxy: proxyField,
  })
  .transform(({ timeout, ...rest }) => ({ ...rest, timeoutMs: timeout }));

export type FeishuConfig = z.output<typeof feishuConfigSchema>;

/** Feishu's documented signature: base64(HMAC-SHA256(key = timestamp + "\n" + secret, message = empty)). */
export function feishuSign(timestampSeconds: number, secret: string): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');
}

function cardTemplate(notification: Notification): string {
  if (notification.event.state === 'resolved') return 'green';
  return notification.event.severity === 'critical' ? 'red' : 'orange';
}

/** The @ line of the card: `<at id=ou_1></at> <at id=all></at>`, or "" when nobody is to be mentioned. */
export function feishuMentions(at: FeishuConfig['at']): string {
  const ids = [...(at?.userIds ?? []), ...(at?.all === true ? ['all'] : [])];
  return ids.map((id) => `<at id=${id}></at>`).join(' ');
}

export function feishuBody(notification: Notification, config: Pick<FeishuConfig, 'secret' | 'keyword' | 'at'>, nowMs: number): object {
  const { title, text } = robotMarkdown(notification);
  const mentions = feishuMentions(config.at);
  // Mentions and keyword are kept whole when the text is cut.
  const suffix =
    (mentions ? `\n\n${mentions}` : '') +
    (config.keyword !== undefined && !text.includes(config.keyword) && !title.includes(config.keyword) ? `\n\n${config.keyword}` : '');
  const card = {
    header: { title: { tag: 'plain_text', content: title }, template: cardTemplate(notification) },
    elements: [{ tag: 'div', text: { tag: 'lark_md', content: truncateUtf8(text, FEISHU_TEXT_MAX_BYTES - Buffer.byteLength(suffix)) + suffix } }],
  };
  if (config.secret === undefined) return { msg_type: 'interactive', card };
  // Wall time on purpose: Feishu compares it with its own clock (1 hour either way).
  const timestamp = Math.floor(nowMs / 1000);
  return { timestamp: String(timestamp), sign: feishuSign(timestamp, config.secret), msg_type: 'interactive', card };
}

export function createFeishuChannel(config: FeishuConfig, deps: ChannelDeps): Channel {
  const { clock } = deps;
  const timeoutMs = config.timeoutMs ?? deps.timeoutMs ?? DEFAULT_HTTP_TIMEOUT_MS;
  const limits = new RateLimits(FEISHU_LIMITS);
  const secrets = [...(config.secret !== undefined ? [config.secret] : []), ...urlSecrets(config.webhook), ...proxySecrets(config.proxy)];

  async function send(notification: Notification): Promise<SendResult> {
    const limited = takeRateSlot(limits, clock.monoMs(), '5/s, 100/min');
    if (limited) return limited;
    const body = feishuBody(notification, config, clock.nowMs());
    // A signature is valid for an hour: it is cut out of any echo of the request like the secret itself.
    const requestSecrets = 'sign' in body && typeof body.sign === 'string' ? [...secrets, body.sign] : secrets;
    try {
      return classifyReply(await postJson(config.webhook, body, { timeoutMs, proxy: config.proxy }), requestSecrets);
    } catch (error: unknown) {
      // A 400 still says why in Feishu's JSON (9499 Bad Request, 19001 bad token): read it like a 200's.
      const reply = errorReplyBody(error);
      if (codeOf(reply) !== undefined) return classifyReply(reply, requestSecrets);
      return classifyHttpError(error, {
        secrets: requestSecrets,
        timeoutMs,
        nowMs: clock.nowMs(),
        hintFor: (status) => (status === 404 ? 'check channels.feishu.webhook' : undefined),
      });
    }
  }

  function classifyReply(data: unknown, requestSecrets: readonly string[]): SendResult {
    const code = codeOf(data);
    if (code === 0) return { ok: true };
    if (code === undefined) {
      return { ok: false, retryable: false, error: 'reply is not from a Feishu bot (no code)', hint: 'check channels.feishu.webhook' };
    }
    const reply = data as { msg?: unknown; StatusMessage?: unknown };
    const message = shortRobotMessage(reply.msg ?? reply.StatusMessage);
    return feishuFailure(code, safeText(`Feishu code ${code}: ${message}`, requestSecrets), config);
  }

  return { name: 'feishu', send, secrets: () => [...secrets] };
}

/** `code`, or `StatusCode` in the older reply format; undefined when neither is a number. */
function codeOf(data: unknown): number | undefined {
  if (data === null || typeof data !== 'object') return undefined;
  const { code, StatusCode } = data as { code?: unknown; StatusCode?: unknown };
  if (typeof code === 'number') return code;
  return typeof StatusCode === 'number' ? StatusCode : undefined;
}

/** What each code means for the outbox; unknown codes are permanent (the message itself was refused). */
function feishuFailure(code: number, error: string, config: FeishuConfig): SendFailure {
  switch (code) {
    case 11232:
      return { ok: false, retryable: true, retryAfterMs: FEISHU_FREQ_LIMIT_RETRY_MS, error };
    case 19001:
      return { ok: false, retryable: false, error, hint: 'check the token at the end of channels.feishu.webhook (copy the whole address from the bot settings)' };
    case 19021:
      return {
        ok: false,
        retryable: false,
        error,
        hint:
          config.secret === undefined
            ? 'the bot verifies signatures (签名校验): set channels.feishu.secret'
            : "signature mismatch: check channels.feishu.secret and this host's clock (Feishu allows 1 hour off)",
      };
    case 19022:
      return { ok: false, retryable: false, error, hint: "this host's public IP is not in the bot's IP allowlist: add it there" };
    case 19024:
      return {
        ok: false,
        retryable: false,
        error,
        hint:
          config.keyword === undefined
            ? "the bot's custom keyword must appear in the message: add it to channels.feishu.keyword"
            : `the bot's custom keyword must appear in the message: channels.feishu.keyword (${JSON.stringify(config.keyword)}) is not one of the bot's keywords`,
      };
    case 9499:
      return { ok: false, retryable: false, error, hint: 'Feishu refused the request: check channels.feishu.webhook is a custom bot (自定义机器人) address' };
    default:
      return { ok: false, retryable: false, error };
  }
}
