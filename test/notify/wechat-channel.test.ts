// The WeChat channel against the local stand-in of the API, over real HTTP on 127.0.0.1.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { FakeClock } from '../../src/clock.js';
import type { Channel, Notification, SendResult } from '../../src/notify/channel.js';
import { createWechatChannel, fitField, formatLocalTime } from '../../src/notify/wechat-channel.js';
import { wechatConfigSchema, type WechatConfigInput } from '../../src/notify/wechat-config.js';
import { nextQuotaResetMs } from '../../src/notify/wechat-errors.js';
import type { AlertEvent } from '../../src/types.js';
import { fakeOpenId, STANDIN_APP_ID, STANDIN_APP_SECRET, STANDIN_TEMPLATE_ID, WechatStandin, type StandinOptions } from '../helpers/wechat-standin.js';

const ALICE = fakeOpenId('alice');
const BOB = fakeOpenId('bob');
const TIME_FORMAT = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

const standins: WechatStandin[] = [];
after(() => Promise.all(standins.map((s) => s.stop())));

interface Setup {
  standin: WechatStandin;
  channel: Channel;
  clock: FakeClock;
}

async function setup(config: Partial<WechatConfigInput> = {}, options: StandinOptions = {}): Promise<Setup> {
  const clock = new FakeClock(Date.UTC(2026, 0, 1, 0, 0, 0));
  const standin = new WechatStandin({ followers: [ALICE, BOB], clock, ...options });
  standins.push(standin);
  await standin.start();
  const parsed = wechatConfigSchema.parse({
    appId: STANDIN_APP_ID,
    appSecret: STANDIN_APP_SECRET,
    templateId: STANDIN_TEMPLATE_ID,
    openIds: [ALICE],
    apiBase: standin.baseUrl,
    ...config,
  });
  return { standin, channel: createWechatChannel(parsed, { clock }), clock };
}

let seq = 0;
function notification(overrides: Partial<AlertEvent> = {}, locale: Notification['locale'] = 'zh-CN'): Notification {
  const id = `evt-${++seq}`;
  const event: AlertEvent = {
    type: 'alert',
    id,
    timeMs: Date.UTC(2026, 0, 1, 0, 0, 0),
    rule: 'cpu',
    kind: 'cpu',
    state: 'firing',
    severity: 'warning',
    value: 91.3,
    threshold: 85,
    window: 3,
    notify: true,
    muted: false,
    message: 'CPU使用率为91.3%（最近3次平均），超过了85%，请关注',
    sinceMs: Date.UTC(2026, 0, 1, 0, 0, 0),
    ...overrides,
  };
  return { id: event.id, event, host: 'web-1', locale };
}

function failure(result: SendResult): Extract<SendResult, { ok: false }> {
  assert.equal(result.ok, false, 'expected a failure');
  return result as Extract<SendResult, { ok: false }>;
}

/** Every failing result of every test, checked for leaked secrets at the end. */
const failures: { result: Extract<SendResult, { ok: false }>; standin: WechatStandin }[] = [];
function expectFailure(result: SendResult, standin: WechatStandin): Extract<SendResult, { ok: false }> {
  const f = failure(result);
  failures.push({ result: f, standin });
  return f;
}

test('(1) three notifications reuse one token', async () => {
  const { standin, channel } = await setup();
  for (let i = 0; i < 3; i++) assert.deepEqual(await channel.send(notification()), { ok: true });
  assert.equal(standin.tokenFetches, 1);
  assert.equal(standin.messages.length, 3);
});

test('(2) 42001 on the first send: one refresh, each openid gets exactly one message with msg and time', async () => {
  const { standin, channel } = await setup({ openIds: [ALICE, BOB] });
  standin.script({ errcode: 42001, errmsg: 'access_token expired rid: 1' });
  const n = notification();
  assert.deepEqual(await channel.send(n), { ok: true });
  assert.equal(standin.tokenFetches, 2);
  assert.deepEqual(standin.messages.map((m) => m.touser), [ALICE, BOB]);
  for (const m of standin.messages) {
    assert.equal(m.data.msg?.value, `web-1: ${n.event.message}`);
    assert.match(m.data.time?.value ?? '', TIME_FORMAT);
    assert.equal(m.data.time?.value, formatLocalTime(n.event.timeMs));
  }
});

