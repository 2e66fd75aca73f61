// The access token of the WeChat account, fetched once and shared by every send until shortly before it expires.
// Unlike Alertmanager's cache this one respects expires_in, and it never runs two fetches at once: with
// /cgi-bin/token each fetch invalidates the previous token, so two concurrent fetches would break each other's sends.
import type { AxiosInstance } from 'axios';
import type { Clock } from '../clock.js';
import { readAnswer, transportError, WechatHttpError } from './wechat-errors.js';

export interface TokenSource {
  appId: string;
  appSecret: string;
  /** "stable": POST /cgi-bin/stable_token, secret in the body; "classic": GET /cgi-bin/token, secret in the URL. */
  tokenEndpoint: 'stable' | 'classic';
  /** For error texts only; the timeout itself is set on the axios instance. */
  timeoutMs: number;
}

/**
 * Refresh this long before expires_in runs out: in normal mode stable_token hands out a new token only during the
 * last 5 minutes of the old one (and keeps the old one valid meanwhile), so asking earlier would return the same one.
 */
export const REFRESH_MARGIN_MS = 5 * 60_000;
/** Tokens remembered for secrets(): the current one and those just replaced, which may still appear in texts. */
const RECENT_TOKENS = 3;

interface CachedToken {
  token: string;
  freshUntilMonoMs: number;
}

export class TokenCache {
  readonly #http: AxiosInstance;
  readonly #source: TokenSource;
  readonly #clock: Clock;
  #cached: CachedToken | null = null;
  #inFlight: Promise<string> | null = null;
  #recent: string[] = [];
  #fetchCount = 0;

  constructor(http: AxiosInstance, source: TokenSource, clock: Clock) {
    this.#http = http;
    this.#source = source;
    this.#clock = clock;
  }

  /** A valid token: the cached one, or the result of the one fetch in flight (started if none is). */
  get(): Promise<string> {
    const cached = this.#cached;
    if (cached && this.#clock.monoMs() < cached.freshUntilMonoMs) return Promise.resolve(cached.token);
    if (!this.#inFlight) {
      this.#inFlight = this.#fetch().finally(() => {
        this.#inFlight = null;
      });
    }
    return this.#inFlight;
  }

  /**
   * Drops the cached token if it is still `token` (the one WeChat refused). A caller holding an older token does
   * nothing, so N senders failing with the same token cause one refresh, not N.
   */
  invalidate(token: string): void {
    if (this.#cached?.token === token) this.#cached = null;
  }

  /** Tokens that may appear in texts, for scrubbing. */
  tokens(): string[] {
    return [...this.#recent];
  }

  /** Fetches made so far (for status and tests). */
  get fetchCount(): number {
    return this.#fetchCount;
  }

  async #fetch(): Promise<string> {
    this.#fetchCount += 1;
    const { appId, appSecret, tokenEndpoint, timeoutMs } = this.#source;
    let status: number;
    let data: unknown;
    try {
      const response =
        tokenEndpoint === 'stable'
          ? // Never force_refresh: it is limited to 20 a day and invalidates the token other programs of the account use.
            await this.#http.post('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: appId, secret: appSecret })
          : await this.#http.get('/cgi-bin/token', { params: { grant_type: 'client_credential', appid: appId, secret: appSecret } });
      status = response.status;
      data = response.data;
    } catch (e: unknown) {
      throw transportError(e, timeoutMs);
    }
    const body = readAnswer(status, data, 'token');
    const token = body.access_token;
    const expiresInS = body.expires_in;
    if (typeof token !== 'string' || token === '' || typeof expiresInS !== 'number' || !(expiresInS > 0)) {
      throw new WechatHttpError('WeChat token answer lacks access_token or expires_in');
    }
    const lifetimeMs = expiresInS * 1000;
    // A short-lived token (expires_in under 10 min) is used for its first half rather than not at all.
    const marginMs = Math.min(REFRESH_MARGIN_MS, lifetimeMs / 2);
    // Monotonic: a wall-clock step must neither keep an expired token nor throw away a fresh one.
    this.#cached = { token, freshUntilMonoMs: this.#clock.monoMs() + lifetimeMs - marginMs };
    this.#recent = [token, ...this.#recent.filter((t) => t !== token)].slice(0, RECENT_TOKENS);
    return token;
  }
}
