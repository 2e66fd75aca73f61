import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { after, test } from 'node:test';
import { FakeClock } from '../../src/clock.js';
import type { Notification, SendResult } from '../../src/notify/channel.js';
import { WECOM_MARKDOWN_MAX_BYTES, WECOM_TEXT_MAX_BYTES, WecomChannel } from '../../src/notify/wecom-channel.js';
import { truncateUtf8 } from '../../src/notify/http-kit.js';
import { WECOM_DEFAULT_URL, wecomConfigSchema } from '../../src/notify/wecom-config.js';
import type { AlertEvent } from '../../src/types.js';
import { closeRecorders, startRecorder } from '../helpers/http-recorder.js';

// --- a fake WeCom robot endpoint: a real local HTTP server that records requests and answers {errcode, errmsg} ---

interface Received {
  url: URL;
  body: unknown;
}

type Reply = (request: Received, res: ServerResponse) => void;

after(closeRecorders);

async function startRobot(reply: Reply = errcode(0, 'ok')): Promise<{ url: string; requests: Received[] }> {
  const requests: Received[] = [];
  const { baseUrl } = await startRecorder((raw, res) => {
    const received = { url: new URL(raw.url || '/', 'http://robot'), body: JSON.parse(raw.body) as unknown };
    requests.push(received);
    reply(received, res);
  });
  return { url: `${baseUrl}/cgi-bin/webhook/send`, requests };
}

function errcode(code: number, errmsg: string): Reply {
  return (_request, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ errcode: code, errmsg }));
  };
}

// --- fixtures ---

const KEY = '693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa';

function channelFor(fields: Record<string, unknown>, clock = new FakeClock()) {
  return new WecomChannel(wecomConfigSchema.parse({ key: KEY, ...fields }), { clock });
}

function notification(overrides: Partial<AlertEvent> = {}): Notification {
  const event: AlertEvent = {
    type: 'alert',
    id: 'e7',
    timeMs: Date.UTC(2026, 0, 1, 8, 0, 0),
    rule: 'cpu',
    kind: 'cpu',
    state: 'firing',
    severity: 'critical',
    value: 97.3,
    threshold: 95,
    window: 3,
    notify: true,
    muted: false,
    message: 'CPU usage 97.3% (average of the last 3 samples) is above 95%',
    sinceMs: Date.UTC(2026, 0, 1, 7, 50, 0),
    ...overrides,
  };
  return { id: event.id, event, host: 'web-1', locale: 'en' };
}

function failed(result: SendResult): Extract<SendResult, { ok: false }> {
  assert.equal(result.ok, false, 'expected a failure');
  return result as Extract<SendResult, { ok: false }>;
}

interface MarkdownBody {
  msgtype: string;
  markdown: { content: string };
}
interface TextBody {
  msgtype: string;
  text: { content: string; mentioned_list?: string[]; mentioned_mobile_list?: string[] };
}

// --- tests ---

test('markdown (the default) arrives as {msgtype, markdown:{content}} with the key in the query', async () => {
  const robot = await startRobot();
  const result = await channelFor({ url: robot.url }).send(notification());
  assert.deepEqual(result, { ok: true });
  assert.equal(robot.requests.length, 1);
  const [request] = robot.requests;
  assert.equal(request.url.pathname, '/cgi-bin/webhook/send');
  assert.equal(request.url.searchParams.get('key'), KEY);
  const body = request.body as MarkdownBody;
  assert.deepEqual(Object.keys(body).sort(), ['markdown', 'msgtype']);
  assert.equal(body.msgtype, 'markdown');
  assert.match(body.markdown.content, /<font color="warning">/);
  assert.match(body.markdown.content, /CPU usage 97\.3%/);
  assert.match(body.markdown.content, /web-1/);
});

test('markdown mentions are <@userid> at the end of the content', async () => {
  const robot = await startRobot();
  await channelFor({ url: robot.url, mentions: ['zhangsan', 'lisi'] }).send(notification());
  const body = robot.requests[0].body as MarkdownBody;
  assert.ok(body.markdown.content.endsWith('\n<@zhangsan> <@lisi>'), body.markdown.content);
});

