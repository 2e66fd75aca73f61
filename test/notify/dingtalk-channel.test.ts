import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { FakeClock } from '../../src/clock.js';
import type { SendResult } from '../../src/notify/channel.js';
import { createDingtalkChannel, dingtalkConfigSchema, DINGTALK_FREQ_LIMIT_RETRY_MS } from '../../src/notify/dingtalk-channel.js';
import { startConnectProxy, type ConnectProxy } from '../helpers/connect-proxy.js';
import { DingtalkStandin, type DingtalkStandinOptions } from '../helpers/dingtalk-standin.js';
import { sampleNotification } from './sample-notification.js';

const TOKEN = 'dt-Token-0c4e9a51';
const SECRET = 'SECdt-Secret-7b21f0aa9';
const stops: (() => Promise<void>)[] = [];
after(async () => {
  for (const stop of stops) await stop();
});

async function robot(options: Partial<DingtalkStandinOptions> = {}): Promise<DingtalkStandin> {
  const standin = await new DingtalkStandin({ accessToken: TOKEN, ...options }).start();
  stops.push(() => standin.stop());
  return standin;
}

/** A clock at real wall time (the stand-in checks the timestamp against its own clock), stepped by hand. */
function realClock(offsetMs = 0): FakeClock {
  return new FakeClock(Date.now() + offsetMs);
}

function channel(fields: Record<string, unknown>, clock = realClock()) {
  return createDingtalkChannel(dingtalkConfigSchema.parse(fields), { clock });
}

function failed(result: SendResult): Extract<SendResult, { ok: false }> {
  assert.equal(result.ok, false, `expected a failure, got ${JSON.stringify(result)}`);
  return result as Extract<SendResult, { ok: false }>;
}

function assertNoSecret(result: SendResult): void {
  const text = JSON.stringify(result);
  for (const secret of [TOKEN, SECRET]) assert.ok(!text.includes(secret), `leaks ${secret}: ${text}`);
  assert.doesNotMatch(text, /sign=[^*]/);
}

test('a signed markdown message is accepted by a robot that checks the signature', async () => {
  const standin = await robot({ secret: SECRET });
  const result = await channel({ webhook: standin.url, secret: SECRET }).send(sampleNotification({ test: true }));
  assert.deepEqual(result, { ok: true });
  const [message] = standin.accepted;
  assert.equal(message?.body.msgtype, 'markdown');
  assert.match(message?.body.markdown?.title ?? '', /^\[TEST\] \[srvmon\] web-1: CRITICAL/);
  assert.match(message?.body.markdown?.text ?? '', /Disk usage of \/data 96\.2% is above 95%/);
  assert.match(message?.url.search ?? '', /timestamp=\d{13}&sign=/);
});

test('a wrong secret, or none for a signing robot, is permanent with a hint and no secret in it', async () => {
  const standin = await robot({ secret: SECRET });
  const wrong = failed(await channel({ webhook: standin.url, secret: 'SECnot-the-right-one' }).send(sampleNotification()));
  assert.equal(wrong.retryable, false);
  assert.match(wrong.error, /^DingTalk errcode 310000: sign not match$/);
  assert.match(wrong.hint ?? '', /^signature mismatch: check channels\.dingtalk\.secret/);
  assertNoSecret(wrong);
  const unsigned = failed(await channel({ webhook: standin.url }).send(sampleNotification()));
  assert.match(unsigned.hint ?? '', /set channels\.dingtalk\.secret/);
  assert.equal(standin.accepted.length, 0);
});

test("a host clock off by more than an hour is refused by DingTalk's timestamp check", async () => {
  const standin = await robot({ secret: SECRET });
  const late = failed(await channel({ webhook: standin.url, secret: SECRET }, realClock(-2 * 3_600_000)).send(sampleNotification()));
  assert.match(late.hint ?? '', /clock/);
  assert.deepEqual(await channel({ webhook: standin.url, secret: SECRET }, realClock(-50 * 60_000)).send(sampleNotification()), { ok: true });
});

test("the keyword filter: hint to add it, and with channels.dingtalk.keyword the message carries it", async () => {
  const standin = await robot({ keywords: ['机房告警'] });
  const refused = failed(await channel({ webhook: standin.url }).send(sampleNotification()));
  assert.equal(refused.hint, "the robot's security keyword must appear in the message: add it to channels.dingtalk.keyword");
  assert.deepEqual(await channel({ webhook: standin.url, keyword: '机房告警' }).send(sampleNotification()), { ok: true });
  assert.match(standin.accepted[0]?.body.markdown?.text ?? '', /机房告警$/);
});

test('a wrong access_token says which key to check', async () => {
  const standin = await robot();
  const wrong = failed(await channel({ webhook: standin.url.replace(TOKEN, 'dt-other-token') }).send(sampleNotification()));
  assert.equal(wrong.retryable, false);
  assert.match(wrong.hint ?? '', /access_token in channels\.dingtalk\.webhook/);
  assert.ok(!JSON.stringify(wrong).includes('dt-other-token'));
});

