// bark-server (github.com/Finb/bark-server) as its API documents it, on 127.0.0.1: POST /push with JSON
// {device_key, title, body, ...}; 200 {code: 200, message: "success"}; an unknown key is 400 "failed to get device
// token"; Apple refusing (the stand-in's apnsDown) is 500 "push failed"; a payload over Apple's 4 KB is refused.
import { LocalHttpServer } from './local-http-server.js';

export interface BarkPush {
  device_key?: string;
  title?: string;
  body?: string;
  group?: string;
  level?: string;
  sound?: string;
}

export class BarkStandin {
  readonly deviceKeys: string[];
  readonly accepted: BarkPush[] = [];
  apnsDown = false;
  readonly #http: LocalHttpServer;

  constructor(deviceKeys: string[]) {
    this.deviceKeys = deviceKeys;
    this.#http = new LocalHttpServer((req, raw, res) => {
      const reply = (code: number, message: string) =>
        res.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify({ code, message, timestamp: Math.floor(Date.now() / 1000) }));
      if (req.method !== 'POST' || req.url !== '/push') return reply(404, 'Cannot ' + String(req.method) + ' ' + String(req.url));
      let push: BarkPush;
      try {
        push = JSON.parse(raw.toString('utf8')) as BarkPush;
      } catch {
        return reply(400, 'request bind failed: invalid character');
      }
      if (!push.device_key || !this.deviceKeys.includes(push.device_key)) {
        return reply(400, `failed to get device token: failed to get [${push.device_key ?? ''}] device token from database`);
      }
      const apnsPayload = JSON.stringify({ aps: { alert: { title: push.title, body: push.body }, sound: push.sound ?? '1107' }, group: push.group });
      if (Buffer.byteLength(apnsPayload) > 4096) return reply(500, 'push failed: PayloadTooLarge');
      if (this.apnsDown) return reply(500, 'push failed: Post "https://api.push.apple.com/3/device/x": dial tcp: i/o timeout');
      this.accepted.push(push);
      reply(200, 'success');
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
