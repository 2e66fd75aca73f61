import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { FakeClock } from '../../src/clock.js';
import { redactString, urlSecrets } from '../../src/config/redact.js';
import { RateLimits, SlidingWindowLimiter, takeRateSlot } from '../../src/notify/http-kit.js';
import { WebhookChannel } from '../../src/notify/webhook-channel.js';
import { webhookConfigSchema } from '../../src/notify/webhook-config.js';
import { startConnectProxy, type ConnectProxy } from '../helpers/connect-proxy.js';
import { startSocks5Proxy } from '../helpers/socks5-proxy.js';
import { closeRecorders, startRecorder } from '../helpers/http-recorder.js';
import { freePort } from '../helpers/smtp-sink.js';
import { sampleNotification } from './sample-notification.js';

const proxies: ConnectProxy[] = [];
after(async () => {
  for (const proxy of proxies) await proxy.close();
  await closeRecorders();
});

test('redactString covers signatures, send keys and tokens in paths', () => {
  assert.equal(
    redactString('POST https://oapi.dingtalk.com/robot/send?access_token=abc123&timestamp=1700000000000&sign=Zm9vYmFy%3D failed'),
    'POST https://oapi.dingtalk.com/robot/send?access_token=***&timestamp=1700000000000&sign=*** failed',
  );
  assert.equal(redactString('https://x/send?sendkey=SCTabc'), 'https://x/send?sendkey=***');
  assert.equal(redactString('https://api.telegram.org/bot123456:AAH-x_y/sendMessage'), 'https://api.telegram.org/bot***/sendMessage');
  assert.equal(
    redactString('https://open.feishu.cn/open-apis/bot/v2/hook/0b9e6f1c-2d3a-4c5b-8e7f-123456789abc'),
    'https://open.feishu.cn/open-apis/bot/v2/hook/***',
  );
  assert.equal(redactString('https://sctapi.ftqq.com/SCT12345abc.send'), 'https://sctapi.ftqq.com/***.send');
  assert.equal(redactString('socks5://me:pw@proxy:1080'), 'socks5://***@proxy:1080');
  // Ordinary words that merely contain the parameter names stay.
  assert.equal(redactString('design=1&monkey=2 /robot/send'), 'design=1&monkey=2 /robot/send');
});

test('urlSecrets lists the same credentials redactString hides, including path tokens', () => {
  assert.deepEqual(urlSecrets('https://oapi.dingtalk.com/robot/send?access_token=tok123'), ['tok123']);
  assert.deepEqual(urlSecrets('https://open.feishu.cn/open-apis/bot/v2/hook/0b9e6f1c-2d3a'), ['0b9e6f1c-2d3a']);
  assert.deepEqual(urlSecrets('https://api.telegram.org/bot123:abc/sendMessage'), ['123:abc']);
  assert.ok(urlSecrets('http://u:p%40ss@proxy:3128').includes('p@ss'));
});

test('RateLimits waits for the slowest of its windows, on the monotonic clock', () => {
  const limits = new RateLimits([
    { max: 5, windowMs: 1000 },
    { max: 7, windowMs: 60_000 },
  ]);
  for (let i = 0; i < 5; i++) assert.equal(takeRateSlot(limits, 0, '5/s'), undefined);
  assert.deepEqual(takeRateSlot(limits, 10, '5/s'), { ok: false, retryable: true, deferred: true, retryAfterMs: 990, error: 'rate limited locally (5/s)' });
  assert.equal(takeRateSlot(limits, 1000, '5/s'), undefined);
  assert.equal(takeRateSlot(limits, 1001, '5/s'), undefined);
  // 7 in the minute: the minute window now decides (the first send leaves it at 60000).
  assert.equal(limits.waitMs(2500), 57_500);
  const single = new SlidingWindowLimiter(1, 100);
  single.record(50);
  assert.equal(single.waitMs(60), 90);
  assert.equal(single.waitMs(150), 0);
});

test('proxy: a channel with proxy set sends through the CONNECT proxy, and its password never shows', async () => {
  const receiver = await startRecorder((_req, res) => res.writeHead(200).end('{}'));
  const proxy = await startConnectProxy({ username: 'ops', password: 'proxy-Pw-91c3' });
  proxies.push(proxy);
  const channel = new WebhookChannel(webhookConfigSchema.parse({ url: `${receiver.baseUrl}/hook`, proxy: proxy.url }), { clock: new FakeClock() });
  assert.deepEqual(await channel.send(sampleNotification()), { ok: true });
  assert.equal(proxy.tunnels.length, 1);
  assert.equal(proxy.tunnels[0], new URL(receiver.baseUrl).host);
  assert.equal(receiver.requests.length, 1);
  assert.ok(channel.secrets().includes('proxy-Pw-91c3'));

  // Wrong proxy password: a permanent 407 naming no password.
  const wrong = proxy.url.replace('proxy-Pw-91c3', 'proxy-Wrong-77');
  const refused = await new WebhookChannel(webhookConfigSchema.parse({ url: `${receiver.baseUrl}/hook`, proxy: wrong }), { clock: new FakeClock() }).send(
    sampleNotification(),
  );
  assert.equal(refused.ok, false);
  assert.ok(!JSON.stringify(refused).includes('proxy-Wrong-77'), JSON.stringify(refused));

  // A dead proxy is a network error: retryable, and it names the proxy without its credentials.
  const deadPort = await freePort();
  const dead = await new WebhookChannel(
    webhookConfigSchema.parse({ url: `${receiver.baseUrl}/hook`, proxy: `http://ops:proxy-Pw-91c3@127.0.0.1:${deadPort}` }),
    { clock: new FakeClock() },
  ).send(sampleNotification());
  assert.equal(dead.ok, false);
  assert.equal(!dead.ok && dead.retryable, true);
  assert.ok(!JSON.stringify(dead).includes('proxy-Pw-91c3'), JSON.stringify(dead));
});

test('proxy: socks5:// goes through a SOCKS5 proxy', async () => {
  const receiver = await startRecorder((_req, res) => res.writeHead(200).end('{}'));
  const socks = await startSocks5Proxy();
  proxies.push({ url: socks.url, tunnels: socks.connects, authorizations: [], close: socks.close });
  const channel = new WebhookChannel(webhookConfigSchema.parse({ url: `${receiver.baseUrl}/hook`, proxy: socks.url }), { clock: new FakeClock() });
  assert.deepEqual(await channel.send(sampleNotification()), { ok: true });
  assert.deepEqual(socks.connects, [new URL(receiver.baseUrl).host]);
  assert.equal(receiver.requests.length, 1);
});

test('proxy: only http(s) and socks5 proxy URLs are accepted', () => {
  assert.equal(webhookConfigSchema.safeParse({ url: 'http://x/', proxy: 'socks5://127.0.0.1:1080' }).success, true);
  assert.equal(webhookConfigSchema.safeParse({ url: 'http://x/', proxy: 'ftp://127.0.0.1:21' }).success, false);
});

test('redactString hides secret members of an echoed JSON body', () => {
  assert.equal(
    redactString('bad request {"timestamp":"1700000000","sign":"tcs+Lx/h=","msg_type":"interactive"}'),
    'bad request {"timestamp":"1700000000","sign":"***","msg_type":"interactive"}',
  );
  assert.equal(redactString('{"token": "a\\"b", "design": "x"}'), '{"token": "***", "design": "x"}');
});
