// The Telegram Bot API's sendMessage as documented, on 127.0.0.1: POST /bot<token>/sendMessage with JSON. Replies
// {ok: true, result} or {ok: false, error_code, description[, parameters.retry_after]} with HTTP status error_code:
// 401 for an unknown token, 400 "chat not found", 400 "can't parse entities" for HTML it cannot parse, 400 "message is
// too long" over 4096 characters, 429 with retry_after over one message a second to a chat.
import { LocalHttpServer } from './local-http-server.js';

export interface TelegramStandinOptions {
  token: string;
  /** Chats the bot may write to. */
  chats: (number | string)[];
  /** @default 1 message per second per chat */
  perSecond?: number;
}

export interface TelegramMessage {
  chat_id?: unknown;
  text?: string;
  parse_mode?: string;
}

/** The tags Telegram's HTML mode takes; anything else is "Unsupported start tag". */
const TAGS = new Set(['b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'a', 'code', 'pre', 'span', 'tg-spoiler', 'blockquote']);

/** Visible text of Telegram HTML, or the parse error Telegram gives. */
export function parseTelegramHtml(html: string): { text: string } | { error: string } {
  const open: string[] = [];
  let text = '';
  const pattern = /<(\/?)([a-z-]+)[^>]*>|&(lt|gt|amp|quot|#\d+|#x[0-9a-f]+);|&|<|>|[^<>&]+/gi;
  for (const match of html.matchAll(pattern)) {
    const [token, closing, tag, entity] = match;
    if (tag !== undefined) {
      const name = tag.toLowerCase();
      if (!TAGS.has(name)) return { error: `Bad Request: can't parse entities: Unsupported start tag "${name}" at byte offset ${match.index}` };
      if (closing) {
        if (open.pop() !== name) return { error: `Bad Request: can't parse entities: Unexpected end tag at byte offset ${match.index}` };
      } else open.push(name);
    } else if (entity !== undefined) {
      const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };
      text += named[entity.toLowerCase()] ?? String.fromCodePoint(entity.startsWith('#x') ? parseInt(entity.slice(2), 16) : Number(entity.slice(1)));
    } else if (token === '<' || token === '>' || token === '&') {
      if (token === '<') return { error: `Bad Request: can't parse entities: Unexpected end of name token at byte offset ${match.index}` };
      text += token;
    } else text += token;
  }
  if (open.length > 0) return { error: `Bad Request: can't parse entities: Can't find end tag corresponding to start tag "${open.at(-1)}"` };
  return { text };
}

export class TelegramStandin {
  readonly options: TelegramStandinOptions;
  readonly accepted: { chatId: unknown; text: string; html: string }[] = [];
  requests = 0;
  readonly #http: LocalHttpServer;
  readonly #sentAtMs = new Map<string, number[]>();

  constructor(options: TelegramStandinOptions) {
    this.options = options;
    this.#http = new LocalHttpServer((req, raw, res) => {
      this.requests++;
      const fail = (code: number, description: string, extra: object = {}) =>
        res.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error_code: code, description, ...extra }));
      const match = /^\/bot([^/]+)\/sendMessage$/.exec(req.url ?? '');
      if (!match) return fail(404, 'Not Found');
      if (match[1] !== this.options.token) return fail(401, 'Unauthorized');
      let body: TelegramMessage;
      try {
        body = JSON.parse(raw.toString('utf8')) as TelegramMessage;
      } catch {
        return fail(400, 'Bad Request: message text is empty');
      }
      if (!this.options.chats.map(String).includes(String(body.chat_id))) return fail(400, 'Bad Request: chat not found');
      if (typeof body.text !== 'string' || body.text === '') return fail(400, 'Bad Request: message text is empty');
      const parsed = body.parse_mode === 'HTML' ? parseTelegramHtml(body.text) : { text: body.text };
      if ('error' in parsed) return fail(400, parsed.error);
      if ([...parsed.text].length > 4096) return fail(400, 'Bad Request: message is too long');
      const key = String(body.chat_id);
      const nowMs = Date.now();
      const recent = (this.#sentAtMs.get(key) ?? []).filter((atMs) => atMs > nowMs - 1000);
      if (recent.length >= (this.options.perSecond ?? 1)) {
        return fail(429, 'Too Many Requests: retry after 3', { parameters: { retry_after: 3 } });
      }
      this.#sentAtMs.set(key, [...recent, nowMs]);
      this.accepted.push({ chatId: body.chat_id, text: parsed.text, html: body.text });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, result: { message_id: this.accepted.length } }));
    });
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.#http.port}`;
  }

  async start(): Promise<this> {
    await this.#http.start();
    return this;
  }

  stop(): Promise<void> {
    return this.#http.stop();
  }
}
