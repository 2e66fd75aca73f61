// The channels Chinese operators use, end to end as a new user sets them up: one config file with DingTalk (signed),
// Feishu (signed), ServerChan, PushPlus, Bark and Telegram through an HTTP CONNECT proxy, every endpoint pointed at a
// stand-in on 127.0.0.1 that checks what the provider checks. `srvmon test-alert` reaches all six; then a real alert
// from `srvmon --no-ui` (memory above 1%) reaches all six too, each once.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { isolatedEnv, runCli, RunningCli, tempHome } from '../helpers/cli.js';
import { startConnectProxy } from '../helpers/connect-proxy.js';
import { BarkStandin } from '../helpers/bark-standin.js';
import { DingtalkStandin } from '../helpers/dingtalk-standin.js';
import { FeishuStandin } from '../helpers/feishu-standin.js';
import { PushplusStandin } from '../helpers/pushplus-standin.js';
import { ServerchanStandin } from '../helpers/serverchan-standin.js';
import { TelegramStandin } from '../helpers/telegram-standin.js';

const home = tempHome();
const stops: (() => Promise<void>)[] = [];
after(async () => {
  for (const stop of stops) await stop();
  home.cleanup();
});

async function started<T extends { start(): Promise<T>; stop(): Promise<void> }>(standin: T): Promise<T> {
  await standin.start();
  stops.push(() => standin.stop());
  return standin;
}

async function waitFor(what: string, ok: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('DingTalk, Feishu, ServerChan, PushPlus, Bark and Telegram (through a proxy) each get the test alert and a real alert', async () => {
  const dingtalk = await started(new DingtalkStandin({ accessToken: 'dtToken', secret: 'SECdingtalk' }));
  const feishu = await started(new FeishuStandin({ token: 'fsToken', secret: 'feishuSecret' }));
  const serverchan = await started(new ServerchanStandin(['SCTsendkey1']));
  const pushplus = await started(new PushplusStandin(['ppToken1']));
  const bark = await started(new BarkStandin(['barkKey1']));
  const telegram = await started(new TelegramStandin({ token: '123:abc', chats: [42] }));
  const proxy = await startConnectProxy();
  stops.push(() => proxy.close());

  const rc = join(home.dir, '.srvmonrc.yaml');
  writeFileSync(
    rc,
    [
      `stateDir: ${join(home.dir, 'state')}`,
      'rules:',
      '  cpu: false',
      '  disk: false',
      '  memory:',
      '    threshold: 1',
      'channels:',
      `  dingtalk: { webhook: "${dingtalk.url}", secret: SECdingtalk, groupWait: false }`,
      `  feishu: { webhook: "${feishu.url}", secret: feishuSecret, groupWait: false }`,
      `  serverchan: { sendKey: SCTsendkey1, server: "${serverchan.url}", groupWait: false }`,
      `  pushplus: { token: ppToken1, server: "${pushplus.url}", groupWait: false }`,
      `  bark: { deviceKey: barkKey1, server: "${bark.url}", groupWait: false }`,
      `  telegram: { botToken: "123:abc", chatId: 42, apiUrl: "${telegram.apiUrl}", proxy: "${proxy.url}", groupWait: false }`,
      '',
    ].join('\n'),
  );
  const env = isolatedEnv(home.dir);
  const counts = () => [dingtalk.accepted.length, feishu.accepted.length, serverchan.accepted.length, pushplus.accepted.length, bark.accepted.length, telegram.accepted.length];

  const testAlert = await runCli(['test-alert', '--config', rc], { cwd: home.dir, env });
  assert.equal(testAlert.code, 0, testAlert.stdout + testAlert.stderr);
  assert.deepEqual(counts(), [1, 1, 1, 1, 1, 1], 'each stand-in accepted the test alert once');
  assert.ok(proxy.tunnels.length >= 1 && proxy.tunnels.every((t) => t === new URL(telegram.apiUrl).host), `Telegram went through the proxy: ${proxy.tunnels.join(', ')}`);

  const agent = new RunningCli(['--no-ui', '--json', '--config', rc], { cwd: home.dir, env });
  try {
    await waitFor('the memory alert at every stand-in', () => counts().every((n) => n >= 2)).catch((error: Error) => {
      throw new Error(`${error.message}: ${counts().join(', ')}\n${agent.lines.join('\n')}\n${agent.stderr}`);
    });
    // Every delivery line says ok, and no channel got the alert twice.
    await agent.waitForLine((l) => l.includes('"type":"delivery"') && l.includes('"channel":"telegram"') && l.includes('"ok":true'), 10_000);
  } finally {
    agent.kill('SIGTERM');
    await agent.exited;
  }
  assert.deepEqual(counts(), [2, 2, 2, 2, 2, 2], 'each stand-in got exactly one real alert');
  const deliveries = agent.json().filter((e) => e.type === 'delivery');
  for (const channel of ['dingtalk', 'feishu', 'serverchan', 'pushplus', 'bark', 'telegram']) {
    assert.ok(deliveries.some((d) => d.channel === channel && d.ok === true), `${channel} delivered`);
  }
  // Telegram's stand-in allows about one message a second per chat, as Telegram does: a 429 right after the test
  // alert is retried after the time it names, never dropped.
  for (const failed of deliveries.filter((d) => d.ok !== true)) assert.equal(failed.willRetry, true, JSON.stringify(failed));
  assert.match(JSON.stringify(dingtalk.accepted[1]), /Memory/);
  assert.match(telegram.accepted[1]!.text, /Memory usage [\d.]+% is above 1%/);
  assert.match(`${bark.accepted[1]!.title} ${bark.accepted[1]!.body}`, /Memory/);
  assert.match(`${serverchan.accepted[1]!.title}`, /Memory/);
  assert.match(`${pushplus.accepted[1]!.title}`, /Memory/);
  assert.ok(proxy.tunnels.length >= 2, 'the real alert to Telegram went through the proxy too');
});
