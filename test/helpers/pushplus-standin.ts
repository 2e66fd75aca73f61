// PushPlus's /send as documented, on 127.0.0.1: POST JSON {token, title, content, template, topic}; always HTTP 200
// with {code, msg, data}: 200 sent, 903 无效的用户token, 999 for a missing field, 900 once the daily quota is used.
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
      if (!message.token || !this.tokens.includes(message.token)) return reply(903, '无效的用户token');
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
