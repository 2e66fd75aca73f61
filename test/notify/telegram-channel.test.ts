import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { FakeClock } from '../../src/clock.js';
import type { SendResult } from '../../src/notify/channel.js';
import { createTelegramChannel, telegramConfigSchema } from '../../src/notify/telegram-channel.js';
import { startConnectProxy } from '../helpers/connect-proxy.js';
import { TelegramStandin } from '../helpers/telegram-standin.js';
import { sampleNotification } from './sample-notification.js';

const TOKEN = '7000001:AAtg-Token_5b1e9c';
const CHAT = -100123456;
const stops: (() => Promise<void>)[] = [];
after(async () => {
  for (const stop of stops) await stop();
});

async function bot(perSecond?: number): Promise<TelegramStandin> {
  const standin = await new TelegramStandin({ token: TOKEN, chats: [CHAT], ...(perSecond ? { perSecond } : {}) }).start();
  stops.push(() => standin.stop());
  return standin;
}

function channel(fields: Record<string, unknown>, clock = new FakeClock()) {
  return createTelegramChannel(telegramConfigSchema.parse({ botToken: TOKEN, chatId: CHAT, ...fields }), { clock });
}

function failed(result: SendResult): Extract<SendResult, { ok: false }> {
  assert.equal(result.ok, false, `expected a failure, got ${JSON.stringify(result)}`);
  return result as Extract<SendResult, { ok: false }>;
}

test('sends HTML that Telegram parses, with untrusted text escaped', async () => {
  const standin = await bot();
  const evil = '/mnt/<b>x</b> & <script>';
  assert.deepEqual(await channel({ apiUrl: standin.apiUrl }).send(sampleNotification({ mountpoint: evil, rule: `disk:${evil}`, message: `Disk ${evil}` })), { ok: true });
  const [message] = standin.accepted;
  assert.match(message?.html ?? '', /^<b>\[srvmon\] web-1: CRITICAL/);
  assert.ok(message?.text.includes(`Disk ${evil}`), message?.text);
});

test('a long message is cut to 4096 visible characters and still accepted', async () => {
  const standin = await bot();
  assert.deepEqual(await channel({ apiUrl: standin.apiUrl }).send(sampleNotification({ message: '<&>'.repeat(3000) })), { ok: true });
  assert.ok([...(standin.accepted[0]?.text ?? '')].length <= 4096);
});

test('wrong token, unknown chat: permanent with hints, token never shown', async () => {
  const standin = await bot();
  const wrongToken = failed(
    await createTelegramChannel(telegramConfigSchema.parse({ botToken: '7000001:AAwrong-token', chatId: CHAT, apiUrl: standin.apiUrl }), {
      clock: new FakeClock(),
    }).send(sampleNotification()),
  );
  assert.equal(wrongToken.error, 'Telegram 401: Unauthorized');
  assert.match(wrongToken.hint ?? '', /botToken/);
  const noChat = failed(await createTelegramChannel(telegramConfigSchema.parse({ botToken: TOKEN, chatId: 42, apiUrl: standin.apiUrl }), { clock: new FakeClock() }).send(sampleNotification()));
  assert.equal(noChat.error, 'Telegram 400: Bad Request: chat not found');
  assert.match(noChat.hint ?? '', /\/start/);
  for (const result of [wrongToken, noChat]) assert.ok(!JSON.stringify(result).includes('AAtg-Token'), JSON.stringify(result));
});

test('1 a second held locally; a 429 is retried after its retry_after', async () => {
  const standin = await bot();
  const clock = new FakeClock();
  const telegram = channel({ apiUrl: standin.apiUrl }, clock);
  assert.deepEqual(await telegram.send(sampleNotification()), { ok: true });
  assert.equal(failed(await telegram.send(sampleNotification())).deferred, true);
  assert.equal(standin.requests, 1);
  // Another bot instance shares the chat: Telegram itself says wait.
  const other = channel({ apiUrl: standin.apiUrl });
  const limited = failed(await other.send(sampleNotification()));
  assert.deepEqual([limited.retryable, limited.retryAfterMs], [true, 3000]);
});

test('proxy: the request goes through the CONNECT proxy', async () => {
  const standin = await bot();
  const proxy = await startConnectProxy();
  stops.push(() => proxy.close());
  assert.deepEqual(await channel({ apiUrl: standin.apiUrl, proxy: proxy.url }).send(sampleNotification()), { ok: true });
  assert.equal(proxy.tunnels.length, 1);
});

test('config: token and chat id shapes', () => {
  assert.equal(telegramConfigSchema.safeParse({ botToken: 'nope', chatId: 1 }).success, false);
  assert.equal(telegramConfigSchema.safeParse({ botToken: TOKEN, chatId: '@ops_alerts' }).success, true);
  assert.equal(telegramConfigSchema.safeParse({ botToken: TOKEN, chatId: 'ops' }).success, false);
});
