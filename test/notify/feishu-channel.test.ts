import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { FakeClock } from '../../src/clock.js';
import type { SendResult } from '../../src/notify/channel.js';
import { createFeishuChannel, feishuConfigSchema, FEISHU_FREQ_LIMIT_RETRY_MS } from '../../src/notify/feishu-channel.js';
import { startConnectProxy, type ConnectProxy } from '../helpers/connect-proxy.js';
import { FeishuStandin, type FeishuStandinOptions } from '../helpers/feishu-standin.js';
import { sampleNotification } from './sample-notification.js';

const TOKEN = 'fs-token-5e1d7c2b-9a0f';
const SECRET = 'fs-Secret-b3c9d8e71';
const stops: (() => Promise<void>)[] = [];
after(async () => {
  for (const stop of stops) await stop();
});

async function bot(options: Partial<FeishuStandinOptions> = {}): Promise<FeishuStandin> {
  const standin = await new FeishuStandin({ token: TOKEN, ...options }).start();
  stops.push(() => standin.stop());
  return standin;
}

function channel(fields: Record<string, unknown>, clock = new FakeClock(Date.now())) {
  return createFeishuChannel(feishuConfigSchema.parse(fields), { clock });
}

function failed(result: SendResult): Extract<SendResult, { ok: false }> {
  assert.equal(result.ok, false, `expected a failure, got ${JSON.stringify(result)}`);
  return result as Extract<SendResult, { ok: false }>;
}

function assertNoSecret(result: SendResult): void {
  const text = JSON.stringify(result);
  for (const secret of [TOKEN, SECRET]) assert.ok(!text.includes(secret), `leaks ${secret}: ${text}`);
}

test('a signed card is accepted by a bot that verifies signatures', async () => {
  const standin = await bot({ secret: SECRET });
  assert.deepEqual(await channel({ webhook: standin.url, secret: SECRET }).send(sampleNotification({ test: true })), { ok: true });
  const body = standin.accepted[0]?.body;
  assert.equal(body?.msg_type, 'interactive');
  assert.match(String(body?.timestamp), /^\d{10}$/);
  assert.match(body?.card?.header?.title?.content ?? '', /^\[TEST\] \[srvmon\] web-1: CRITICAL/);
  assert.equal(body?.card?.header?.template, 'red');
  assert.match(body?.card?.elements?.[0]?.text?.content ?? '', /Disk usage of \/data 96\.2% is above 95%/);
});

test('signature mismatch, a missing secret and a clock off by 2 hours: code 19021, permanent, with a hint', async () => {
  const standin = await bot({ secret: SECRET });
  const wrong = failed(await channel({ webhook: standin.url, secret: 'fs-not-the-secret' }).send(sampleNotification()));
  assert.equal(wrong.retryable, false);
  assert.equal(wrong.error, 'Feishu code 19021: sign match fail or timestamp is not within one hour from current time');
  assert.match(wrong.hint ?? '', /^signature mismatch: check channels\.feishu\.secret/);
  assertNoSecret(wrong);
  assert.match(failed(await channel({ webhook: standin.url }).send(sampleNotification())).hint ?? '', /set channels\.feishu\.secret/);
  const skewed = failed(await channel({ webhook: standin.url, secret: SECRET }, new FakeClock(Date.now() + 2 * 3_600_000)).send(sampleNotification()));
  assert.equal(skewed.error.startsWith('Feishu code 19021'), true);
  assert.equal(standin.accepted.length, 0);
});

test('keyword filter and wrong token: hints, no token in the text', async () => {
  const standin = await bot({ keywords: ['告警'] });
  assert.equal(
    failed(await channel({ webhook: standin.url }).send(sampleNotification())).hint,
    "the bot's custom keyword must appear in the message: add it to channels.feishu.keyword",
  );
  assert.deepEqual(await channel({ webhook: standin.url, keyword: '告警' }).send(sampleNotification()), { ok: true });
  const other = standin.url.replace(TOKEN, 'fs-token-other-1234');
  const wrong = failed(await channel({ webhook: other }).send(sampleNotification()));
  assert.match(wrong.hint ?? '', /token at the end of channels\.feishu\.webhook/);
  assert.ok(!JSON.stringify(wrong).includes('fs-token-other-1234'), JSON.stringify(wrong));
});

