// What an HTTP channel (wecom, webhook) tells the outbox when a POST fails: retry or give up, and a short text that is
// safe to log. The split follows Alertmanager's notify package: the network, timeouts, 5xx and 429 are the remote's
// problem and pass; any other 4xx is ours (URL, token, body) and retrying would only repeat it.
import type { AxiosError } from 'axios';
import { formatDurationMs } from '../config/duration.js';
import { redactText } from '../config/redact.js';
import type { SendResult } from './channel.js';

export type SendFailure = Extract<SendResult, { ok: false }>;

export interface HttpErrorContext {
  /** Every secret the channel holds: they are cut out of the error text (servers and axios echo URLs). */
  secrets: readonly string[];
  /** The per-attempt timeout, to say "timed out after 10s" rather than axios's "timeout of 10000ms exceeded". */
  timeoutMs: number;
  /** For a Retry-After given as an HTTP date. */
  nowMs: number;
  /** A line the user can act on for this status (undefined: a network error); e.g. 401 -> "check ...headers". */
  hintFor?: (status: number | undefined) => string | undefined;
}

/** Longest error text: it ends up in the alert log, the dashboard status line and /metrics labels. */
export const MAX_ERROR_CHARS = 200;
const MAX_BODY_CHARS = 80;
/** A server asking us to wait longer than this is more likely broken than busy; the queue must not stall for days. */
export const MAX_RETRY_AFTER_MS = 3_600_000;

/** Classifies whatever axios threw for one POST (validateStatus left at 2xx, so statuses arrive here too). */
export function classifyHttpError(error: unknown, context: HttpErrorContext): SendFailure {
  const response = isAxiosError(error) ? error.response : undefined;
  if (response) {
    const retryAfterMs = parseRetryAfterMs(headerText(response.headers['retry-after']), context.nowMs);
    return classifyHttpStatus(response.status, { ...context, statusText: response.statusText, body: response.data, retryAfterMs });
  }
  return withHint({ ok: false, retryable: true, error: safeText(networkErrorText(error, context.timeoutMs), context.secrets) }, context, undefined);
}

/** axios's own test (error.isAxiosError === true), without loading axios into a process that has no HTTP channel. */
function isAxiosError(error: unknown): error is AxiosError {
  return error !== null && typeof error === 'object' && (error as { isAxiosError?: unknown }).isAxiosError === true;
}

interface StatusDetails extends HttpErrorContext {
  statusText?: string;
  body?: unknown;
  retryAfterMs?: number;
}

/** A non-2xx reply: 5xx, 408 and 429 are retryable (429 with the remote's Retry-After), other statuses are permanent. */
export function classifyHttpStatus(status: number, details: StatusDetails): SendFailure {
  // 408 is the server timing out our request: the same situation as a client-side timeout.
  const retryable = status >= 500 || status === 429 || status === 408;
  const reason = details.statusText ? ` ${details.statusText}` : '';
  const snippet = bodySnippet(details.body, details.secrets);
  const failure: SendFailure = {
    ok: false,
    retryable,
    error: safeText(`HTTP ${status}${reason}${snippet ? `: ${snippet}` : ''}`, details.secrets),
  };
  if (retryable && details.retryAfterMs !== undefined) failure.retryAfterMs = details.retryAfterMs;
  return withHint(failure, details, status);
}

/** Retry-After is either delay-seconds ("7") or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfterMs(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  let delayMs: number;
  if (/^\d+(\.\d+)?$/.test(text)) delayMs = Math.round(Number(text) * 1000);
  else {
    const atMs = Date.parse(text);
    if (Number.isNaN(atMs)) return undefined;
    delayMs = atMs - nowMs;
  }
  return Math.min(Math.max(0, delayMs), MAX_RETRY_AFTER_MS);
}

/** Secret-free and short: every known secret and URL credential/token parameter becomes ***. */
export function safeText(text: string, secrets: readonly string[]): string {
  const clean = redactText(text.replace(/\s+/g, ' ').trim(), secrets);
  return clean.length <= MAX_ERROR_CHARS ? clean : `${clean.slice(0, MAX_ERROR_CHARS - 1)}…`;
}

function withHint(failure: SendFailure, context: HttpErrorContext, status: number | undefined): SendFailure {
  const hint = context.hintFor?.(status);
  return hint ? { ...failure, hint } : failure;
}

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'DNS lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
};

function networkErrorText(error: unknown, timeoutMs: number): string {
  if (!(error instanceof Error)) return `request failed: ${String(error)}`;
  const code = (error as { code?: unknown }).code;
  // axios reports its own timeout as ECONNABORTED/ETIMEDOUT and an aborted signal (our total deadline) as ERR_CANCELED.
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || code === 'ERR_CANCELED') {
    return `timed out after ${formatDurationMs(timeoutMs)}`;
  }
  const known = typeof code === 'string' ? NETWORK_CODES[code] : undefined;
  // The message carries the address ("connect ECONNREFUSED 127.0.0.1:8080"), which is what the user needs to check.
  return known ? `${known}: ${error.message}` : `request failed: ${error.message}`;
}

function headerText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return undefined;
}

/**
 * The start of the reply body: servers often say why ("invalid token") and that is what the user needs. Redacted
 * before it is cut, so that a secret split by the cut cannot slip through half-visible. HTML error pages say
 * nothing the status does not, and are left out.
 */
function bodySnippet(body: unknown, secrets: readonly string[]): string {
  if (body === undefined || body === null || body === '') return '';
  const text = typeof body === 'string' ? body : safeJson(body);
  const flat = redactText(text.replace(/\s+/g, ' ').trim(), secrets);
  if (flat.startsWith('<')) return '';
  return flat.length <= MAX_BODY_CHARS ? flat : `${flat.slice(0, MAX_BODY_CHARS - 1)}…`;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}

/** The parsed body of a non-2xx reply, for robots that explain a 4xx in their usual JSON (Feishu's 400 + code). */
export function errorReplyBody(error: unknown): unknown {
  return isAxiosError(error) ? error.response?.data : undefined;
}

/** "sign not match, more: [https://...]" / "invalid webhook url, hint: [...]" -> the part before the link. */
export function shortRobotMessage(message: unknown): string {
  if (typeof message !== 'string' || message === '') return 'no message';
  return message.replace(/,?\s*(hint|more)\s*:[\s\S]*$/i, '').trim() || message;
}
