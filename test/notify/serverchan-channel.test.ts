import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { FakeClock } from '../../src/clock.js';
import type { SendResult } from '../../src/notify/channel.js';
import { createServerchanChannel, serverchanConfigSchema, serverchanFailure } from '../../src/notify/serverchan-channel.js';
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

test('a wrong key is permanent with a hint; the daily quota pauses the channel until 00:00 Beijing time; no key in the text', async () => {
  const sc = await server();
  for (const status of [400, 200]) {
    sc.errorStatus = status;
    const wrong = failed(await createServerchanChannel(serverchanConfigSchema.parse({ sendKey: 'SCTother777', server: sc.url }), { clock: new FakeClock() }).send(sampleNotification()));
    assert.deepEqual([wrong.retryable, wrong.error], [false, 'ServerChan 40001: [AUTH]用户不存在或者权限不足'], `HTTP ${status}`);
    assert.match(wrong.hint ?? '', /channels\.serverchan\.sendKey/);
    assert.ok(!/SCTother777/.test(JSON.stringify(wrong)), JSON.stringify(wrong));
  }
  sc.errorStatus = 400;
  sc.dailyQuota = 0;
  // 2026-01-01 20:00 UTC is 04:00 on the 2nd in Beijing: the quota resets at 00:00 on the 3rd, 16:00 UTC on the 2nd.
  const clock = new FakeClock(Date.UTC(2026, 0, 1, 20, 0, 0));
  const quota = failed(await createServerchanChannel(serverchanConfigSchema.parse({ sendKey: KEY, server: sc.url }), { clock }).send(sampleNotification()));
  assert.deepEqual([quota.retryable, quota.error, quota.pauseUntilMs], [true, 'ServerChan 40001: [AUTH]超过当天的发送次数限制[0]', Date.UTC(2026, 0, 2, 16, 1, 0)]);
  assert.match(quota.hint ?? '', /daily quota .* 00:00 Beijing time/);
  assert.ok(!JSON.stringify(quota).includes(KEY));
});

test('ServerChan codes: an [INPUT] error is permanent without a key hint; the old API\'s bad pushtoken is a key error', () => {
  const input = serverchanFailure(20001, '[INPUT]title 不能为空', 'e', 0);
  assert.deepEqual([input.retryable, input.hint], [false, undefined]);
  assert.match(serverchanFailure(1024, 'bad pushtoken', 'e', 0).hint ?? '', /sendKey/);
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
