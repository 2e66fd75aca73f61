// ServerChan Turbo's /<sendkey>.send as documented, on 127.0.0.1: POST JSON {title, desp}; HTTP 200 with
// {code: 0, message: "", data: {pushid, readkey, error: "SUCCESS", errno: 0}} when sent; code 40001 "bad pushtoken"
// for an unknown key; title over 32 characters refused; over the daily quota (5 on the free plan) a quota message.
import { LocalHttpServer } from './local-http-server.js';

export interface ServerchanMessage {
  title?: string;
  desp?: string;
}

export class ServerchanStandin {
  readonly sendKeys: string[];
  readonly accepted: ServerchanMessage[] = [];
  dailyQuota = 5;
  readonly #http: LocalHttpServer;

  constructor(sendKeys: string[]) {
    this.sendKeys = sendKeys;
    this.#http = new LocalHttpServer((req, raw, res) => {
      const reply = (code: number, message: string, data: unknown = null) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ code, message, data }));
      const match = /^\/([^/]+)\.send$/.exec(req.url ?? '');
      if (req.method !== 'POST' || !match) return void res.writeHead(404).end();
      if (!this.sendKeys.includes(match[1] ?? '')) return reply(40001, 'bad pushtoken');
      let message: ServerchanMessage;
      try {
        message = JSON.parse(raw.toString('utf8')) as ServerchanMessage;
      } catch {
        return reply(20001, 'bad params');
      }
      if (!message.title) return reply(20001, 'title is required');
      if ([...message.title].length > 32) return reply(20001, 'title too long, max 32');
      if (this.accepted.length >= this.dailyQuota) return reply(40001, '超过当天的发送次数限制[5]，请稍后再试');
      this.accepted.push(message);
      reply(0, '', { pushid: String(this.accepted.length), readkey: 'rk', error: 'SUCCESS', errno: 0 });
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
