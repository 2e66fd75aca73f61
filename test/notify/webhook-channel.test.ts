import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { after, test } from 'node:test';
import { FakeClock } from '../../src/clock.js';
import type { Notification, SendResult } from '../../src/notify/channel.js';
import { urlSecrets } from '../../src/config/redact.js';
import { WebhookChannel } from '../../src/notify/webhook-channel.js';
import { webhookConfigSchema } from '../../src/notify/webhook-config.js';
import type { AlertEvent } from '../../src/types.js';
import { closeRecorders, startRecorder, type RecordedRequest, type Reply } from '../helpers/http-recorder.js';
import { freePort } from '../helpers/smtp-sink.js';
import { sampleNotification } from './sample-notification.js';

// --- a real local HTTP server that records what it receives ---

type Received = RecordedRequest;
after(closeRecorders);
const startServer = startRecorder;

const closedPort = freePort;

// --- fixtures ---

const AUTH = 'Bearer hdr-secret-4f2a';
const API_KEY = 'apikey-secret-77c1';

function channelFor(url: string, headers: Record<string, string> = { Authorization: AUTH, 'X-Api-Key': API_KEY }) {
  const config = webhookConfigSchema.parse({ url, headers });
  return new WebhookChannel(config, { clock: new FakeClock() });
}

const notification = (overrides: Partial<AlertEvent> = {}): Notification => sampleNotification(overrides);

function failed(result: SendResult): Extract<SendResult, { ok: false }> {
  assert.equal(result.ok, false, 'expected a failure');
  return result as Extract<SendResult, { ok: false }>;
}

function reply(status: number, body = '', headers: Record<string, string> = {}): Reply {
  return (_request, res) => {
    res.writeHead(status, headers);
    res.end(body);
  };
}

// --- tests ---

test('POSTs the documented JSON body with the configured headers', async () => {
  const server = await startServer(reply(204));
  const result = await channelFor(`${server.baseUrl}/hook`).send(notification({ test: true }));
  assert.deepEqual(result, { ok: true });
  assert.equal(server.requests.length, 1);
  const [request] = server.requests;
  assert.equal(request.method, 'POST');
  assert.equal(request.url, '/hook');
  assert.match(String(request.headers['content-type']), /^application\/json/);
  assert.equal(request.headers.authorization, AUTH);
  assert.equal(request.headers['x-api-key'], API_KEY);
  assert.deepEqual(JSON.parse(request.body), {
    version: 1,
    id: 'e42',
    host: 'web-1',
    rule: 'disk:/data',
    state: 'firing',
    severity: 'critical',
    value: 96.2,
    threshold: 95,
    window: 3,
    message: 'Disk usage of /data 96.2% is above 95%',
    time: '2026-01-01T08:00:00.000Z',
    since: '2026-01-01T07:45:00.000Z',
    muted: false,
    test: true,
    durationMs: 900_000,
  });
});

test('test is false, not absent, on real alerts', async () => {
  const server = await startServer(reply(200, 'ok'));
  assert.deepEqual(await channelFor(server.baseUrl).send(notification()), { ok: true });
  assert.equal(JSON.parse(server.requests[0].body).test, false);
});

test('500 is retryable', async () => {
  const server = await startServer(reply(500, 'database down'));
  const failure = failed(await channelFor(server.baseUrl).send(notification()));
  assert.equal(failure.retryable, true);
  assert.equal(failure.error, 'HTTP 500 Internal Server Error: database down');
});

test('404 is permanent, says the status and points at the url', async () => {
  const server = await startServer(reply(404));
  const failure = failed(await channelFor(server.baseUrl).send(notification()));
  assert.equal(failure.retryable, false);
  assert.match(failure.error, /HTTP 404/);
  assert.equal(failure.hint, 'check channels.webhook.url');
});

test('429 with Retry-After: 7 is retryable after 7000 ms', async () => {
  const server = await startServer(reply(429, '', { 'Retry-After': '7' }));
  const failure = failed(await channelFor(server.baseUrl).send(notification()));
  assert.equal(failure.retryable, true);
  assert.equal(failure.retryAfterMs, 7000);
});

