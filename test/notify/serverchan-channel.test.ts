import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { FakeClock } from '../../src/clock.js';
import type { SendResult } from '../../src/notify/channel.js';
import { createServerchanChannel, serverchanConfigSchema } from '../../src/notify/serverchan-channel.js';
import { startConnectProxy } from '../helpers/connect-proxy.js';
import { ServerchanStandin } from '../helpers/serverchan-standin.js';
import { sampleNotification } from './sample-notification.js';

const KEY = 'SCT123456TscKey9b2e';
const stops: (() => Promise<void>)[] = [];
after(async () => {
  for (const stop of stops) await stop();
});

async function server(): Promise<ServerchanStandin> {
  const standin = await new ServerchanStandin([KEY]).start();
  stops.push(() => standin.stop());
  return standin;
}

function channel(fields: Record<string, unknown>) {
  return createServerchanChannel(serverchanConfigSchema.parse({ sendKey: KEY, ...fields }), { clock: new FakeClock() });
}

function failed(result: SendResult): Extract<SendResult, { ok: false }> {
  assert.equal(result.ok, false, `expected a failure, got ${JSON.stringify(result)}`);
  return result as Extract<SendResult, { ok: false }>;
}

test('sends title (cut to 32 characters) and markdown desp', async () => {
  const sc = await server();
  assert.deepEqual(await channel({ server: sc.url }).send(sampleNotification()), { ok: true });
  const [message] = sc.accepted;
  assert.ok([...(message?.title ?? '')].length <= 32, message?.title);
  assert.match(message?.desp ?? '', /Disk usage of \/data/);
});

test('a wrong key is permanent with a hint; the daily quota is retried, not dropped; no key in the text', async () => {
  const sc = await server();
  const wrong = failed(await createServerchanChannel(serverchanConfigSchema.parse({ sendKey: 'SCTother777', server: sc.url }), { clock: new FakeClock() }).send(sampleNotification()));
  assert.equal(wrong.retryable, false);
  assert.match(wrong.hint ?? '', /channels\.serverchan\.sendKey/);
  sc.dailyQuota = 0;
  const quota = failed(await channel({ server: sc.url }).send(sampleNotification()));
  assert.deepEqual([quota.retryable, quota.retryAfterMs], [true, 3_600_000]);
  assert.match(quota.hint ?? '', /daily quota/);
  for (const result of [wrong, quota]) assert.ok(!/SCT123456TscKey9b2e|SCTother777/.test(JSON.stringify(result)), JSON.stringify(result));
});

test('ServerChan³ keys go to their own server by default', () => {
  assert.equal(serverchanConfigSchema.parse({ sendKey: 'sctp4242tAbC' }).server, 'https://4242.push.ft07.com/send');
  assert.equal(serverchanConfigSchema.parse({ sendKey: KEY }).server, 'https://sctapi.ftqq.com');
  assert.equal(serverchanConfigSchema.safeParse({ sendKey: 'nope' }).success, false);
});

test('proxy: the request goes through the CONNECT proxy', async () => {
  const sc = await server();
  const proxy = await startConnectProxy();
  stops.push(() => proxy.close());
  assert.deepEqual(await channel({ server: sc.url, proxy: proxy.url }).send(sampleNotification()), { ok: true });
  assert.equal(proxy.tunnels.length, 1);
});
