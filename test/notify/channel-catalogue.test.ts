import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeClock } from '../../src/clock.js';
import { buildChannels, CHANNEL_NAMES, channelSchemas, defineChannel, loadChannelSchemas } from '../../src/notify/channel-catalogue.js';
import { createDingtalkChannel } from '../../src/notify/dingtalk-channel.js';
import { telegramConfigSchema } from '../../src/notify/telegram-channel.js';

/** A minimal valid section per channel: every catalogue entry must have one here. */
const MINIMAL: Record<string, unknown> = {
  mail: { host: '127.0.0.1', from: 'a@example.com', to: 'b@example.com' },
  wechat: { appId: 'wx1', appSecret: 's', templateId: 't', openIds: ['o'] },
  wecom: { key: 'k' },
  webhook: { url: 'http://127.0.0.1:9/hook' },
  alertmanager: { url: 'http://127.0.0.1:9093' },
  dingtalk: { webhook: 'http://127.0.0.1:9/robot/send?access_token=t' },
  feishu: { webhook: 'http://127.0.0.1:9/open-apis/bot/v2/hook/t' },
  telegram: { botToken: '1:abc', chatId: 1 },
  bark: { deviceKey: 'k' },
  pushplus: { token: 't' },
  serverchan: { sendKey: 'SCTk' },
};

// First in this file: nothing has loaded a schema yet.
test('schemas load only for the names asked for; every name is known before any loads', async () => {
  assert.deepEqual(Object.keys(channelSchemas), [...CHANNEL_NAMES]);
  assert.throws(() => channelSchemas.mail, /schema of channel "mail" was read before loadChannelSchemas\(\) loaded it/);
  await loadChannelSchemas(['mail', 'slack']);
  assert.doesNotThrow(() => channelSchemas.mail!.parse(MINIMAL.mail));
  assert.throws(() => channelSchemas.bark, /schema of channel "bark"/, 'not asked for, not loaded');
});

test('every catalogue entry builds a channel of its own name from its schema output', async () => {
  await loadChannelSchemas();
  assert.deepEqual(Object.keys(channelSchemas).sort(), Object.keys(MINIMAL).sort());
  const parsed = Object.fromEntries(Object.entries(channelSchemas).map(([name, schema]) => [name, schema.parse(MINIMAL[name])]));
  const channels = await buildChannels(parsed, { clock: new FakeClock() });
  try {
    assert.deepEqual(
      channels.map((c) => c.name),
      Object.keys(parsed),
    );
  } finally {
    await Promise.all(channels.map((c) => c.close?.()));
  }
});

test('a name outside the catalogue is a bug, said as such', async () => {
  await assert.rejects(buildChannels({ slack: {} }, { clock: new FakeClock() }), /no channel "slack" in the catalogue/);
});

test("the factory's config type must be the schema's output (checked by tsc)", () => {
  // @ts-expect-error a DingTalk factory cannot be paired with the Telegram schema: its output has no webhook.
  const mismatched = defineChannel('x', async () => telegramConfigSchema, async () => createDingtalkChannel);
  assert.equal(mismatched.name, 'x');
});