test('(3) 42001 twice in a row: retryable, bounded to one refresh, no loop', async () => {
  const { standin, channel } = await setup({ openIds: [ALICE, BOB] });
  standin.script({ errcode: 42001 }, { errcode: 42001 });
  const f = expectFailure(await channel.send(notification()), standin);
  assert.equal(f.retryable, true);
  assert.match(f.error, /42001/);
  assert.equal(standin.tokenFetches, 2);
  assert.equal(standin.sendAttempts.length, 2, 'BOB is not tried with a token the platform keeps refusing');
  assert.equal(standin.messages.length, 0);
});

test('(4) 40164: permanent, the hint names the IP and where to whitelist it', async () => {
  const { standin, channel } = await setup();
  standin.script({ errcode: 40164, errmsg: 'invalid ip 1.2.3.4 ipv6 ::ffff:1.2.3.4, not in whitelist rid: 6756558c-3b9ea92b' });
  const f = expectFailure(await channel.send(notification()), standin);
  assert.equal(f.retryable, false);
  assert.match(f.error, /^WeChat errcode 40164: invalid ip 1\.2\.3\.4/);
  assert.equal(f.hint, "this server's IP 1.2.3.4 is not in the account's IP whitelist: add it under 设置与开发 > 基本配置 > IP白名单");
});

test('(4b) 40164 while fetching the token is classified the same way', async () => {
  const { standin, channel } = await setup();
  standin.scriptToken({ errcode: 40164, errmsg: 'invalid ip 5.6.7.8 ipv6 ::ffff:5.6.7.8, not in whitelist rid: x' });
  const f = expectFailure(await channel.send(notification()), standin);
  assert.equal(f.retryable, false);
  assert.match(f.hint ?? '', /IP 5\.6\.7\.8 .*IP白名单/);
  assert.equal(standin.sendAttempts.length, 0);
});

test('(5) 45009: retryable, channel paused until 00:00 Beijing time (+1 min margin)', async () => {
  const { standin, channel, clock } = await setup();
  standin.script({ errcode: 45009, errmsg: 'reach max api daily quota limit rid: 1' });
  const f = expectFailure(await channel.send(notification()), standin);
  assert.equal(f.retryable, true);
  // 2026-01-01 00:00 UTC is 08:00 in Beijing; the next Beijing midnight is 2026-01-01 16:00 UTC.
  assert.equal(f.pauseUntilMs, Date.UTC(2026, 0, 1, 16, 1, 0));
  assert.ok((f.pauseUntilMs ?? 0) > clock.nowMs());
  assert.match(f.hint ?? '', /00:00 Beijing time/);
});

test('nextQuotaResetMs: just before and just after Beijing midnight', () => {
  const beijingMidnightMs = Date.UTC(2026, 5, 30, 16, 0, 0); // 2026-07-01 00:00 in Beijing
  assert.equal(nextQuotaResetMs(beijingMidnightMs - 1), beijingMidnightMs + 60_000);
  assert.equal(nextQuotaResetMs(beijingMidnightMs), beijingMidnightMs + 86_400_000 + 60_000);
});

test('(6) two concurrent notifications share one token fetch', async () => {
  const { standin, channel } = await setup();
  const results = await Promise.all([channel.send(notification()), channel.send(notification())]);
  assert.deepEqual(results, [{ ok: true }, { ok: true }]);
  assert.equal(standin.tokenFetches, 1);
  assert.equal(standin.messages.length, 2);
});

test('(6b) concurrent sends refused with the same token cause one refresh, not two', async () => {
  const { standin, channel } = await setup();
  assert.deepEqual(await channel.send(notification()), { ok: true });
  standin.script({ errcode: 42001 }, { errcode: 42001 });
  const results = await Promise.all([channel.send(notification()), channel.send(notification())]);
  assert.deepEqual(results, [{ ok: true }, { ok: true }]);
  assert.equal(standin.tokenFetches, 2);
});

