import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { FakeClock } from '../../src/clock.js';
import type { SendResult } from '../../src/notify/channel.js';
import { createPushplusChannel, pushplusConfigSchema } from '../../src/notify/pushplus-channel.js';
import { startConnectProxy } from '../helpers/connect-proxy.js';
import { PushplusStandin } from '../helpers/pushplus-standin.js';
import { sampleNotification } from './sample-notification.js';

const TOKEN = 'pp-Token-4ab19e07c2';
const stops: (() => Promise<void>)[] = [];
after(async () => {
  for (const stop of stops) await stop();
});

async function server(): Promise<PushplusStandin> {
  const standin = await new PushplusStandin([TOKEN]).start();
  stops.push(() => standin.stop());
  return standin;
}

function channel(fields: Record<string, unknown>) {
  return createPushplusChannel(pushplusConfigSchema.parse({ token: TOKEN, ...fields }), { clock: new FakeClock() });
}

function failed(result: SendResult): Extract<SendResult, { ok: false }> {
  assert.equal(result.ok, false, `expected a failure, got ${JSON.stringify(result)}`);
  return result as Extract<SendResult, { ok: false }>;
}

test('sends a markdown message (to a topic when set), markup in data neutralised', async () => {
  const pushplus = await server();
  const result = await channel({ server: pushplus.url, topic: 'ops' }).send(sampleNotification({ message: 'Disk [x](http://evil) **b**' }));
  assert.deepEqual(result, { ok: true });
  const [message] = pushplus.accepted;
  assert.equal(message?.template, 'markdown');
  assert.equal(message?.topic, 'ops');
  assert.match(message?.title ?? '', /^\[srvmon\] web-1: CRITICAL/);
  assert.ok(!message?.content?.includes('[x](http'), message?.content);
});

test('a host name of 200 characters still gives a title PushPlus takes', async () => {
  const pushplus = await server();
  const long = { ...sampleNotification(), host: 'h'.repeat(200) };
  assert.deepEqual(await channel({ server: pushplus.url }).send(long), { ok: true });
});

test('PushPlus codes: 903 token, 403 IP allowlist, 905 real name are permanent with hints; 500 is retried; token never shown', async () => {
  const pushplus = await server();
  const wrong = failed(await createPushplusChannel(pushplusConfigSchema.parse({ token: 'pp-other-999', server: pushplus.url }), { clock: new FakeClock() }).send(sampleNotification()));
  assert.deepEqual([wrong.retryable, wrong.error], [false, 'PushPlus 903: 无效的用户token']);
  assert.match(wrong.hint ?? '', /channels\.pushplus\.token/);
  pushplus.ipBlocked = true;
  const ip = failed(await channel({ server: pushplus.url }).send(sampleNotification()));
  assert.deepEqual([ip.retryable, ip.error], [false, 'PushPlus 403: 请求IP未授权']);
  assert.match(ip.hint ?? '', /IP allowlist/);
  pushplus.ipBlocked = false;
  pushplus.realNameVerified = false;
  const realName = failed(await channel({ server: pushplus.url }).send(sampleNotification()));
  assert.match(realName.hint ?? '', /实名认证/);
  pushplus.realNameVerified = true;
  pushplus.systemError = true;
  const busy = failed(await channel({ server: pushplus.url }).send(sampleNotification()));
  assert.deepEqual([busy.retryable, busy.error], [true, 'PushPlus 500: 系统异常，请稍后再试']);
  for (const result of [wrong, ip, realName, busy]) assert.ok(!JSON.stringify(result).includes(TOKEN));
});

test('900 (account restricted for the day) pauses the channel until 00:00 Beijing time instead of dropping', async () => {
  const pushplus = await server();
  pushplus.dailyQuota = 0;
  const clock = new FakeClock(Date.UTC(2026, 0, 1, 3, 0, 0));
  const restricted = failed(await createPushplusChannel(pushplusConfigSchema.parse({ token: TOKEN, server: pushplus.url }), { clock }).send(sampleNotification()));
  assert.deepEqual([restricted.retryable, restricted.pauseUntilMs], [true, Date.UTC(2026, 0, 1, 16, 1, 0)]);
  assert.match(restricted.hint ?? '', /restricted .* pauses until 00:00 Beijing time/);
});

test('proxy: the request goes through the CONNECT proxy', async () => {
  const pushplus = await server();
  const proxy = await startConnectProxy();
  stops.push(() => proxy.close());
  assert.deepEqual(await channel({ server: pushplus.url, proxy: proxy.url }).send(sampleNotification()), { ok: true });
  assert.equal(proxy.tunnels.length, 1);
});
