// A Feishu custom bot as its documentation describes it, on 127.0.0.1: POST /open-apis/bot/v2/hook/<token> with a
// JSON body; reply {code, msg, data} (HTTP 200; 400 for a malformed request). Checks in Feishu's order: the token
// (19001), the body (9499), the signature when on (timestamp in seconds within 1 hour; sign =
// base64(HMAC-SHA256(key = timestamp+"\n"+secret, message = empty)), else 19021), the keyword (19024), the rate
// (5 a second, 100 a minute, else 11232).
import { createHmac } from 'node:crypto';
import { LocalHttpServer } from './local-http-server.js';

export interface FeishuStandinOptions {
  token: string;
  secret?: string;
  keywords?: string[];
  /** @default [{ max: 5, windowMs: 1000 }, { max: 100, windowMs: 60000 }] */
  limits?: { max: number; windowMs: number }[];
  nowMs?: () => number;
  /** Message types this bot takes; others get 400 {code: 9499}. @default text, post, image, share_chat, interactive */
  msgTypes?: string[];
}

export interface FeishuMessage {
  /** Whom Feishu would notify: the ids of <at id=…></at> in the card's lark_md text ("all" for everyone). */
  mentioned: string[];
  body: {
    timestamp?: unknown;
    sign?: unknown;
    msg_type?: unknown;
    card?: { header?: { title?: { content?: string }; template?: string }; elements?: { text?: { content?: string } }[] };
  };
}

const ONE_HOUR_S = 3600;

export class FeishuStandin {
  readonly options: FeishuStandinOptions;
  readonly requests: FeishuMessage[] = [];
  readonly accepted: FeishuMessage[] = [];
  readonly #http: LocalHttpServer;
  #sentAtMs: number[] = [];

  constructor(options: FeishuStandinOptions) {
    this.options = options;
    this.#http = new LocalHttpServer((req, raw, res) => {
      const reply = (status: number, code: number, msg: string) =>
        res
          .writeHead(status, { 'content-type': 'application/json' })
          .end(JSON.stringify(code === 0 ? { StatusCode: 0, StatusMessage: 'success', code: 0, data: {}, msg: 'success' } : { code, data: {}, msg }));
      const match = /^\/open-apis\/bot\/v2\/hook\/([^/?]+)$/.exec(req.url ?? '');
      if (req.method !== 'POST' || !match) return void res.writeHead(404).end('404 page not found');
      if (match[1] !== this.options.token) return reply(200, 19001, 'param invalid: incoming webhook access token invalid');
      let body: FeishuMessage['body'];
      try {
        body = JSON.parse(raw.toString('utf8')) as FeishuMessage['body'];
      } catch {
        return reply(400, 9499, 'Bad Request');
      }
      const msgTypes = this.options.msgTypes ?? ['text', 'post', 'image', 'share_chat', 'interactive'];
      if (typeof body.msg_type !== 'string' || !msgTypes.includes(body.msg_type) || (body.msg_type === 'interactive' && typeof body.card !== 'object')) {
        return reply(400, 9499, 'Bad Request');
      }
      const message = { body, mentioned: [...JSON.stringify(body.card ?? {}).matchAll(/<at id=([\w-]+)><\/at>/g)].map((m) => m[1] as string) };
      this.requests.push(message);
      const [code, msg] = this.#check(body);
      if (code === 0) this.accepted.push(message);
      reply(200, code, msg);
    });
  }

  get url(): string {
    return `http://127.0.0.1:${this.#http.port}/open-apis/bot/v2/hook/${this.options.token}`;
  }

  async start(): Promise<this> {
    await this.#http.start();
    return this;
  }

  stop(): Promise<void> {
    return this.#http.stop();
  }

  #check(body: FeishuMessage['body']): [number, string] {
    const nowMs = (this.options.nowMs ?? Date.now)();
    if (this.options.secret !== undefined) {
      const badSign: [number, string] = [19021, 'sign match fail or timestamp is not within one hour from current time'];
      if (typeof body.timestamp !== 'string' || !/^\d+$/.test(body.timestamp) || typeof body.sign !== 'string') return badSign;
      if (Math.abs(nowMs / 1000 - Number(body.timestamp)) > ONE_HOUR_S) return badSign;
      const expected = createHmac('sha256', `${body.timestamp}\n${this.options.secret}`).update('').digest('base64');
      if (body.sign !== expected) return badSign;
    }
    if (this.options.keywords?.length && !this.options.keywords.some((keyword) => JSON.stringify(body.card ?? {}).includes(keyword))) {
      return [19024, 'Key Words Not Found'];
    }
    const limits = this.options.limits ?? [
      { max: 5, windowMs: 1000 },
      { max: 100, windowMs: 60_000 },
    ];
    const longestMs = Math.max(...limits.map((l) => l.windowMs));
    this.#sentAtMs = this.#sentAtMs.filter((atMs) => atMs > nowMs - longestMs);
    if (limits.some((l) => this.#sentAtMs.filter((atMs) => atMs > nowMs - l.windowMs).length >= l.max)) {
      return [11232, 'frequency limited psm[lark.oapi.app_platform_runtime]appID[1]'];
    }
    this.#sentAtMs.push(nowMs);
    return [0, 'success'];
  }
}