test('(6c) a refusal arriving after the refresh does not drop the new token', async () => {
  const { standin, channel } = await setup();
  assert.deepEqual(await channel.send(notification()), { ok: true });
  // The second refusal is answered only once the first sender has refreshed and delivered (2 messages in total).
  standin.script({ errcode: 42001 }, { errcode: 42001, afterMessages: 2 });
  const results = await Promise.all([channel.send(notification()), channel.send(notification())]);
  assert.deepEqual(results, [{ ok: true }, { ok: true }]);
  assert.equal(standin.tokenFetches, 2, 'the late refusal named the old token: the new one is kept');
  assert.equal(standin.messages.length, 3);
});

test('(7) token expiry: refetched after expires_in - 5 min, not before', async () => {
  const { standin, channel, clock } = await setup();
  assert.deepEqual(await channel.send(notification()), { ok: true });
  clock.advance((7200 - 300) * 1000 - 1);
  assert.deepEqual(await channel.send(notification()), { ok: true });
  assert.equal(standin.tokenFetches, 1);
  clock.advance(1);
  assert.deepEqual(await channel.send(notification()), { ok: true });
  assert.equal(standin.tokenFetches, 2);
  const tokensUsed = new Set(standin.sendAttempts.map((a) => a.accessToken));
  assert.equal(tokensUsed.size, 2, 'the refetch returned a new token');
});

test('(7b) token expiry is monotonic: a wall-clock step back does not keep a token past its lifetime', async () => {
  const { standin, channel, clock } = await setup();
  assert.deepEqual(await channel.send(notification()), { ok: true });
  clock.stepWall(-3 * 3600_000);
  clock.advance((7200 - 300) * 1000);
  assert.deepEqual(await channel.send(notification()), { ok: true });
  assert.equal(standin.tokenFetches, 2, 'refetched on schedule although the wall clock says 3 h less have passed');
});

test('(8) -1 (busy), HTTP 500 and a timeout are retryable', async () => {
  const { standin, channel } = await setup({ timeout: '200ms' });
  standin.script({ errcode: -1, errmsg: 'system error' }, { httpStatus: 500 }, { hang: true });
  const busy = expectFailure(await channel.send(notification()), standin);
  assert.equal(busy.retryable, true);
  assert.match(busy.error, /-1/);
  const http500 = expectFailure(await channel.send(notification()), standin);
  assert.equal(http500.retryable, true);
  assert.equal(http500.error, 'WeChat API answered HTTP 500');
  const timeout = expectFailure(await channel.send(notification()), standin);
  assert.equal(timeout.retryable, true);
  assert.equal(timeout.error, 'WeChat API did not answer within 0.2s');
  assert.equal(standin.messages.length, 0);
});

test('(9) fields mapped to thing1/time2; thing values shortened to 20 characters with an ellipsis', async () => {
  const { standin, channel } = await setup({ templateId: 'industry', fields: { msg: 'thing1', time: 'time2' } }, { templates: { industry: ['thing1', 'time2'] } });
  assert.deepEqual(await channel.send(notification()), { ok: true });
  const [m] = standin.messages;
  assert.ok(m);
  assert.deepEqual(Object.keys(m.data).sort(), ['thing1', 'time2']);
  assert.equal(m.data.thing1?.value, 'web-1: CPU使用率为91.3%…');
  assert.equal(Array.from(m.data.thing1?.value ?? '').length, 20);
  assert.match(m.data.time2?.value ?? '', TIME_FORMAT);
});

test('(9b) host in its own field: the message is not prefixed with it', async () => {
  const { standin, channel } = await setup(
    { templateId: 'industry', fields: { msg: 'thing1', time: 'time2', host: 'thing3' }, color: '#FF0000' },
    { templates: { industry: ['thing1', 'time2', 'thing3'] } },
  );
  assert.deepEqual(await channel.send(notification({ message: '磁盘/data使用率为95%' })), { ok: true });
  assert.deepEqual(standin.messages[0]?.data.thing3, { value: 'web-1', color: '#FF0000' });
  assert.deepEqual(standin.messages[0]?.data.thing1, { value: '磁盘/data使用率为95%', color: '#FF0000' });
});

