// The stand-in must behave like the documented API, or the channel tests prove nothing.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { FakeClock } from '../../src/clock.js';
import { fakeOpenId, STANDIN_APP_ID, STANDIN_APP_SECRET, STANDIN_TEMPLATE_ID, WechatStandin } from '../helpers/wechat-standin.js';

const clock = new FakeClock();
const follower = fakeOpenId('follower');
const standin = new WechatStandin({ followers: [follower], clock });

before(() => standin.start());
after(() => standin.stop());

async function post(path: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${standin.baseUrl}${path}`, { method: 'POST', body: JSON.stringify(body) });
  assert.equal(res.status, 200);
  return (await res.json()) as Record<string, unknown>;
}

async function classicToken(secret = STANDIN_APP_SECRET): Promise<Record<string, unknown>> {
  const query = new URLSearchParams({ grant_type: 'client_credential', appid: STANDIN_APP_ID, secret });
  return (await (await fetch(`${standin.baseUrl}/cgi-bin/token?${query}`)).json()) as Record<string, unknown>;
}

const stable = (extra: object = {}) =>
  post('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: STANDIN_APP_ID, secret: STANDIN_APP_SECRET, ...extra });

const sendWith = (token: unknown, body: object = {}) =>
  post(`/cgi-bin/message/template/send?access_token=${String(token)}`, {
    touser: follower,
    template_id: STANDIN_TEMPLATE_ID,
    data: { msg: { value: 'disk full' }, time: { value: '2026-01-01 08:00:00' } },
    ...body,
  });

test('stable_token returns the same token until its last 5 minutes, then a new one', async () => {
  const first = await stable();
  assert.equal(first.expires_in, 7200);
  clock.advance((7200 - 301) * 1000);
  const same = await stable();
  assert.equal(same.access_token, first.access_token);
  assert.equal(same.expires_in, 301);
  clock.advance(1000);
  const renewed = await stable();
  assert.notEqual(renewed.access_token, first.access_token);
  assert.equal(renewed.expires_in, 7200);
  // The old one stays valid until it expires, as documented.
  assert.equal((await sendWith(first.access_token)).errcode, 0);
  clock.advance(300_000);
  assert.equal((await sendWith(first.access_token)).errcode, 42001);
});

test('wrong appid or secret: 40013 / 40125', async () => {
  assert.equal((await post('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: 'wxnope', secret: STANDIN_APP_SECRET })).errcode, 40013);
  assert.equal((await classicToken('wrong')).errcode, 40125);
});

test('a new /cgi-bin/token invalidates the previous one', async () => {
  const first = await classicToken();
  const second = await classicToken();
  assert.equal((await sendWith(first.access_token)).errcode, 40001);
  assert.equal((await sendWith(second.access_token)).errcode, 0);
});

test('send checks token, template, openid format, follower list and thing lengths', async () => {
  const { access_token: token } = await stable();
  assert.equal((await sendWith('unknown-token')).errcode, 40001);
  assert.equal((await sendWith(token, { template_id: 'nope' })).errcode, 40037);
  assert.equal((await sendWith(token, { touser: 'short' })).errcode, 40003);
  assert.equal((await sendWith(token, { touser: fakeOpenId('stranger') })).errcode, 43004);
  assert.equal((await sendWith(token, { data: { msg: { value: 'x' } } })).errcode, 47003);
  standin.templates.thingy = ['thing1'];
  const long = await sendWith(token, { template_id: 'thingy', data: { thing1: { value: '一'.repeat(21) } } });
  assert.equal(long.errcode, 47003);
  assert.match(String(long.errmsg), /data\.thing1\.value/);
});

test('client_msg_id dedups: one message recorded, same msgid answered', async () => {
  const { access_token: token } = await stable();
  const before = standin.messages.length;
  const a = await sendWith(token, { client_msg_id: 'abc' });
  const b = await sendWith(token, { client_msg_id: 'abc' });
  assert.equal(a.errcode, 0);
  assert.equal(b.msgid, a.msgid);
  assert.equal(standin.messages.length, before + 1);
  assert.equal(standin.messages.at(-1)?.clientMsgId, 'abc');
});

test('scripted answers come in order, then normal processing resumes; token fetches are counted', async () => {
  const { access_token: token } = await stable();
  const fetches = standin.tokenFetches;
  standin.script({ errcode: -1, errmsg: 'system error' }, { httpStatus: 500 }, { delayMs: 0 });
  assert.deepEqual(await sendWith(token), { errcode: -1, errmsg: 'system error' });
  const res = await fetch(`${standin.baseUrl}/cgi-bin/message/template/send?access_token=${String(token)}`, { method: 'POST', body: '{}' });
  assert.equal(res.status, 500);
  assert.equal((await sendWith(token)).errcode, 0);
  standin.scriptToken({ errcode: 40164, errmsg: 'invalid ip 1.2.3.4' });
  assert.equal((await stable()).errcode, 40164);
  assert.equal(standin.tokenFetches, fetches + 1);
});