test('text arrives as {msgtype, text:{content, mentioned_list, mentioned_mobile_list}}', async () => {
  const robot = await startRobot();
  const channel = channelFor({ url: robot.url, msgtype: 'text', mentions: ['zhangsan', '@all'], mentionMobiles: ['13800001111'] });
  assert.deepEqual(await channel.send(notification({ state: 'resolved', value: 40, threshold: 80 })), { ok: true });
  const body = robot.requests[0].body as TextBody;
  assert.equal(body.msgtype, 'text');
  assert.deepEqual(body.text.mentioned_list, ['zhangsan', '@all']);
  assert.deepEqual(body.text.mentioned_mobile_list, ['13800001111']);
  assert.match(body.text.content, /RESOLVED/);
  assert.match(body.text.content, /CPU usage 97\.3%/);
  assert.doesNotMatch(body.text.content, /<font/);
});

test('text without mentions sends no mention lists', async () => {
  const robot = await startRobot();
  await channelFor({ url: robot.url, msgtype: 'text' }).send(notification());
  assert.deepEqual(Object.keys((robot.requests[0].body as TextBody).text), ['content']);
});

test('a long message is cut to the byte limit on a character boundary, mentions kept', async () => {
  const robot = await startRobot();
  const message = `磁盘${'满'.repeat(3000)}`;
  await channelFor({ url: robot.url, mentions: ['zhangsan'] }).send(notification({ message }));
  await channelFor({ url: robot.url, msgtype: 'text' }).send(notification({ message }));
  const markdown = (robot.requests[0].body as MarkdownBody).markdown.content;
  const text = (robot.requests[1].body as TextBody).text.content;
  assert.ok(Buffer.byteLength(markdown) <= WECOM_MARKDOWN_MAX_BYTES, `${Buffer.byteLength(markdown)} bytes`);
  assert.ok(Buffer.byteLength(markdown) > WECOM_MARKDOWN_MAX_BYTES - 4, 'uses the room it has');
  assert.ok(markdown.endsWith('…\n<@zhangsan>'));
  assert.ok(Buffer.byteLength(text) <= WECOM_TEXT_MAX_BYTES, `${Buffer.byteLength(text)} bytes`);
  assert.ok(!markdown.includes('\uFFFD') && !text.includes('\uFFFD'), 'no broken characters');
});

test('truncateUtf8 never splits a character', () => {
  assert.equal(truncateUtf8('abc', 3), 'abc');
  assert.equal(truncateUtf8('abcdef', 5), 'ab…');
  // "满" is 3 bytes, "…" is 3: 8 bytes leave room for one 满 only
  assert.equal(truncateUtf8('满满满满', 8), '满…');
  // an emoji is one code point of 4 bytes (two UTF-16 units): never half of it
  assert.equal(truncateUtf8('😀😀😀', 9), '😀…');
});

test('errcode 93000 is permanent, hints at the key, and never shows the key', async () => {
  const robot = await startRobot(
    errcode(93000, `invalid webhook url ${KEY}, hint: [1700000000_1_abc], from ip: 1.2.3.4, more info at https://open.work.weixin.qq.com/devtool/query?e=93000&key=${KEY}`),
  );
  const failure = failed(await channelFor({ url: robot.url }).send(notification()));
  assert.equal(failure.retryable, false);
  assert.match(failure.hint ?? '', /check channels\.wecom\.key/);
  assert.match(failure.error, /^WeCom errcode 93000: invalid webhook url/);
  assert.ok(!failure.error.includes(KEY), failure.error);
  assert.ok(!(failure.hint ?? '').includes(KEY));
});

test('errcode 45009 (frequency limit) is retryable after a minute; -1 (busy) is retryable', async () => {
  const limited = failed(await channelFor({ url: (await startRobot(errcode(45009, 'api freq out of limit'))).url }).send(notification()));
  assert.equal(limited.retryable, true);
  assert.equal(limited.retryAfterMs, 60_000);
  const busy = failed(await channelFor({ url: (await startRobot(errcode(-1, 'system busy'))).url }).send(notification()));
  assert.equal(busy.retryable, true);
  assert.equal(busy.error, 'WeCom errcode -1: system busy');
});

