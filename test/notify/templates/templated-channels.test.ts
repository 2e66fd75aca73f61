// Every HTTP text channel, built the way srvmon builds it (config validation, then the catalogue), sends its
// template's rendering to its provider stand-in: the catalogue is the one place templates are wired in.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { FakeClock } from '../../../src/clock.js';
import { validateChannels } from '../../../src/config/channels.js';
import { buildChannels } from '../../../src/notify/channel-catalogue.js';
import { BarkStandin } from '../../helpers/bark-standin.js';
import { DingtalkStandin } from '../../helpers/dingtalk-standin.js';
import { FeishuStandin } from '../../helpers/feishu-standin.js';
import { PushplusStandin } from '../../helpers/pushplus-standin.js';
import { ServerchanStandin } from '../../helpers/serverchan-standin.js';
import { TelegramStandin } from '../../helpers/telegram-standin.js';
import { sampleNotification } from '../sample-notification.js';
import { loadChannelSchemas } from '../../../src/notify/channel-catalogue.js';

// The catalogue loads channel schemas lazily (a monitor loads those its file names); these tests validate any.
await loadChannelSchemas();

const stops: (() => Promise<void>)[] = [];
after(async () => {
  for (const stop of stops) await stop();
});

async function started<T extends { start(): Promise<T>; stop(): Promise<void> }>(standin: T): Promise<T> {
  await standin.start();
  stops.push(() => standin.stop());
  return standin;
}

const TEMPLATE = { subject: '{{ host }}: {{ ruleName }} {{ state }}', body: 'ALERT {{ host }} {{ value }}/{{ threshold }} since {{ duration }}' };

test('dingtalk, feishu, telegram, bark, pushplus and serverchan each send their template, escaped for their target', async () => {
  const dingtalk = await started(new DingtalkStandin({ accessToken: 'dt' }));
  const feishu = await started(new FeishuStandin({ token: 'fsToken123' }));
  const telegram = await started(new TelegramStandin({ token: '1:abc', chats: [7] }));
  const bark = await started(new BarkStandin(['barkKey1']));
  const pushplus = await started(new PushplusStandin(['ppToken']));
  const serverchan = await started(new ServerchanStandin(['SCTkey1']));
  const channels = validateChannels(
    {
      dingtalk: { webhook: dingtalk.url, template: TEMPLATE },
      feishu: { webhook: feishu.url, template: TEMPLATE },
      telegram: { botToken: '1:abc', chatId: 7, apiUrl: telegram.apiUrl, template: TEMPLATE },
      bark: { deviceKey: 'barkKey1', server: bark.url, template: TEMPLATE },
      pushplus: { token: 'ppToken', server: pushplus.url, template: TEMPLATE },
      serverchan: { sendKey: 'SCTkey1', server: serverchan.url, template: TEMPLATE },
    },
    null,
  );
  const built = await buildChannels(channels, { clock: new FakeClock() });
  // A host name with markup: each target escapes it its own way.
  const notification = { ...sampleNotification(), host: 'web_<1>' };
  for (const channel of built) assert.deepEqual(await channel.send(notification), { ok: true }, channel.name);

  const subject = 'web_<1>: Disk /data firing';
  assert.deepEqual(dingtalk.accepted[0]?.body.markdown, { title: subject, text: 'ALERT web＿＜1＞ 96.2%/95% since 15m' });
  assert.equal(feishu.accepted[0]?.body.card?.header?.title?.content, subject);
  assert.equal(feishu.accepted[0]?.body.card?.elements?.[0]?.text?.content, 'ALERT web＿＜1＞ 96.2%/95% since 15m');
  assert.equal(telegram.accepted[0]?.html, '<b>web_&lt;1&gt;: Disk /data firing</b>\n\nALERT web_&lt;1&gt; 96.2%/95% since 15m');
  assert.deepEqual([bark.accepted[0]?.title, bark.accepted[0]?.body], [subject, 'ALERT web_<1> 96.2%/95% since 15m']);
  assert.deepEqual([pushplus.accepted[0]?.title, pushplus.accepted[0]?.content], [subject, 'ALERT web＿＜1＞ 96.2%/95% since 15m']);
  assert.deepEqual([serverchan.accepted[0]?.title, serverchan.accepted[0]?.desp], [subject, 'ALERT web＿＜1＞ 96.2%/95% since 15m']);
});

test('a channel without a template keeps the built-in text', async () => {
  const bark = await started(new BarkStandin(['barkKey2']));
  const [channel] = await buildChannels(validateChannels({ bark: { deviceKey: 'barkKey2', server: bark.url } }, null), { clock: new FakeClock() });
  assert.deepEqual(await channel!.send(sampleNotification()), { ok: true });
  assert.match(bark.accepted[0]?.title ?? '', /^\[srvmon\] web-1: CRITICAL Disk \/data firing$/);
  assert.match(bark.accepted[0]?.body ?? '', /^Disk usage of \/data 96\.2% is above 95%\n/);
});
