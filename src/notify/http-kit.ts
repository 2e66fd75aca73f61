// What every HTTP channel shares, in one place: the timeout, URL and proxy config fields, the JSON POST (through a
// per-channel proxy when set), the local rate limiter and UTF-8 truncation. Failures are classified by
// http-errors.ts (re-exported here), so a channel file imports its HTTP needs from this module alone.
// Schemas import this module, and the catalogue imports every schema: so axios and the proxy agents are loaded on the
// first POST only, keeping a channel-less start free of them.
import type { Agent } from 'node:http';
import { z } from 'zod';
import { durationField } from '../config/duration-field.js';
import { urlSecrets } from '../config/redact.js';
import { GOT } from '../config/zod-issues.js';

import type { SendFailure } from './http-errors.js';

export { classifyHttpError, classifyHttpStatus, errorReplyBody, MAX_RETRY_AFTER_MS, safeText, shortRobotMessage, type SendFailure } from './http-errors.js';

/** Per-attempt timeout of an HTTP channel. @default 10s (applied by the channel, so ChannelDeps can change it) */
export const DEFAULT_HTTP_TIMEOUT_MS = 10_000;
const TIMEOUT_MIN_MS = 100;
const TIMEOUT_MAX_MS = 300_000;

/** `timeout: "10s"` -> 10000. */
export const httpTimeoutField = durationField({ minMs: TIMEOUT_MIN_MS, maxMs: TIMEOUT_MAX_MS });

/** An http:// or https:// URL; `what` says which address is meant, e.g. "the robot's webhook address". */
export function httpUrlField(what?: string) {
  const error = what ? `must be an http:// or https:// URL (${what}), ${GOT}` : `must be an http:// or https:// URL, ${GOT}`;
  return z.url({ protocol: /^https?$/, error });
}

/**
 * `proxy: http://user:pass@proxy:3128` (CONNECT, also for https://) or `socks5://host:1080` (socks5h: the proxy
 * resolves names). Its credentials are channel secrets like any other (see proxySecrets).
 */
export const proxyField = z
  .url({ protocol: /^(https?|socks5h?)$/, error: `must be an http://, https:// or socks5:// proxy URL, ${GOT}` })
  .optional();

/** The proxy's password in every form it may be echoed in (an error naming the proxy URL, a Proxy-Authorization). */
export function proxySecrets(proxy: string | undefined): string[] {
  return proxy === undefined ? [] : urlSecrets(proxy);
}

export interface PostJsonOptions {
  timeoutMs: number;
  headers?: Record<string, string>;
  auth?: { username: string; password: string };
  /** The channel's `proxy` URL; without it the request goes direct. */
  proxy?: string | undefined;
}

/** One agent per proxy URL, kept for the process: it pools the tunnels' keep-alive connections. */
const agents = new Map<string, Agent>();

async function agentFor(proxy: string): Promise<Agent> {
  let agent = agents.get(proxy);
  if (!agent) {
    const { proxyAgent } = await import('./proxy-agent.js');
    agent = proxyAgent(proxy);
    agents.set(proxy, agent);
  }
  return agent;
}

/** Resolves with the response body of a 2xx answer; throws as axios does, for classifyHttpError(). */
export async function postJson(url: string, body: unknown, options: PostJsonOptions): Promise<unknown> {
  const { default: axios } = await import('axios');
  const agent = options.proxy === undefined ? undefined : await agentFor(options.proxy);
  const response = await axios.post<unknown>(url, body, {
    headers: { 'Content-Type': 'application/json', ...options.headers },
    ...(options.auth ? { auth: options.auth } : {}),
    // axios's own proxy support (and HTTP_PROXY from the environment) is off when the channel names its proxy.
    ...(agent ? { httpAgent: agent, httpsAgent: agent, proxy: false as const } : {}),
    timeout: options.timeoutMs,
    // axios's timeout only watches for an idle socket; the signal bounds the whole attempt.
    signal: AbortSignal.timeout(options.timeoutMs),
    // A redirect would carry the credentials (Authorization, API keys, basic auth) to wherever it points.
    maxRedirects: 0,
  });
  return response.data;
}

/**
 * Cuts text to at most maxBytes of UTF-8, ending with "…" when cut. Cuts between code points only: robots reject
 * invalid UTF-8, and a Chinese character is 3 bytes, so a byte-level cut would usually land inside one.
 */
export function truncateUtf8(text: string, maxBytes: number, marker = '…'): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  const budgetBytes = maxBytes - Buffer.byteLength(marker);
  let usedBytes = 0;
  let kept = '';
  for (const codePoint of text) {
    const sizeBytes = Buffer.byteLength(codePoint);
    if (usedBytes + sizeBytes > budgetBytes) break;
    kept += codePoint;
    usedBytes += sizeBytes;
  }
  return kept + marker;
}

/** At most `max` sends in any `windowMs`, on the monotonic clock (clock.monoMs()) so a wall-clock step is harmless. */
export class SlidingWindowLimiter {
  readonly #max: number;
  readonly #windowMs: number;
  #sentAtMs: number[] = [];

  constructor(max: number, windowMs: number) {
    this.#max = max;
    this.#windowMs = windowMs;
  }

  /** 0 when a send is allowed now; otherwise how long until the oldest send leaves the window. */
  waitMs(nowMonoMs: number): number {
    this.#sentAtMs = this.#sentAtMs.filter((atMs) => atMs > nowMonoMs - this.#windowMs);
    if (this.#sentAtMs.length < this.#max) return 0;
    const oldestMs = this.#sentAtMs[0] as number;
    return oldestMs + this.#windowMs - nowMonoMs;
  }

  record(nowMonoMs: number): void {
    this.#sentAtMs.push(nowMonoMs);
  }
}

/** Several windows at once (Feishu: 5 a second and 100 a minute): a send waits for the slowest. */
export class RateLimits {
  readonly #limiters: SlidingWindowLimiter[];

  constructor(limits: readonly { max: number; windowMs: number }[]) {
    this.#limiters = limits.map(({ max, windowMs }) => new SlidingWindowLimiter(max, windowMs));
  }

  waitMs(nowMonoMs: number): number {
    return Math.max(0, ...this.#limiters.map((limiter) => limiter.waitMs(nowMonoMs)));
  }

  record(nowMonoMs: number): void {
    for (const limiter of this.#limiters) limiter.record(nowMonoMs);
  }
}

/**
 * Takes a slot in the channel's local rate limits, or says how long to wait: a `deferred` failure, which the outbox
 * treats as "not attempted" (no attempt counted, no delivery event), so the notification simply waits its turn.
 */
export function takeRateSlot(limits: RateLimits | SlidingWindowLimiter, nowMonoMs: number, describe: string): SendFailure | undefined {
  const waitMs = limits.waitMs(nowMonoMs);
  if (waitMs > 0) return { ok: false, retryable: true, deferred: true, retryAfterMs: waitMs, error: `rate limited locally (${describe})` };
  // Counted before the request: robots count attempts, including ones whose reply we never see.
  limits.record(nowMonoMs);
  return undefined;
}
