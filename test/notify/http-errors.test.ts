import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AxiosError, AxiosHeaders, type AxiosResponse } from 'axios';
import { classifyHttpError, MAX_ERROR_CHARS, MAX_RETRY_AFTER_MS, parseRetryAfterMs, safeText } from '../../src/notify/http-errors.js';

const NOW_MS = Date.UTC(2026, 0, 1);
const context = { secrets: ['s3cret-header-value'], timeoutMs: 10_000, nowMs: NOW_MS };

function statusError(status: number, statusText: string, data: unknown, headers: Record<string, string> = {}): AxiosError {
  const config = { headers: new AxiosHeaders() };
  const response: AxiosResponse = { status, statusText, data, headers, config };
  return new AxiosError(`Request failed with status code ${status}`, AxiosError.ERR_BAD_RESPONSE, config, {}, response);
}

test('5xx, 408 and 429 are retryable; other 4xx and 3xx are permanent; the status is in the error', () => {
  const cases: [number, boolean][] = [[500, true], [502, true], [503, true], [408, true], [429, true], [400, false], [401, false], [404, false], [422, false], [301, false]];
  for (const [status, retryable] of cases) {
    const failure = classifyHttpError(statusError(status, 'Reason', ''), context);
    assert.equal(failure.retryable, retryable, `status ${status}`);
    assert.equal(failure.error, `HTTP ${status} Reason`);
  }
});

test('429 honours Retry-After; a permanent status ignores it', () => {
  assert.equal(classifyHttpError(statusError(429, 'Too Many Requests', '', { 'retry-after': '7' }), context).retryAfterMs, 7000);
  assert.equal(classifyHttpError(statusError(400, 'Bad Request', '', { 'retry-after': '7' }), context).retryAfterMs, undefined);
});

test('Retry-After as seconds or HTTP date; unreadable ignored; absurd waits capped', () => {
  assert.equal(parseRetryAfterMs('7', NOW_MS), 7000);
  assert.equal(parseRetryAfterMs(' 0 ', NOW_MS), 0);
  assert.equal(parseRetryAfterMs(new Date(NOW_MS + 90_000).toUTCString(), NOW_MS), 90_000);
  assert.equal(parseRetryAfterMs(new Date(NOW_MS - 90_000).toUTCString(), NOW_MS), 0);
  assert.equal(parseRetryAfterMs('soon', NOW_MS), undefined);
  assert.equal(parseRetryAfterMs(undefined, NOW_MS), undefined);
  assert.equal(parseRetryAfterMs('999999', NOW_MS), MAX_RETRY_AFTER_MS);
});

test('the reply body is quoted briefly, redacted before it is cut, and HTML pages are left out', () => {
  const json = classifyHttpError(statusError(403, 'Forbidden', { error: 'bad token s3cret-header-value' }), context);
  assert.equal(json.error, 'HTTP 403 Forbidden: {"error":"bad token ***"}');
  const html = classifyHttpError(statusError(502, 'Bad Gateway', '<html><body>nginx</body></html>'), context);
  assert.equal(html.error, 'HTTP 502 Bad Gateway');
  // the secret straddles the 80-character cut: half of it must not survive
  const long = classifyHttpError(statusError(400, 'Bad Request', `${'x'.repeat(70)} s3cret-header-value`), context);
  assert.ok(!long.error.includes('s3cret'), long.error);
});

test('network errors and timeouts are retryable with a plain reason', () => {
  const refused = new AxiosError('connect ECONNREFUSED 127.0.0.1:9', 'ECONNREFUSED');
  assert.deepEqual(classifyHttpError(refused, context), { ok: false, retryable: true, error: 'connection refused: connect ECONNREFUSED 127.0.0.1:9' });
  for (const code of ['ECONNABORTED', 'ETIMEDOUT', 'ERR_CANCELED']) {
    const failure = classifyHttpError(new AxiosError('timeout of 10000ms exceeded', code), context);
    assert.equal(failure.retryable, true);
    assert.equal(failure.error, 'timed out after 10s');
  }
  assert.equal(classifyHttpError('weird', context).retryable, true);
});

test('hintFor gets the status, or undefined for network errors', () => {
  const seen: (number | undefined)[] = [];
  const hintFor = (status: number | undefined) => {
    seen.push(status);
    return status === 404 ? 'check the url' : undefined;
  };
  assert.equal(classifyHttpError(statusError(404, 'Not Found', ''), { ...context, hintFor }).hint, 'check the url');
  assert.equal('hint' in classifyHttpError(new AxiosError('x', 'ECONNRESET'), { ...context, hintFor }), false);
  assert.deepEqual(seen, [404, undefined]);
});

test('safeText hides key=, access_token=, token=, user:pass@ and the given secrets, and stays short', () => {
  const text = safeText(
    'GET https://bob:hunter2@x.example/send?key=KEY123&access_token=AT456&token=TK789 failed (s3cret-header-value)',
    context.secrets,
  );
  for (const secret of ['hunter2', 'KEY123', 'AT456', 'TK789', 's3cret-header-value', 'bob']) assert.ok(!text.includes(secret), text);
  assert.match(text, /key=\*\*\*&access_token=\*\*\*&token=\*\*\*/);
  assert.equal(safeText('a'.repeat(1000), []).length, MAX_ERROR_CHARS);
  assert.equal(safeText('line one\n  line two', []), 'line one line two');
});