test('connection refused is retryable', async () => {
  const port = await closedPort();
  const failure = failed(await channelFor(`http://127.0.0.1:${port}/hook`).send(notification()));
  assert.equal(failure.retryable, true);
  assert.match(failure.error, /connection refused/);
});

test('a redirect is not followed (it would carry the headers elsewhere)', async () => {
  const elsewhere = await startServer(reply(200));
  const server = await startServer(reply(302, '', { Location: `${elsewhere.baseUrl}/steal` }));
  const failure = failed(await channelFor(server.baseUrl).send(notification()));
  assert.equal(failure.retryable, false);
  assert.match(failure.hint ?? '', /redirects are not followed/);
  assert.equal(elsewhere.requests.length, 0);
});

test('header values and URL credentials never appear in error texts', async () => {
  // A server that echoes everything it got, in the body of each kind of failure.
  const echo =
    (status: number): Reply =>
    (request, res) => {
      res.writeHead(status, { 'Content-Type': 'text/plain' });
      res.end(`refused ${String(request.headers.authorization)} ${String(request.headers['x-api-key'])} for ${request.url}`);
    };
  const texts: string[] = [];
  const collect = (result: SendResult) => {
    const failure = failed(result);
    texts.push(failure.error, failure.hint ?? '');
  };
  for (const status of [400, 401, 403, 500, 503]) {
    const server = await startServer(echo(status));
    // user:pass@ replaces the Authorization header (axios sends it as Basic), so only some servers get it
    const base = status >= 500 ? server.baseUrl.replace('http://', 'http://robot:url-pass-91@') : server.baseUrl;
    const url = `${base}/hook?token=url-token-55&x=1`;
    collect(await channelFor(url).send(notification()));
  }
  const port = await closedPort();
  collect(await channelFor(`http://robot:url-pass-91@127.0.0.1:${port}/hook?token=url-token-55`).send(notification()));
  assert.equal(texts.length, 12);
  // the echo did reach the error texts, redacted: the check below is not vacuous
  assert.ok(texts.some((text) => text.includes('refused *** *** for /hook?token=***')), texts.join('\n'));
  assert.ok(texts.some((text) => text.includes('refused Basic *** *** for /hook?token=***')), texts.join('\n'));
  for (const text of texts) {
    const basic = Buffer.from('robot:url-pass-91').toString('base64');
    for (const secret of [AUTH, 'hdr-secret-4f2a', API_KEY, 'url-pass-91', 'url-token-55', basic]) {
      assert.ok(!text.includes(secret), `${JSON.stringify(secret)} leaked in ${JSON.stringify(text)}`);
    }
  }
});

test('secrets() lists header values, the URL password and token parameters', () => {
  const channel = channelFor('https://robot:p%40ss@hooks.example/x?token=tk1&access_token=at2&page=3', { Authorization: AUTH });
  const basic = Buffer.from('robot:p@ss').toString('base64');
  assert.deepEqual(new Set(channel.secrets()), new Set([AUTH, 'p%40ss', 'p@ss', basic, 'tk1', 'at2']));
  assert.deepEqual(urlSecrets('https://hooks.example/x?page=3'), []);
});

test('config: url must be http(s), headers are strings, timeout has a unit, unknown keys refused', () => {
  assert.deepEqual(webhookConfigSchema.parse({ url: 'https://hooks.example/x', timeout: '3s' }), {
    url: 'https://hooks.example/x',
    headers: {},
    timeoutMs: 3000,
  });
  assert.equal(webhookConfigSchema.safeParse({ url: 'ftp://hooks.example/x' }).success, false);
  assert.equal(webhookConfigSchema.safeParse({ url: 'https://hooks.example/x', headers: { A: 1 } }).success, false);
  assert.equal(webhookConfigSchema.safeParse({ url: 'https://hooks.example/x', timeout: 5 }).success, false);
  assert.equal(webhookConfigSchema.safeParse({ url: 'https://hooks.example/x', header: {} }).success, false);
  assert.equal(webhookConfigSchema.safeParse({}).success, false);
});
