// ServerChan Turbo's /<sendkey>.send as documented and as users report it, on 127.0.0.1: POST JSON {title, desp};
// {code: 0, message: "", data: {pushid, readkey, error: "SUCCESS", errno: 0}} when sent. Errors are {code,
// message: "[KIND]reason", info, args}: 40001 "[AUTH]用户不存在或者权限不足" for an unknown key, 40001
// "[AUTH]超过当天的发送次数限制[5]" over the daily quota (5 on the free plan), 20001 "[INPUT]title 不能为空"; sent with
// HTTP 400 (as reported for the quota) unless errorStatus says otherwise.
import { LocalHttpServer } from './local-http-server.js';

export interface ServerchanMessage {
  title?: string;
  desp?: string;
}

export class ServerchanStandin {
  readonly sendKeys: string[];
  readonly accepted: ServerchanMessage[] = [];
  dailyQuota = 5;
  /** HTTP status of an error reply. @default 400 */
  errorStatus = 400;
  readonly #http: LocalHttpServer;

  constructor(sendKeys: string[]) {
    this.sendKeys = sendKeys;
    this.#http = new LocalHttpServer((req, raw, res) => {
      const send = (status: number, body: object) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      const fail = (code: number, kind: string, info: string) => send(this.errorStatus, { message: `[${kind}]${info}`, code, info, args: [null] });
      const match = /^\/([^/]+)\.send$/.exec(req.url ?? '');
      if (req.method !== 'POST' || !match) return void res.writeHead(404).end();
      if (!this.sendKeys.includes(match[1] ?? '')) return fail(40001, 'AUTH', '用户不存在或者权限不足');
      let message: ServerchanMessage;
      try {
        message = JSON.parse(raw.toString('utf8')) as ServerchanMessage;
      } catch {
        return fail(20001, 'INPUT', 'title 不能为空');
      }
      if (!message.title) return fail(20001, 'INPUT', 'title 不能为空');
      if ([...message.title].length > 32) return fail(20001, 'INPUT', 'title 长度不能超过32');
      if (this.accepted.length >= this.dailyQuota) return fail(40001, 'AUTH', `超过当天的发送次数限制[${this.dailyQuota}]`);
      this.accepted.push(message);
      send(200, { code: 0, message: '', data: { pushid: String(this.accepted.length), readkey: 'rk', error: 'SUCCESS', errno: 0 } });
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