test('fitField cuts by characters only for limited keys', () => {
  assert.equal(fitField('thing1', 'short'), 'short');
  assert.equal(fitField('thing1', 'a'.repeat(21)), `${'a'.repeat(19)}…`);
  assert.equal(fitField('msg', 'a'.repeat(200)), 'a'.repeat(200));
  assert.equal(fitField('msg', 'a'.repeat(201)), `${'a'.repeat(199)}…`);
  assert.equal(fitField('thing1', '😀'.repeat(25)), `${'😀'.repeat(19)}…`);
});

test('test alerts are marked; already marked ones are not marked twice', async () => {
  const { standin, channel } = await setup();
  await channel.send(notification({ test: true, message: 'srvmon通知渠道工作正常' }));
  await channel.send(notification({ test: true, message: '【测试】srvmon测试告警' }));
  await channel.send(notification({ test: true, message: 'channel works' }, 'en'));
  assert.deepEqual(
    standin.messages.map((m) => m.data.msg?.value),
    ['web-1: 【测试】srvmon通知渠道工作正常', 'web-1: 【测试】srvmon测试告警', 'web-1: [TEST] channel works'],
  );
});

test('permanent receiver errors carry a hint: 43004 not following, 40003 bad openid, 40037 template', async () => {
  const stranger = fakeOpenId('stranger');
  const a = await setup({ openIds: [stranger] });
  const notFollowing = expectFailure(await a.channel.send(notification()), a.standin);
  assert.equal(notFollowing.retryable, false);
  assert.match(notFollowing.hint ?? '', /must follow/);

  const b = await setup({ openIds: ['not-an-openid'] });
  const badOpenId = expectFailure(await b.channel.send(notification()), b.standin);
  assert.equal(badOpenId.retryable, false);
  assert.match(badOpenId.hint ?? '', /channels\.wechat\.openIds/);

  const c = await setup({ templateId: 'no-such-template' });
  const badTemplate = expectFailure(await c.channel.send(notification()), c.standin);
  assert.equal(badTemplate.retryable, false);
  assert.match(badTemplate.hint ?? '', /channels\.wechat\.templateId/);

  const d = await setup({ fields: { msg: 'content', time: 'time' } });
  const badField = expectFailure(await d.channel.send(notification()), d.standin);
  assert.equal(badField.retryable, false);
  assert.match(badField.error, /47003/);
  assert.match(badField.hint ?? '', /channels\.wechat\.fields/);
});