test('5 a second and 100 a minute held locally on the monotonic clock; 11232 from a shared bot is retried', async () => {
  const clock = new FakeClock(Date.now());
  // The bot counts on the same clock, so the test moves both by hand.
  const standin = await bot({ nowMs: () => clock.nowMs() });
  const feishu = channel({ webhook: standin.url }, clock);
  for (let i = 0; i < 5; i++) assert.deepEqual(await feishu.send(sampleNotification()), { ok: true });
  const held = failed(await feishu.send(sampleNotification()));
  assert.deepEqual(held, { ok: false, retryable: true, deferred: true, retryAfterMs: 1000, error: 'rate limited locally (5/s, 100/min)' });
  clock.advance(1000);
  assert.deepEqual(await feishu.send(sampleNotification()), { ok: true });
  assert.equal(standin.requests.length, 6);

  const shared = await bot({ limits: [{ max: 1, windowMs: 60_000 }] });
  const two = channel({ webhook: shared.url });
  assert.deepEqual(await two.send(sampleNotification()), { ok: true });
  const limited = failed(await two.send(sampleNotification()));
  assert.deepEqual([limited.retryable, limited.retryAfterMs], [true, FEISHU_FREQ_LIMIT_RETRY_MS]);
  assert.match(limited.error, /^Feishu code 11232: frequency limited/);
});

test('a 400 Bad Request (9499) is read from its JSON body: permanent, with a hint', async () => {
  const standin = await bot({ msgTypes: ['text'] });
  const refused = failed(await channel({ webhook: standin.url }).send(sampleNotification()));
  assert.equal(refused.retryable, false);
  assert.equal(refused.error, 'Feishu code 9499: Bad Request');
  assert.match(refused.hint ?? '', /custom bot/);
});

test('markup in untrusted text is neutralised in the card', async () => {
  const standin = await bot();
  const evil = '/mnt/<at id=all></at> [x](http://evil.example) **b**';
  await channel({ webhook: standin.url }).send(sampleNotification({ mountpoint: evil, rule: `disk:${evil}`, message: `Disk ${evil}` }));
  const text = standin.accepted[0]?.body.card?.elements?.[0]?.text?.content ?? '';
  assert.ok(!text.includes('<at'), text);
  assert.ok(!text.includes('[x](http'), text);
  assert.ok(!text.includes('**b**'), text);
});

test('proxy: the request goes through the CONNECT proxy set in channels.feishu.proxy', async () => {
  const standin = await bot({ secret: SECRET });
  const proxy: ConnectProxy = await startConnectProxy();
  stops.push(() => proxy.close());
  assert.deepEqual(await channel({ webhook: standin.url, secret: SECRET, proxy: proxy.url }).send(sampleNotification()), { ok: true });
  assert.equal(proxy.tunnels.length, 1);
});

test('@mentions: <at id=…></at> for each user id and for all, in the card text, kept when the text is cut', async () => {
  const standin = await bot({ secret: SECRET });
  const at = { userIds: ['ou_7d8a6e6df7621556ce0d21922b676706', 'u123'], all: true };
  assert.deepEqual(await channel({ webhook: standin.url, secret: SECRET, at }).send(sampleNotification({ message: '满'.repeat(10_000) })), { ok: true });
  const [message] = standin.accepted;
  assert.deepEqual(message?.mentioned, ['ou_7d8a6e6df7621556ce0d21922b676706', 'u123', 'all']);
  assert.match(message?.body.card?.elements?.[0]?.text?.content ?? '', /…\n\n<at id=ou_7d8a6e6df7621556ce0d21922b676706><\/at> <at id=u123><\/at> <at id=all><\/at>$/);
  const plain = await bot();
  assert.deepEqual(await channel({ webhook: plain.url }).send(sampleNotification()), { ok: true });
  assert.deepEqual(plain.accepted[0]?.mentioned, []);
  // An id cannot carry markup into the card.
  assert.equal(feishuConfigSchema.safeParse({ webhook: standin.url, at: { userIds: ['x></at><at id=all'] } }).success, false);
});
