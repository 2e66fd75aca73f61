// bark-server (github.com/Finb/bark-server, route_push.go) on 127.0.0.1: POST /push with JSON {device_key, title,
// body, ...}; 200 {code: 200, message: "success"}. Its errors as the server writes them: 400 "request bind failed"
// for a body it cannot parse, 400 "device key is empty", 400 "failed to get device token" for an unknown key, 500
// "push failed: <APNs reason>" when Apple refuses (BadDeviceToken/Unregistered once the app was reinstalled,
// PayloadTooLarge over 4 KB, a timeout when Apple is unreachable), and 418 "I'm a teapot" without the basic auth a
// self-hosted server may require. With `encryption`, the stand-in is also the phone: it decrypts `ciphertext` with
// the app's key as the Bark app does, and records what the user would read, or a decryption failure.
import { createDecipheriv } from 'node:crypto';
import { LocalHttpServer } from './local-http-server.js';

export interface BarkPush {
  device_key?: string;
  title?: string;
  body?: string;
  group?: string;
  level?: string;
  sound?: string;
  ciphertext?: string;
  iv?: string;
}

export interface BarkStandinOptions {
  /** The app's 推送加密 settings: decrypt pushes that carry `ciphertext`. */
  encryption?: { key: string; mode: 'cbc' | 'ecb'; iv?: string };
  /** user:password of a server started with basic auth. */
  basicAuth?: string;
}

export class BarkStandin {
  readonly deviceKeys: string[];
  readonly options: BarkStandinOptions;
  readonly accepted: BarkPush[] = [];
  /** Encrypted pushes as the phone shows them after decryption (title, body...). */
  readonly decrypted: Record<string, unknown>[] = [];
  /** Encrypted pushes the phone could not decrypt (wrong key, mode or IV). */
  decryptionFailures = 0;
  /** Keys whose device Apple no longer knows (the app was reinstalled): APNs answers BadDeviceToken. */
  readonly unregistered = new Set<string>();
  apnsDown = false;
  readonly #http: LocalHttpServer;

  constructor(deviceKeys: string[], options: BarkStandinOptions = {}) {
    this.deviceKeys = deviceKeys;
    this.options = options;
    this.#http = new LocalHttpServer((req, raw, res) => {
      const reply = (code: number, message: string) =>
        res.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify({ code, message, timestamp: Math.floor(Date.now() / 1000) }));
      if (options.basicAuth !== undefined && req.headers.authorization !== `Basic ${Buffer.from(options.basicAuth).toString('base64')}`) {
        return void res.writeHead(418, { 'content-type': 'text/plain' }).end("I'm a teapot");
      }
      if (req.method !== 'POST' || req.url !== '/push') return reply(404, 'Cannot ' + String(req.method) + ' ' + String(req.url));
      let push: BarkPush;
      try {
        push = JSON.parse(raw.toString('utf8')) as BarkPush;
      } catch {
        return reply(400, 'request bind failed: invalid character');
      }
      if (!push.device_key) return reply(400, 'device key is empty');
      if (!this.deviceKeys.includes(push.device_key)) {
        return reply(400, `failed to get device token: failed to get [${push.device_key}] device token from database`);
      }
      const apnsPayload = JSON.stringify({ aps: { alert: { title: push.title, body: push.body }, sound: push.sound ?? '1107' }, group: push.group, ciphertext: push.ciphertext, iv: push.iv });
      if (Buffer.byteLength(apnsPayload) > 4096) return reply(500, 'push failed: PayloadTooLarge');
      if (this.apnsDown) return reply(500, 'push failed: Post "https://api.push.apple.com/3/device/x": dial tcp: i/o timeout');
      if (this.unregistered.has(push.device_key)) return reply(500, 'push failed: BadDeviceToken');
      this.accepted.push(push);
      if (push.ciphertext !== undefined) this.#decrypt(push);
      reply(200, 'success');
    });
  }

  /** What the Bark app's notification extension does with an encrypted push. */
  #decrypt(push: BarkPush): void {
    const settings = this.options.encryption;
    try {
      if (!settings) throw new Error('no key set in the app');
      const key = Buffer.from(settings.key);
      const iv = settings.mode === 'cbc' ? Buffer.from(push.iv ?? settings.iv ?? '') : null;
      const decipher = createDecipheriv(`aes-${key.length * 8}-${settings.mode}`, key, iv);
      const text = Buffer.concat([decipher.update(Buffer.from(push.ciphertext ?? '', 'base64')), decipher.final()]).toString('utf8');
      this.decrypted.push(JSON.parse(text) as Record<string, unknown>);
    } catch {
      this.decryptionFailures++;
    }
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