test('other errcodes are permanent with the errmsg', async () => {
  const failure = failed(await channelFor({ url: (await startRobot(errcode(40008, 'invalid message type'))).url }).send(notification()));
  assert.deepEqual(failure, { ok: false, retryable: false, error: 'WeCom errcode 40008: invalid message type' });
});

test('HTTP 502 from the endpoint is retryable; a 200 that is not a WeCom reply is permanent', async () => {
  const gateway = await startRobot((_request, res) => {
    res.writeHead(502);
    res.end();
  });
  assert.equal(failed(await channelFor({ url: gateway.url }).send(notification())).retryable, true);
  const portal = await startRobot((_request, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<html>welcome</html>');
  });
  const failure = failed(await channelFor({ url: portal.url }).send(notification()));
  assert.equal(failure.retryable, false);
  assert.equal(failure.hint, 'check channels.wecom.url');
});

test('the 21st message inside a minute is held locally and goes out once the window has room', async () => {
  const robot = await startRobot();
  const clock = new FakeClock();
  const channel = channelFor({ url: robot.url }, clock);
  for (let i = 0; i < 10; i++) assert.deepEqual(await channel.send(notification({ id: `a${i}` })), { ok: true });
  clock.advance(30_000);
  for (let i = 0; i < 10; i++) assert.deepEqual(await channel.send(notification({ id: `b${i}` })), { ok: true });
  assert.equal(robot.requests.length, 20);

  const held = failed(await channel.send(notification({ id: 'c0' })));
  assert.deepEqual(held, { ok: false, retryable: true, deferred: true, retryAfterMs: 30_000, error: 'rate limited locally (20/min)' });
  assert.equal(robot.requests.length, 20, 'no request was made for the held message');

  clock.advance(29_999);
  assert.equal(failed(await channel.send(notification({ id: 'c0' }))).retryAfterMs, 1);
  assert.equal(robot.requests.length, 20);

  clock.advance(1);
  assert.deepEqual(await channel.send(notification({ id: 'c0' })), { ok: true });
  assert.equal(robot.requests.length, 21);
});

test('the rate window is measured on the monotonic clock: a wall-clock step back holds nothing longer', async () => {
  const robot = await startRobot();
  const clock = new FakeClock();
  const channel = channelFor({ url: robot.url }, clock);
  for (let i = 0; i < 20; i++) assert.deepEqual(await channel.send(notification({ id: `a${i}` })), { ok: true });
  clock.stepWall(-10 * 60_000);
  assert.equal(failed(await channel.send(notification({ id: 'b0' }))).retryAfterMs, 60_000);
  clock.advance(60_000);
  assert.deepEqual(await channel.send(notification({ id: 'b0' })), { ok: true });
  assert.equal(robot.requests.length, 21);
});

test('secrets() is the key', () => {
  assert.deepEqual(channelFor({}).secrets(), [KEY]);
});

test('config: defaults, strict keys, timeout, and markdown cannot mention @all or phone numbers', () => {
  assert.deepEqual(wecomConfigSchema.parse({ key: 'k1' }), {
    key: 'k1',
    url: WECOM_DEFAULT_URL,
    msgtype: 'markdown',
    mentions: [],
    mentionMobiles: [],
    timeoutMs: undefined,
  });
  assert.equal(wecomConfigSchema.parse({ key: 'k1', timeout: '5s' }).timeoutMs, 5000);
  assert.equal(wecomConfigSchema.safeParse({}).success, false);
  assert.equal(wecomConfigSchema.safeParse({ key: '' }).success, false);
  assert.equal(wecomConfigSchema.safeParse({ key: 'k1', msgtyp: 'text' }).success, false);
  assert.equal(wecomConfigSchema.safeParse({ key: 'k1', msgtype: 'news' }).success, false);
  assert.equal(wecomConfigSchema.safeParse({ key: 'k1', timeout: 10 }).success, false);
  assert.equal(wecomConfigSchema.safeParse({ key: 'k1', mentions: ['@all'] }).success, false);
  assert.equal(wecomConfigSchema.safeParse({ key: 'k1', mentionMobiles: ['13800001111'] }).success, false);
  assert.equal(wecomConfigSchema.safeParse({ key: 'k1', msgtype: 'text', mentions: ['@all'], mentionMobiles: ['13800001111'] }).success, true);
});
