// A local stand-in for the WeChat Official Account HTTP API (api.weixin.qq.com), as documented:
// - POST /cgi-bin/stable_token: normal mode returns the current token while more than 5 minutes of it remain, then a
//   new one (the old stays valid until it expires); force_refresh issues a new one and invalidates the old.
// - GET /cgi-bin/token: every fetch issues a new token and invalidates the previous one (WeChat documents a 5-minute
//   overlap; invalidating at once is stricter and makes concurrent fetches in a client visible).
// - POST /cgi-bin/message/template/send?access_token=: token (40001 unknown, 42001 expired), template_id (40037),
//   touser (40003 malformed, 43004 not a follower), template fields (47003), de-duplication by client_msg_id.
// Errors come as HTTP 200 with {errcode, errmsg}. Time comes from an injected clock so tests can expire tokens.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock, type Clock } from '../../src/clock.js';

const TOKEN_LIFETIME_S = 7200;
const STABLE_RENEW_BEFORE_S = 300;
/** WeChat keeps a client_msg_id for 10 minutes. */
const DEDUP_WINDOW_MS = 10 * 60_000;
const OPENID_FORMAT = /^[A-Za-z0-9_-]{28}$/;

/** A valid-looking openid (28 characters) built from a short name, for follower lists. */
export function fakeOpenId(name: string): string {
  return `o${name}`.padEnd(28, 'x').slice(0, 28);
}

export type ScriptStep =
  /**
   * Answer HTTP 200 with this errcode (and errmsg) instead of processing the request; with afterMessages, hold the
   * answer until that many messages were accepted (orders concurrent requests without timing).
   */
  | { errcode: number; errmsg?: string; afterMessages?: number }
  /** Answer with this HTTP status and a plain-text body. */
  | { httpStatus: number }
  /** Wait this long (real time), then process normally. */
  | { delayMs: number }
  /** Never answer (until stop()): for client timeouts. */
  | { hang: true };

export interface StandinOptions {
  appId?: string;
  appSecret?: string;
  /** Openids that follow the account. */
  followers?: string[];
  /** Template id -> the keys its content uses ({{key.DATA}}). */
  templates?: Record<string, string[]>;
  clock?: Clock;
}

export interface RecordedMessage {
  touser: string;
  templateId: string;
  url?: string;
  clientMsgId?: string;
  data: Record<string, { value: string; color?: string }>;
  msgid: number;
}

export interface SendAttempt {
  touser: string;
  clientMsgId?: string;
  accessToken: string;
  errcode: number;
}

interface IssuedToken {
  token: string;
  expiresAtMs: number;
  revoked: boolean;
}

export const STANDIN_APP_ID = 'wx0123456789abcdef';
export const STANDIN_APP_SECRET = 'standin-app-secret-0123456789abcdef';
export const STANDIN_TEMPLATE_ID = 'tmpl-server-alert';

export class WechatStandin {
  readonly appId: string;
  readonly appSecret: string;
  readonly followers: Set<string>;
  readonly templates: Record<string, string[]>;
  /** Messages WeChat accepted (one per touser + client_msg_id). */
  readonly messages: RecordedMessage[] = [];
  /** Every send request and its errcode, including refused and duplicate ones. */
  readonly sendAttempts: SendAttempt[] = [];
  /** Every token issued, so tests can check none leaks. */
  readonly issuedTokens: string[] = [];
  /** Every request target (path and query), so tests can check no secret travels in a URL. */
  readonly requestUrls: string[] = [];
  tokenFetches = 0;
  duplicates = 0;

  readonly #clock: Clock;
  readonly #tokens = new Map<string, IssuedToken>();
  #stableToken: IssuedToken | null = null;
  #classicToken: IssuedToken | null = null;
  #sendScript: ScriptStep[] = [];
  #tokenScript: ScriptStep[] = [];
  #dedup = new Map<string, { msgid: number; atMs: number }>();
  #nextMsgid = 1000;
  #server: Server | null = null;
  #baseUrl = '';
  #hanging: ServerResponse[] = [];
  #messageWaiters: { count: number; resolve: () => void }[] = [];

  constructor(options: StandinOptions = {}) {
    this.appId = options.appId ?? STANDIN_APP_ID;
    this.appSecret = options.appSecret ?? STANDIN_APP_SECRET;
    this.followers = new Set(options.followers ?? []);
    this.templates = options.templates ?? { [STANDIN_TEMPLATE_ID]: ['msg', 'time'] };
    this.#clock = options.clock ?? systemClock;
  }

