import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { FakeClock } from '../../src/clock.js';
import type { SendResult } from '../../src/notify/channel.js';
import { barkConfigSchema, createBarkChannel } from '../../src/notify/bark-channel.js';
import { BarkStandin } from '../helpers/bark-standin.js';
import { startConnectProxy } from '../helpers/connect-proxy.js';
import { sampleNotification } from './sample-notification.js';

const KEY = 'barkKey7f3a91c2';
const stops: (() => Promise<void>)[] = [];
after(async () => {
  for (const stop of stops) await stop();
});

async function server(): Promise<BarkStandin> {
  const standin = await new BarkStandin([KEY]).start();
  stops.push(() => standin.stop());
  return standin;
}

function channel(fields: Record<string, unknown>) {
  return createBarkChannel(barkConfigSchema.parse({ deviceKey: KEY, ...fields }), { clock: new FakeClock() });
}

function failed(result: SendResult): Extract<SendResult, { ok: false }> {
  assert.equal(result.ok, false, `expected a failure, got ${JSON.stringify(result)}`);
  return result as Extract<SendResult, { ok: false }>;
}

test('pushes title and body; critical alerts are time-sensitive, resolves are not', async () => {
  const bark = await server();
  assert.deepEqual(await channel({ server: bark.url }).send(sampleNotification()), { ok: true });
  assert.deepEqual(await channel({ server: bark.url, group: 'web' }).send(sampleNotification({ state: 'resolved' })), { ok: true });
  assert.match(bark.accepted[0]?.title ?? '', /^\[srvmon\] web-1: CRITICAL/);
  assert.deepEqual(bark.accepted.map((p) => [p.level, p.group]), [['timeSensitive', 'srvmon'], ['active', 'web']]);
});

test("a long message still fits Apple's 4 KB payload", async () => {
  const bark = await server();
  assert.deepEqual(await channel({ server: bark.url }).send(sampleNotification({ message: '满'.repeat(3000) })), { ok: true });
});

test('an unknown device key is permanent with a hint and the key cut out; Apple down is retryable', async () => {
  const bark = await server();
  const wrong = failed(await createBarkChannel(barkConfigSchema.parse({ deviceKey: 'otherKey5512ab', server: bark.url }), { clock: new FakeClock() }).send(sampleNotification()));
  assert.equal(wrong.retryable, false);
  assert.match(wrong.hint ?? '', /channels\.bark\.deviceKey/);
  assert.ok(!JSON.stringify(wrong).includes('otherKey5512ab'), JSON.stringify(wrong));
  bark.apnsDown = true;
  const down = failed(await channel({ server: bark.url }).send(sampleNotification()));
  assert.equal(down.retryable, true);
  assert.match(down.error, /^Bark 500: push failed/);
});

test('proxy: the push goes through the CONNECT proxy', async () => {
  const bark = await server();
  const proxy = await startConnectProxy();
  stops.push(() => proxy.close());
  assert.deepEqual(await channel({ server: bark.url, proxy: proxy.url }).send(sampleNotification()), { ok: true });
  assert.equal(proxy.tunnels.length, 1);
});
