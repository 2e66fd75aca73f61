// A DingTalk custom robot as its documentation describes it, on 127.0.0.1: POST /robot/send?access_token=…, reply
// HTTP 200 with {errcode, errmsg}. Checks in DingTalk's order: the token (300001), the signature when the robot signs
// (timestamp within 1 hour, sign = urlencode(base64(HMAC-SHA256(key=secret, msg=timestamp+"\n"+secret)))), the
// security keywords (310000), the rate (20 a minute, then 130101), the message (markdown needs title and text).
import { createHmac } from 'node:crypto';
import { LocalHttpServer } from './local-http-server.js';

export interface DingtalkStandinOptions {
  accessToken: string;
  /** The robot's 加签 secret (SEC…); unset: the robot does not sign. */
  secret?: string;
  /** 自定义关键词: a message must contain one of them. */
  keywords?: string[];
  /** @default 20 */
  maxPerMinute?: number;
  /** The stand-in's clock (ms), to test a host clock that is off. @default Date.now */
  nowMs?: () => number;
}

export interface DingtalkMessage {
  url: URL;
  body: {
    msgtype?: string;
    markdown?: { title?: string; text?: string };
    at?: { atMobiles?: unknown; atUserIds?: unknown; isAtAll?: unknown };
  };
  /**
   * Who DingTalk would notify, as its documentation says for markdown: a mobile or user id listed in `at` whose
   * "@<id>" is in the text, and "@all" for isAtAll. A listed id the text does not @ is not notified.
   */
  mentioned: string[];
}

const ONE_HOUR_MS = 3_600_000;

export class DingtalkStandin {
  readonly options: DingtalkStandinOptions;
  /** Every request that arrived, accepted or not. */
  readonly requests: DingtalkMessage[] = [];
  /** Messages accepted (errcode 0). */
  readonly accepted: DingtalkMessage[] = [];
  readonly #http: LocalHttpServer;
  #sentAtMs: number[] = [];

  constructor(options: DingtalkStandinOptions) {
    this.options = options;
    this.#http = new LocalHttpServer((req, raw, res) => {
      const url = new URL(req.url ?? '/', 'http://standin');
      const reply = (errcode: number, errmsg: string) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ errcode, errmsg }));
      if (req.method !== 'POST' || url.pathname !== '/robot/send') return void res.writeHead(404).end('Not Found');
      let body: DingtalkMessage['body'];
      try {
        body = JSON.parse(raw.toString('utf8')) as DingtalkMessage['body'];
      } catch {
        return reply(43004, '无效的HTTP HEADER Content-Type');
      }
      const message = { url, body, mentioned: mentionsOf(body) };
      this.requests.push(message);
      const [errcode, errmsg] = this.#check(url, body);
      if (errcode === 0) this.accepted.push(message);
      reply(errcode, errmsg);
    });
  }

  get url(): string {
    return `http://127.0.0.1:${this.#http.port}/robot/send?access_token=${this.options.accessToken}`;
  }

  get proxyTarget(): string {
    return `127.0.0.1:${this.#http.port}`;
  }

  async start(): Promise<this> {
    await this.#http.start();
    return this;
  }

  stop(): Promise<void> {
    return this.#http.stop();
  }

  #check(url: URL, body: DingtalkMessage['body']): [number, string] {
    if (url.searchParams.get('access_token') !== this.options.accessToken) return [300001, 'token is not exist'];
    const nowMs = (this.options.nowMs ?? Date.now)();
    if (this.options.secret !== undefined) {
      const timestamp = url.searchParams.get('timestamp');
      // searchParams has already URL-decoded the sign once, as DingTalk's server does.
      const sign = url.searchParams.get('sign');
      if (timestamp === null || sign === null) return [310000, 'sign not match, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]'];
      if (!/^\d+$/.test(timestamp) || Math.abs(nowMs - Number(timestamp)) > ONE_HOUR_MS) {
        return [310000, 'sign not match, timestamp is invalid, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]'];
      }
      const expected = createHmac('sha256', this.options.secret).update(`${timestamp}\n${this.options.secret}`).digest('base64');
      if (sign !== expected) return [310000, 'sign not match, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]'];
    }
    const content = `${body.markdown?.title ?? ''}\n${body.markdown?.text ?? ''}`;
    if (this.options.keywords?.length && !this.options.keywords.some((keyword) => content.includes(keyword))) {
      return [310000, 'keywords not in content, more: [https://ding-doc.dingtalk.com/doc#/serverapi2/qf2nxq]'];
    }
    this.#sentAtMs = this.#sentAtMs.filter((atMs) => atMs > nowMs - 60_000);
    if (this.#sentAtMs.length >= (this.options.maxPerMinute ?? 20)) return [130101, 'send too fast, exceed 20 times per minute'];
    this.#sentAtMs.push(nowMs);
    if (body.msgtype !== 'markdown' || !body.markdown?.title || !body.markdown.text) return [40035, '缺少参数 markdown'];
    return [0, 'ok'];
  }
}

function mentionsOf(body: DingtalkMessage['body']): string[] {
  const text = body.markdown?.text ?? '';
  const ids = (list: unknown) => (Array.isArray(list) ? list.filter((id): id is string => typeof id === 'string') : []);
  const listed = [...ids(body.at?.atMobiles), ...ids(body.at?.atUserIds)];
  return [...listed.filter((id) => text.includes(`@${id}`)), ...(body.at?.isAtAll === true ? ['@all'] : [])];
}
