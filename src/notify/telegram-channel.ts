// channels.telegram: a Telegram bot posting to a chat. POST {apiUrl}/bot<token>/sendMessage with HTML text; the
// reply is {ok: true} or {ok: false, error_code, description, parameters.retry_after} with the HTTP status set to
// error_code. Telegram allows about one message a second to a chat and 20 a minute to a group; the channel holds
// more locally and honours retry_after.
import escapeHtml from 'escape-html';
import { z } from 'zod';
import { GOT } from '../config/zod-issues.js';
import type { Channel, ChannelDeps, Notification, SendResult } from './channel.js';
import {
  classifyHttpError,
  DEFAULT_HTTP_TIMEOUT_MS,
  errorReplyBody,
  httpTimeoutField,
  httpUrlField,
  MAX_RETRY_AFTER_MS,
  postJson,
  proxyField,
  proxySecrets,
  RateLimits,
  safeText,
  takeRateSlot,
  type SendFailure,
} from './http-kit.js';
import { subjectOf, templatedPart, testWords, textBody } from './notification-text.js';

export const TELEGRAM_API_URL = 'https://api.telegram.org';
export const TELEGRAM_LIMITS = [
  { max: 1, windowMs: 1000 },
  { max: 20, windowMs: 60_000 },
] as const;
/** Telegram's limit on a message, in characters after entities are parsed (what the reader sees). */
export const TELEGRAM_MAX_CHARS = 4096;

export const telegramConfigSchema = z
  .strictObject({
    /** The token @BotFather gave, "123456:ABC-DEF…". Secret. */
    botToken: z.string().regex(/^\d+:[\w-]+$/, { error: `must be the token @BotFather gave, like "123456:ABC-DEF1234", ${GOT}` }),
    /** The chat: a user's or group's numeric id (groups are negative), or "@channelname". */
    chatId: z.union([z.int(), z.string().regex(/^(-?\d+|@\w{5,})$/, { error: `must be a numeric chat id or "@channelname", ${GOT}` })]),
    /** Bot API server, for a local Bot API server or a relay. @default https://api.telegram.org */
    apiUrl: httpUrlField('the Bot API server').optional(),
    /** Send silently (no sound). @default false */
    silent: z.boolean().optional(),
    /** Per-attempt timeout. @default 10s */
    timeout: httpTimeoutField,
    /** Send through this proxy (http://, https:// or socks5://). @default direct */
    proxy: proxyField,
  })
  .transform(({ timeout, apiUrl, silent, ...rest }) => ({
    ...rest,
    apiUrl: (apiUrl ?? TELEGRAM_API_URL).replace(/\/+$/, ''),
    silent: silent ?? false,
    timeoutMs: timeout,
  }));

export type TelegramConfig = z.output<typeof telegramConfigSchema>;

/** HTML parse mode: only &, < and > need escaping, and the reader sees exactly the text we cut. */
export function telegramText(notification: Notification): string {
  const custom = templatedTelegramText(notification);
  if (custom !== undefined) return custom;
  const subject = subjectOf(notification);
  const budget = TELEGRAM_MAX_CHARS - [...subject].length - 2;
  const codePoints = [...textBody(notification).trimEnd()];
  const body = codePoints.length <= budget ? codePoints.join('') : `${codePoints.slice(0, budget - 1).join('')}…`;
  return `<b>${escapeHtml(subject)}</b>\n\n${escapeHtml(body)}`;
}

/**
 * With a template: its parts rendered with HTML-escaped values (the template's own text may use Telegram's tags),
 * subject in bold; a part without a template is the built-in one, escaped.
 */
function templatedTelegramText(notification: Notification): string | undefined {
  const subject = templatedPart(notification, 'subject', 'html');
  const body = templatedPart(notification, 'body', 'html');
  if (subject === undefined && body === undefined) return undefined;
  const { test } = notification.event;
  const head = subject !== undefined ? `${test ? escapeHtml(testWords(notification.locale).mark) : ''}${subject}` : escapeHtml(subjectOf(notification));
  const text = body !== undefined ? `${test ? `${escapeHtml(testWords(notification.locale).notice)}\n\n` : ''}${body.trim()}` : escapeHtml(textBody(notification).trimEnd());
  const codePoints = [...`<b>${head}</b>\n\n${text}`];
  return codePoints.length <= TELEGRAM_MAX_CHARS ? codePoints.join('') : `${codePoints.slice(0, TELEGRAM_MAX_CHARS - 1).join('')}…`;
}

interface TelegramReply {
  ok?: unknown;
  error_code?: unknown;
  description?: unknown;
  parameters?: { retry_after?: unknown };
}

export function createTelegramChannel(config: TelegramConfig, deps: ChannelDeps): Channel {
  const { clock } = deps;
  const timeoutMs = config.timeoutMs ?? deps.timeoutMs ?? DEFAULT_HTTP_TIMEOUT_MS;
  const limits = new RateLimits(TELEGRAM_LIMITS);
  const secrets = [config.botToken, ...proxySecrets(config.proxy)];
  const url = `${config.apiUrl}/bot${config.botToken}/sendMessage`;

  async function send(notification: Notification): Promise<SendResult> {
    const limited = takeRateSlot(limits, clock.monoMs(), '1/s, 20/min');
    if (limited) return limited;
    const body = {
      chat_id: config.chatId,
      text: telegramText(notification),
      parse_mode: 'HTML',
      disable_web_page_preview: true,
      disable_notification: config.silent,
    };
    try {
      return classifyReply(await postJson(url, body, { timeoutMs, proxy: config.proxy }));
    } catch (error: unknown) {
      const reply = errorReplyBody(error);
      if (isTelegramReply(reply)) return classifyReply(reply);
      return classifyHttpError(error, { secrets, timeoutMs, nowMs: clock.nowMs(), hintFor: () => undefined });
    }
  }

  function classifyReply(data: unknown): SendResult {
    if (!isTelegramReply(data)) {
      return { ok: false, retryable: false, error: 'reply is not from the Telegram Bot API (no ok field)', hint: 'check channels.telegram.apiUrl' };
    }
    if (data.ok === true) return { ok: true };
    const code = typeof data.error_code === 'number' ? data.error_code : 0;
    const description = typeof data.description === 'string' ? data.description : 'no description';
    return telegramFailure(code, description, data.parameters?.retry_after, safeText(`Telegram ${code}: ${description}`, secrets));
  }

  return { name: 'telegram', send, secrets: () => [...secrets] };
}

function isTelegramReply(data: unknown): data is TelegramReply {
  return data !== null && typeof data === 'object' && typeof (data as TelegramReply).ok === 'boolean';
}

function telegramFailure(code: number, description: string, retryAfter: unknown, error: string): SendFailure {
  if (code === 429) {
    const retryAfterMs = typeof retryAfter === 'number' ? Math.min(retryAfter * 1000, MAX_RETRY_AFTER_MS) : 1000;
    return { ok: false, retryable: true, retryAfterMs, error };
  }
  if (code >= 500 || code === 0) return { ok: false, retryable: true, error };
  if (code === 401 || code === 404) return { ok: false, retryable: false, error, hint: 'check channels.telegram.botToken (the token @BotFather gave)' };
  if (/chat not found/i.test(description)) {
    return {
      ok: false,
      retryable: false,
      error,
      hint: 'check channels.telegram.chatId; a user must have sent /start to the bot, a group must have the bot as a member',
    };
  }
  if (code === 403) return { ok: false, retryable: false, error, hint: 'the bot was blocked or removed from the chat: add it again or unblock it' };
  return { ok: false, retryable: false, error };
}
