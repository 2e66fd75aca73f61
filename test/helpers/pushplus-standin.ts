// PushPlus's /send as its 接口返回码说明 documents it, on 127.0.0.1: POST JSON {token, title, content, template,
// topic}; always HTTP 200 with {code, msg, data}: 200 sent, 903 无效的用户token, 403 for a request IP outside the
// account's allowlist, 905 without real-name verification, 500 on a system error, 999 for a missing field, 900 once
// the daily quota (200 requests) is used.
import { LocalHttpServer } from './local-http-server.js';

export interface PushplusMessage {
  token?: string;
  title?: string;
  content?: string;
  template?: string;
  topic?: string;
}

export class PushplusStandin {
  readonly tokens: string[];
  readonly accepted: PushplusMessage[] = [];
  /** Messages a day before 900. @default 200 */
  dailyQuota = 200;
  /** The account's IP allowlist is on and 127.0.0.1 is not in it. */
  ipBlocked = false;
  realNameVerified = true;
  systemError = false;
  readonly #http: LocalHttpServer;

  constructor(tokens: string[]) {
    this.tokens = tokens;
    this.#http = new LocalHttpServer((req, raw, res) => {
      const reply = (code: number, msg: string, data: unknown = null) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ code, msg, data, count: null }));
      if (req.method !== 'POST' || req.url !== '/send') return void res.writeHead(404).end();
      let message: PushplusMessage;
      try {
        message = JSON.parse(raw.toString('utf8')) as PushplusMessage;
      } catch {
        return reply(999, '服务端验证错误');
      }
      if (this.systemError) return reply(500, '系统异常，请稍后再试');
      if (!message.token || !this.tokens.includes(message.token)) return reply(903, '无效的用户token');
      if (this.ipBlocked) return reply(403, '请求IP未授权');
      if (!this.realNameVerified) return reply(905, '账户未进行实名认证');
      if (!message.content) return reply(999, '服务端验证错误：内容不能为空');
      if ([...(message.title ?? '')].length > 100) return reply(999, '服务端验证错误：标题长度不能超过100');
      if (this.accepted.length >= this.dailyQuota) return reply(900, '用户账号使用受限');
      this.accepted.push(message);
      reply(200, '请求成功', `pp${this.accepted.length}`);
    });
  }

  get url(): string {
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
