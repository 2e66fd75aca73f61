// WeCom (企业微信) group robot: POST {msgtype, text|markdown} to .../webhook/send?key=<key>; the reply is HTTP 200
// with {errcode, errmsg} whether it worked or not. WeCom allows 20 messages a minute per robot and answers more
// with 45009, so the channel counts its own sends and holds the 21st locally instead of burning a request on it.
import type { Clock } from '../clock.js';
import type { Channel, ChannelDeps, Notification, SendResult } from './channel.js';
import {
  classifyHttpError,
  DEFAULT_HTTP_TIMEOUT_MS,
  postJson,
  proxySecrets,
  safeText,
  SlidingWindowLimiter,
  takeRateSlot,
  truncateUtf8,
  type SendFailure,
} from './http-kit.js';
import { markdownBody, subjectOf, textBody } from './notification-text.js';
import type { WecomConfig } from './wecom-config.js';

/** WeCom's documented limits on `content`, in UTF-8 bytes. */
export const WECOM_TEXT_MAX_BYTES = 2048;
export const WECOM_MARKDOWN_MAX_BYTES = 4096;
/** WeCom's documented rate limit per robot. */
export const WECOM_MAX_PER_WINDOW = 20;
export const WECOM_WINDOW_MS = 60_000;
/** How long to wait after a 45009 (frequency limit): the rest of WeCom's one-minute window at most. */
export const WECOM_FREQ_LIMIT_RETRY_MS = 60_000;

type WecomBody =
  | { msgtype: 'text'; text: { content: string; mentioned_list?: string[]; mentioned_mobile_list?: string[] } }
  | { msgtype: 'markdown'; markdown: { content: string } };

interface WecomReply {
  errcode?: unknown;
  errmsg?: unknown;
}

export class WecomChannel implements Channel {
  readonly name = 'wecom';
  readonly #config: WecomConfig;
  readonly #clock: Clock;
  readonly #timeoutMs: number;
  readonly #limiter: SlidingWindowLimiter;

  constructor(config: WecomConfig, deps: ChannelDeps) {
    this.#config = config;
    this.#clock = deps.clock;
    this.#timeoutMs = config.timeoutMs ?? deps.timeoutMs ?? DEFAULT_HTTP_TIMEOUT_MS;
    this.#limiter = new SlidingWindowLimiter(WECOM_MAX_PER_WINDOW, WECOM_WINDOW_MS);
  }

  async send(notification: Notification): Promise<SendResult> {
    // The window is measured on the monotonic clock: a wall-clock step back must not hold messages for its size.
    const limited = takeRateSlot(this.#limiter, this.#clock.monoMs(), `${WECOM_MAX_PER_WINDOW}/min`);
    if (limited) return limited;
    try {
      return this.#classifyReply(await postJson(this.#sendUrl(), wecomBody(notification, this.#config), { timeoutMs: this.#timeoutMs, proxy: this.#config.proxy }));
    } catch (error: unknown) {
      return classifyHttpError(error, {
        secrets: this.secrets(),
        timeoutMs: this.#timeoutMs,
        nowMs: this.#clock.nowMs(),
        hintFor: (status) => (status === 404 ? 'check channels.wecom.url' : undefined),
      });
    }
  }

  secrets(): string[] {
    return [this.#config.key, ...proxySecrets(this.#config.proxy)];
  }

  #sendUrl(): string {
    const url = new URL(this.#config.url);
    url.searchParams.set('key', this.#config.key);
    return url.toString();
  }

  #classifyReply(data: unknown): SendResult {
    const reply: WecomReply = data !== null && typeof data === 'object' ? data : {};
    const errcode = typeof reply.errcode === 'number' ? reply.errcode : undefined;
    if (errcode === 0) return { ok: true };
    if (errcode === undefined) {
      // A 200 without errcode is not a WeCom robot answering (a portal, a proxy, a wrong url): retrying won't help.
      return { ok: false, retryable: false, error: 'reply is not from a WeCom robot (no errcode)', hint: 'check channels.wecom.url' };
    }
    const error = safeText(`WeCom errcode ${errcode}: ${shortErrmsg(reply.errmsg)}`, this.secrets());
    return wecomFailure(errcode, error);
  }
}

/** What each WeCom errcode means for the outbox; unknown codes are permanent (the message itself was refused). */
function wecomFailure(errcode: number, error: string): SendFailure {
  switch (errcode) {
    case 45009:
      return { ok: false, retryable: true, retryAfterMs: WECOM_FREQ_LIMIT_RETRY_MS, error };
    case 93000:
      return { ok: false, retryable: false, error, hint: 'check channels.wecom.key (the key= of the robot webhook address)' };
    case -1:
      return { ok: false, retryable: true, error };
    default:
      return { ok: false, retryable: false, error };
  }
}

/** "invalid webhook url, hint: [...], from ip: ..., more info at ..." -> "invalid webhook url". */
function shortErrmsg(errmsg: unknown): string {
  if (typeof errmsg !== 'string' || errmsg === '') return 'no errmsg';
  return errmsg.replace(/,?\s*hint:[\s\S]*$/, '').trim() || errmsg;
}

/** The request body, content cut to WeCom's byte limit with room kept for the mentions. */
export function wecomBody(notification: Notification, config: Pick<WecomConfig, 'msgtype' | 'mentions' | 'mentionMobiles'>): WecomBody {
  if (config.msgtype === 'text') {
    const text: Extract<WecomBody, { msgtype: 'text' }>['text'] = {
      // A group chat has no subject line: it becomes the first line of the message.
      content: truncateUtf8(`${subjectOf(notification)}\n${textBody(notification).trimEnd()}`, WECOM_TEXT_MAX_BYTES),
    };
    if (config.mentions.length > 0) text.mentioned_list = [...config.mentions];
    if (config.mentionMobiles.length > 0) text.mentioned_mobile_list = [...config.mentionMobiles];
    return { msgtype: 'text', text };
  }
  // Markdown has no mentioned_list: WeCom reads <@userid> inside the content.
  const mentions = config.mentions.map((userid) => `<@${userid}>`).join(' ');
  const suffix = mentions ? `\n${mentions}` : '';
  const budgetBytes = WECOM_MARKDOWN_MAX_BYTES - Buffer.byteLength(suffix);
  return { msgtype: 'markdown', markdown: { content: truncateUtf8(markdownBody(notification), budgetBytes) + suffix } };
}

export const createWecomChannel = (config: WecomConfig, deps: ChannelDeps): Channel => new WecomChannel(config, deps);