test('20 a minute: the 21st waits locally on the monotonic clock; a 130101 is retried after the 10-minute block', async () => {
  const standin = await robot();
  const clock = realClock();
  const dingtalk = channel({ webhook: standin.url }, clock);
  for (let i = 0; i < 20; i++) assert.deepEqual(await dingtalk.send(sampleNotification()), { ok: true });
  const held = failed(await dingtalk.send(sampleNotification()));
  assert.deepEqual(held, { ok: false, retryable: true, deferred: true, retryAfterMs: 60_000, error: 'rate limited locally (20/min)' });
  clock.stepWall(-3_600_000 + 1000); // a wall-clock step back changes nothing
  assert.equal(failed(await dingtalk.send(sampleNotification())).deferred, true);
  assert.equal(standin.requests.length, 20);

  // Another sender shares the robot: DingTalk itself says too fast.
  const busy = await robot({ maxPerMinute: 1 });
  const shared = channel({ webhook: busy.url });
  assert.deepEqual(await shared.send(sampleNotification()), { ok: true });
  const tooFast = failed(await shared.send(sampleNotification()));
  assert.deepEqual([tooFast.retryable, tooFast.retryAfterMs, tooFast.error], [true, DINGTALK_FREQ_LIMIT_RETRY_MS, 'DingTalk errcode 130101: send too fast, exceed 20 times per minute']);
});

test('markup in untrusted text (a mount point, the message) is neutralised', async () => {
  const standin = await robot();
  const evil = '/mnt/**x** [click](http://evil.example) <font color=red>_y_ #';
  await channel({ webhook: standin.url }).send(sampleNotification({ mountpoint: evil, rule: `disk:${evil}`, message: `Disk usage of ${evil} is high` }));
  const text = standin.accepted[0]?.body.markdown?.text ?? '';
  assert.ok(!text.includes('[click](http'), text);
  assert.ok(!text.includes('**x**'), text);
  assert.ok(!text.includes('<font'), text);
  assert.ok(!text.includes('_y_'), text);
  assert.match(text, /［click］\(http:\/\/evil\.example\)/);
});

test('proxy: the request goes through the CONNECT proxy set in channels.dingtalk.proxy', async () => {
  const standin = await robot({ secret: SECRET });
  const proxy: ConnectProxy = await startConnectProxy();
  stops.push(() => proxy.close());
  assert.deepEqual(await channel({ webhook: standin.url, secret: SECRET, proxy: proxy.url }).send(sampleNotification()), { ok: true });
  assert.deepEqual(proxy.tunnels, [standin.proxyTarget]);
  assert.equal(standin.accepted.length, 1);
});

test('config: the webhook must carry its access_token', () => {
  const result = dingtalkConfigSchema.safeParse({ webhook: 'https://oapi.dingtalk.com/robot/send' });
  assert.equal(result.success, false);
  assert.match(result.error?.issues[0]?.message ?? '', /access_token=/);
  // Not a URL at all: one clear issue, not a crash of the check behind it.
  const garbage = dingtalkConfigSchema.safeParse({ webhook: 'not a url' });
  assert.equal(garbage.success, false);
  assert.match(garbage.error?.issues[0]?.message ?? '', /must be an http:\/\/ or https:\/\/ URL/);
});

test('@mentions: mobiles and user ids are listed in `at` and @-ed in the markdown text, so DingTalk notifies them', async () => {
  const standin = await robot({ keywords: ['告警'] });
  const at = { mobiles: ['13800000000'], userIds: ['manager4521'], all: true };
  const result = await channel({ webhook: standin.url, keyword: '告警', at }).send(sampleNotification({ message: 'x'.repeat(30_000) }));
  assert.deepEqual(result, { ok: true });
  const [message] = standin.accepted;
  assert.deepEqual(message?.body.at, { atMobiles: ['13800000000'], atUserIds: ['manager4521'], isAtAll: true });
  // Kept whole although the text was cut to DingTalk's size.
  assert.match(message?.body.markdown?.text ?? '', /…\n\n@13800000000 @manager4521\n\n告警$/);
  assert.deepEqual(message?.mentioned, ['13800000000', 'manager4521', '@all']);
});

test('@mentions: without `at` nobody is mentioned; a bad mobile is a config error', async () => {
  const standin = await robot();
  assert.deepEqual(await channel({ webhook: standin.url }).send(sampleNotification()), { ok: true });
  assert.equal(standin.accepted[0]?.body.at, undefined);
  assert.deepEqual(standin.accepted[0]?.mentioned, []);
  assert.equal(dingtalkConfigSchema.safeParse({ webhook: standin.url, at: { mobiles: ['138 0000 0000'] } }).success, false);
  assert.equal(dingtalkConfigSchema.safeParse({ webhook: standin.url, at: { userIds: ['**x**'] } }).success, false);
});
