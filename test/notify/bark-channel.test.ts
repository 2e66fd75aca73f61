import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { FakeClock } from '../../src/clock.js';
import type { SendResult } from '../../src/notify/channel.js';
import { barkConfigSchema, createBarkChannel } from '../../src/notify/bark-channel.js';
import { barkEncryptionSchema, encryptBarkText } from '../../src/notify/bark-encryption.js';
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

test("encryption: AES-CBC as Bark documents it (the docs' own example gives the docs' ciphertext)", () => {
  const encryption = barkEncryptionSchema.parse({ key: '1234567890123456', iv: '1234567890123456' });
  // The example payload of Bark's encryption docs, byte for byte.
  assert.deepEqual(encryptBarkText('{"body": "test", "sound": "birdsong"}', encryption), {
    ciphertext: '+aPt5cwN9GbTLLSFri60l3h1X00u/9j1FENfWiTxhNHVLGU+XoJ15JJG5W/d/yf0',
    iv: '1234567890123456',
  });
});

test('encryption: the phone decrypts title and body; neither is readable on the way; a fresh IV per push', async () => {
  const key = 'k'.repeat(24);
  const bark = await new BarkStandin([KEY], { encryption: { key, mode: 'cbc' } }).start();
  stops.push(() => bark.stop());
  const encrypted = channel({ server: bark.url, encryption: { key } });
  assert.deepEqual(await encrypted.send(sampleNotification()), { ok: true });
  assert.deepEqual(await encrypted.send(sampleNotification({ state: 'resolved' })), { ok: true });
  assert.equal(bark.decryptionFailures, 0);
  assert.match(String(bark.decrypted[0]?.title), /^\[srvmon\] web-1: CRITICAL Disk \/data firing$/);
  assert.match(String(bark.decrypted[0]?.body), /Disk usage of \/data 96\.2% is above 95%/);
  assert.equal(bark.decrypted[0]?.level, 'timeSensitive');
  for (const push of bark.accepted) {
    assert.deepEqual([push.title, push.body, push.level, push.group], [undefined, undefined, push.level, 'srvmon']);
    assert.doesNotMatch(JSON.stringify(push), /Disk|web-1/);
    assert.match(push.iv ?? '', /^[\w+/]{16}$/);
  }
  assert.notEqual(bark.accepted[0]?.iv, bark.accepted[1]?.iv);
  assert.ok(encrypted.secrets().includes(key), 'the key is one of the channel secrets');
});

test('encryption: ECB with a 32-character key; a long alert still fits the 4 KB push; a wrong key is only seen on the phone', async () => {
  const key = 'K'.repeat(32);
  const bark = await new BarkStandin([KEY], { encryption: { key, mode: 'ecb' } }).start();
  stops.push(() => bark.stop());
  assert.deepEqual(await channel({ server: bark.url, encryption: { key, mode: 'ecb' } }).send(sampleNotification({ message: '满'.repeat(3000) })), { ok: true });
  assert.equal(bark.accepted[0]?.iv, undefined);
  assert.match(String(bark.decrypted[0]?.body), /…$/);
  // Bark's server cannot know the app's key: it accepts, and the phone shows a decryption failure.
  assert.deepEqual(await channel({ server: bark.url, encryption: { key: 'x'.repeat(32), mode: 'ecb' } }).send(sampleNotification()), { ok: true });
  assert.equal(bark.decryptionFailures, 1);
});

test('encryption config: key of 16, 24 or 32 characters, an IV of 16, cbc or ecb; the key is never echoed', () => {
  const error = (fields: Record<string, unknown>) => barkConfigSchema.safeParse({ deviceKey: KEY, encryption: fields }).error?.issues[0]?.message;
  assert.match(error({ key: 'short' }) ?? '', /must be 16, 24 or 32 characters/);
  assert.match(error({ key: '1234567890123456', iv: '123' }) ?? '', /must be 16 characters/);
  assert.ok(error({ key: '1234567890123456', mode: 'gcm' }));
  assert.equal(error({ key: '1234567890123456', mode: 'ecb' }), undefined);
  assert.ok(!(error({ key: 'short-secret-key' }) ?? '').includes('short-secret-key'));
});

test('Bark error codes: an unknown key and a reinstalled app are permanent with a hint, Apple down is retried', async () => {
  const bark = await server();
  bark.unregistered.add(KEY);
  const gone = failed(await channel({ server: bark.url }).send(sampleNotification()));
  assert.deepEqual([gone.retryable, gone.error], [false, 'Bark 500: push failed: BadDeviceToken']);
  assert.match(gone.hint ?? '', /copy the new key from the Bark app into channels\.bark\.deviceKey/);
  const unknown = failed(await createBarkChannel(barkConfigSchema.parse({ deviceKey: 'nobody123', server: bark.url }), { clock: new FakeClock() }).send(sampleNotification()));
  assert.deepEqual([unknown.retryable, unknown.error], [false, 'Bark 400: failed to get device token: failed to get [***] device token from database']);
});

test('a self-hosted server with basic auth: 418 without it gives the hint; user:pass in the URL works and is never echoed', async () => {
  const bark = await new BarkStandin([KEY], { basicAuth: 'ops:b4rkPass' }).start();
  stops.push(() => bark.stop());
  const refused = failed(await channel({ server: bark.url }).send(sampleNotification()));
  assert.equal(refused.retryable, false);
  assert.match(refused.error, /^HTTP 418/);
  assert.match(refused.hint ?? '', /basic auth: write it into channels\.bark\.server as https:\/\/user:password@host/);
  const withAuth = channel({ server: bark.url.replace('http://', 'http://ops:b4rkPass@') });
  assert.deepEqual(await withAuth.send(sampleNotification()), { ok: true });
  assert.ok(withAuth.secrets().includes('b4rkPass'));
});