  get baseUrl(): string {
    if (!this.#server) throw new Error('stand-in not started');
    return this.#baseUrl;
  }

  /** The next sends (one step each) answer as scripted, in order. */
  script(...steps: ScriptStep[]): void {
    this.#sendScript.push(...steps);
  }

  /** The next token fetches (either endpoint) answer as scripted, in order. */
  scriptToken(...steps: ScriptStep[]): void {
    this.#tokenScript.push(...steps);
  }

  /** Expires every token now, as if 2 hours had passed on WeChat's side. */
  expireTokens(): void {
    for (const issued of this.#tokens.values()) issued.expiresAtMs = Math.min(issued.expiresAtMs, this.#clock.nowMs());
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      this.#handle(req, res).catch((e: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(`stand-in error: ${String(e)}`);
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.#server = server;
    this.#baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    this.#server = null;
    for (const res of this.#hanging) res.destroy();
    this.#hanging = [];
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://standin');
    this.requestUrls.push(`${url.pathname}${url.search}`);
    const raw = await readBody(req);
    const route = `${req.method ?? ''} ${url.pathname}`;
    if (route === 'POST /cgi-bin/stable_token' || route === 'GET /cgi-bin/token') {
      this.tokenFetches += 1;
      if (!(await this.#runScript(this.#tokenScript, res))) return;
      const params = route === 'GET /cgi-bin/token' ? Object.fromEntries(url.searchParams) : parseJson(raw);
      if (!params) return json(res, { errcode: 47001, errmsg: 'data format error' });
      return json(res, this.#issueToken(route === 'GET /cgi-bin/token' ? 'classic' : 'stable', params));
    }
    if (route === 'POST /cgi-bin/message/template/send') {
      const accessToken = url.searchParams.get('access_token') ?? '';
      const body = parseJson(raw);
      const attempt: SendAttempt = {
        touser: typeof body?.touser === 'string' ? body.touser : '',
        accessToken,
        errcode: 0,
        ...(typeof body?.client_msg_id === 'string' ? { clientMsgId: body.client_msg_id } : {}),
      };
      this.sendAttempts.push(attempt);
      const scripted = this.#sendScript.shift();
      if (scripted && 'errcode' in scripted) {
        if (scripted.afterMessages !== undefined) await this.#messagesReached(scripted.afterMessages);
        // A scripted token error means the token really is bad now, so a normal-mode refetch returns a new one.
        if (scripted.errcode === 42001 || scripted.errcode === 40001) this.#revoke(accessToken, scripted.errcode);
        attempt.errcode = scripted.errcode;
        return json(res, { errcode: scripted.errcode, errmsg: scripted.errmsg ?? `scripted error rid: ${rid()}` });
      }
      if (scripted && !(await this.#runStep(scripted, res))) return;
      const answer = body ? this.#send(accessToken, body) : { errcode: 47001, errmsg: 'data format error' };
      attempt.errcode = answer.errcode;
      return json(res, answer);
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }

  #messagesReached(count: number): Promise<void> {
    if (this.messages.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.#messageWaiters.push({ count, resolve }));
  }

  #recordMessage(message: RecordedMessage): void {
    this.messages.push(message);
    const due = this.#messageWaiters.filter((w) => this.messages.length >= w.count);
    this.#messageWaiters = this.#messageWaiters.filter((w) => !due.includes(w));
    for (const waiter of due) waiter.resolve();
  }

  /** Runs the next scripted step of a queue; false when it already answered. */
  async #runScript(queue: ScriptStep[], res: ServerResponse): Promise<boolean> {
    const step = queue.shift();
    if (!step) return true;
    if ('errcode' in step) {
      json(res, { errcode: step.errcode, errmsg: step.errmsg ?? `scripted error rid: ${rid()}` });
      return false;
    }
    return this.#runStep(step, res);
  }

  async #runStep(step: Exclude<ScriptStep, { errcode: number }>, res: ServerResponse): Promise<boolean> {
    if ('httpStatus' in step) {
      res.writeHead(step.httpStatus, { 'content-type': 'text/plain' }).end(`HTTP ${step.httpStatus} from stand-in`);
      return false;
    }
    if ('hang' in step) {
      this.#hanging.push(res);
      return false;
    }
    await new Promise((resolve) => setTimeout(resolve, step.delayMs));
    return true;
  }

  #issueToken(kind: 'stable' | 'classic', params: Record<string, unknown>): object {
    if (params.grant_type !== 'client_credential') return { errcode: 40002, errmsg: `invalid grant_type rid: ${rid()}` };
    if (params.appid !== this.appId) return { errcode: 40013, errmsg: `invalid appid rid: ${rid()}` };
    if (params.secret !== this.appSecret) return { errcode: 40125, errmsg: `invalid appsecret rid: ${rid()}` };
    const nowMs = this.#clock.nowMs();
    const current = kind === 'stable' ? this.#stableToken : this.#classicToken;
    const forceRefresh = kind === 'stable' && params.force_refresh === true;
    if (kind === 'stable' && current && !forceRefresh && !current.revoked) {
      const remainingS = Math.floor((current.expiresAtMs - nowMs) / 1000);
      if (remainingS > STABLE_RENEW_BEFORE_S) return { access_token: current.token, expires_in: remainingS };
    }
    if (current && (kind === 'classic' || forceRefresh)) current.revoked = true;
    const issued: IssuedToken = {
      token: randomBytes(48).toString('base64url'),
      expiresAtMs: nowMs + TOKEN_LIFETIME_S * 1000,
      revoked: false,
    };
    this.#tokens.set(issued.token, issued);
    this.issuedTokens.push(issued.token);
    if (kind === 'stable') this.#stableToken = issued;
    else this.#classicToken = issued;
    return { access_token: issued.token, expires_in: TOKEN_LIFETIME_S };
  }

  #revoke(token: string, errcode: number): void {
    const issued = this.#tokens.get(token);
    if (!issued) return;
    if (errcode === 42001) issued.expiresAtMs = Math.min(issued.expiresAtMs, this.#clock.nowMs());
    else issued.revoked = true;
  }

  #send(accessToken: string, body: Record<string, unknown>): { errcode: number; errmsg: string; msgid?: number } {
    const nowMs = this.#clock.nowMs();
    const issued = this.#tokens.get(accessToken);
    if (!issued || issued.revoked) {
      return { errcode: 40001, errmsg: `invalid credential, access_token is invalid or not latest rid: ${rid()}` };
    }
    if (issued.expiresAtMs <= nowMs) return { errcode: 42001, errmsg: `access_token expired rid: ${rid()}` };
    const templateKeys = typeof body.template_id === 'string' ? this.templates[body.template_id] : undefined;
    if (!templateKeys) return { errcode: 40037, errmsg: `invalid template_id rid: ${rid()}` };
    const touser = typeof body.touser === 'string' ? body.touser : '';
    if (!OPENID_FORMAT.test(touser)) return { errcode: 40003, errmsg: `invalid openid rid: ${rid()}` };
    if (!this.followers.has(touser)) return { errcode: 43004, errmsg: `require subscribe rid: ${rid()}` };
    const data = readData(body.data, templateKeys);
    if (typeof data === 'string') return { errcode: 47003, errmsg: `argument invalid! data.${data}.value invalid rid: ${rid()}` };
    const clientMsgId = typeof body.client_msg_id === 'string' ? body.client_msg_id : undefined;
    const dedupKey = clientMsgId === undefined ? undefined : `${touser}\n${clientMsgId}`;
    const seen = dedupKey === undefined ? undefined : this.#dedup.get(dedupKey);
    if (seen && nowMs - seen.atMs < DEDUP_WINDOW_MS) {
      // Assumed answer: the platform does not document it; the point is that the user sees the message once.
      this.duplicates += 1;
      return { errcode: 0, errmsg: 'ok', msgid: seen.msgid };
    }
    const msgid = this.#nextMsgid++;
    if (dedupKey !== undefined) this.#dedup.set(dedupKey, { msgid, atMs: nowMs });
    this.#recordMessage({
      touser,
      templateId: body.template_id as string,
      ...(typeof body.url === 'string' ? { url: body.url } : {}),
      ...(clientMsgId === undefined ? {} : { clientMsgId }),
      data,
      msgid,
    });
    return { errcode: 0, errmsg: 'ok', msgid };
  }
}

/** The template data, or the first key that is missing, not a {value: string}, or too long for a thing field. */
function readData(raw: unknown, keys: string[]): Record<string, { value: string; color?: string }> | string {
  if (raw === null || typeof raw !== 'object') return keys[0] ?? 'data';
  const data = raw as Record<string, unknown>;
  for (const key of keys) {
    const entry = data[key] as { value?: unknown } | undefined;
    if (!entry || typeof entry.value !== 'string' || entry.value === '') return key;
    if (key.startsWith('thing') && Array.from(entry.value).length > 20) return key;
  }
  return data as Record<string, { value: string; color?: string }>;
}

function json(res: ServerResponse, body: object): void {
  res.writeHead(200, { 'content-type': 'application/json; encoding=utf-8' }).end(JSON.stringify(body));
}

function parseJson(raw: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(raw);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function rid(): string {
  return randomBytes(6).toString('hex');
}