test('wrong AppID / AppSecret: permanent, hint names the key, no send attempted', async () => {
  const a = await setup({ appSecret: 'wrong-secret-value-123' });
  const badSecret = expectFailure(await a.channel.send(notification()), a.standin);
  assert.equal(badSecret.retryable, false);
  assert.match(badSecret.error, /40125/);
  assert.match(badSecret.hint ?? '', /channels\.wechat\.appSecret/);
  assert.equal(a.standin.sendAttempts.length, 0);
  assert.ok(!JSON.stringify(badSecret).includes('wrong-secret-value-123'));

  const b = await setup({ appId: 'wxnotmyaccount' });
  const badAppId = expectFailure(await b.channel.send(notification()), b.standin);
  assert.match(badAppId.hint ?? '', /channels\.wechat\.appId/);

  // /cgi-bin/token documents 40001 as a wrong AppSecret: not the "token refused" case of a send.
  const c = await setup({ tokenEndpoint: 'classic' });
  c.standin.scriptToken({ errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' });
  const classic40001 = expectFailure(await c.channel.send(notification()), c.standin);
  assert.equal(classic40001.retryable, false);
  assert.match(classic40001.hint ?? '', /channels\.wechat\.appSecret/);
  assert.equal(c.standin.tokenFetches, 1);
});

test('partial success: the retry sends only to the openid that failed', async () => {
  const { standin, channel } = await setup({ openIds: [ALICE, BOB] });
  standin.script({ delayMs: 0 }, { errcode: -1, errmsg: 'system error' });
  const n = notification();
  const f = expectFailure(await channel.send(n), standin);
  assert.equal(f.retryable, true);
  assert.equal(f.error, `openid ${BOB}: WeChat errcode -1: system error (system busy) (1 of 2 receivers got it)`);
  assert.deepEqual(await channel.send(n), { ok: true });
  assert.deepEqual(standin.sendAttempts.map((a) => a.touser), [ALICE, BOB, BOB]);
  assert.deepEqual(standin.messages.map((m) => m.touser), [ALICE, BOB]);
});

test('one permanent and one retryable receiver: retryable overall, both hints kept', async () => {
  const stranger = fakeOpenId('stranger');
  const { standin, channel } = await setup({ openIds: [stranger, BOB] });
  standin.script({ delayMs: 0 }, { errcode: -1 });
  const f = expectFailure(await channel.send(notification()), standin);
  assert.equal(f.retryable, true);
  assert.match(f.error, /43004.*-1.*\(0 of 2 receivers got it\)/);
  assert.match(f.hint ?? '', /must follow/);
});

test('(11) client_msg_id is set, per openid, and stable across a retry', async () => {
  const { standin, channel } = await setup({ openIds: [ALICE, BOB] });
  standin.script({ errcode: -1 });
  const n = notification();
  expectFailure(await channel.send(n), standin);
  assert.deepEqual(await channel.send(n), { ok: true });
  const [first, retry, toBob] = standin.sendAttempts;
  assert.ok(first?.clientMsgId && retry?.clientMsgId && toBob?.clientMsgId);
  assert.ok(first.clientMsgId.length <= 64);
  assert.equal(first.touser, ALICE);
  assert.equal(retry.clientMsgId, first.clientMsgId);
  assert.notEqual(toBob.clientMsgId, first.clientMsgId);
  await channel.send(notification());
  assert.notEqual(standin.sendAttempts.at(-1)?.clientMsgId, first.clientMsgId, 'another notification, another id');
});

test('a resend after a crash (new channel, same notification) is shown once', async () => {
  const { standin, channel } = await setup();
  const n = notification();
  assert.deepEqual(await channel.send(n), { ok: true });
  const restarted = createWechatChannel(
    wechatConfigSchema.parse({ appId: STANDIN_APP_ID, appSecret: STANDIN_APP_SECRET, templateId: STANDIN_TEMPLATE_ID, openIds: [ALICE], apiBase: standin.baseUrl }),
    { clock: new FakeClock(Date.UTC(2026, 0, 1, 0, 1)) },
  );
  assert.deepEqual(await restarted.send(n), { ok: true });
  assert.equal(standin.messages.length, 1);
  assert.equal(standin.duplicates, 1);
});

test('an errmsg echoing the token, secret and URL is scrubbed; secrets() lists appSecret and token', async () => {
  const { standin, channel } = await setup();
  assert.deepEqual(await channel.send(notification()), { ok: true });
  const token = standin.issuedTokens[0] ?? '';
  assert.deepEqual(channel.secrets(), [STANDIN_APP_SECRET, token]);
  standin.script({
    errcode: 40003,
    errmsg: `bad request https://api.weixin.qq.com/cgi-bin/message/template/send?access_token=${token}&x=1 secret=${STANDIN_APP_SECRET} token ${token}`,
  });
  const f = expectFailure(await channel.send(notification()), standin);
  assert.equal(f.error, 'WeChat errcode 40003: bad request https://api.weixin.qq.com/cgi-bin/message/template/send?access_token=***&x=1 secret=*** token ***');
});

test('classic /cgi-bin/token works too; stable mode keeps the secret out of every URL', async () => {
  const classic = await setup({ tokenEndpoint: 'classic' });
  assert.deepEqual(await classic.channel.send(notification()), { ok: true });
  assert.equal(classic.standin.tokenFetches, 1);
  const stable = await setup();
  assert.deepEqual(await stable.channel.send(notification()), { ok: true });
  assert.ok(stable.standin.requestUrls.length >= 2);
  assert.ok(stable.standin.requestUrls.every((url) => !url.includes(STANDIN_APP_SECRET)));
});

// Runs last (node:test runs top-level tests in order): every failure above, scanned for secrets.
test('(10) no failing result contains the appSecret or an access token', () => {
  assert.ok(failures.length >= 15, `expected the failing cases above to be collected, got ${failures.length}`);
  for (const { result, standin } of failures) {
    const text = JSON.stringify(result);
    assert.ok(!text.includes(STANDIN_APP_SECRET), `appSecret leaked: ${text}`);
    for (const token of standin.issuedTokens) assert.ok(!text.includes(token), `access token leaked: ${text}`);
  }
});
