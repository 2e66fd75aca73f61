// End to end with the real srvmon process and real servers on 127.0.0.1: a mail reaches every recipient exactly
// once; a notification queued while the channel is down survives SIGKILL and is delivered exactly once after the
// restart; test-alert reports each channel and its exit code tells the truth.
import assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { delay, isolatedEnv, runCli, RunningCli, tempHome } from '../helpers/cli.js';
import { freePort, SmtpSink } from '../helpers/smtp-sink.js';
import { fakeOpenId, STANDIN_APP_ID, STANDIN_APP_SECRET, STANDIN_TEMPLATE_ID, WechatStandin } from '../helpers/wechat-standin.js';

const home = tempHome();
const sinks: SmtpSink[] = [];
after(async () => {
  await Promise.all(sinks.map((s) => s.stop()));
  home.cleanup();
});

function writeConfig(name: string, smtpPort: number, extra = ''): string {
  const file = join(home.dir, name);
  writeFileSync(
    file,
    [
      'rules:',
      '  memory: { threshold: 1 }',
      '  cpu: false',
      '  disk: false',
      'channels:',
      '  mail:',
      '    host: 127.0.0.1',
      `    port: ${smtpPort}`,
      '    secure: false',
      "    from: 'srvmon <srvmon@example.com>'",
      '    to: [ops@example.com, oncall@example.com]',
      '    timeout: 2s',
      extra,
    ].join('\n'),
  );
  return file;
}

const deliveryOk = (channel: string) => (line: string) => line.includes('"type":"delivery"') && line.includes(`"channel":"${channel}"`) && line.includes('"ok":true');

test('srvmon --no-ui delivers exactly one mail, to every recipient, naming memory, its value and the threshold', async () => {
  const smtp = await new SmtpSink().start();
  sinks.push(smtp);
  const config = writeConfig('mail.yaml', smtp.port);
  const cli = new RunningCli(['--no-ui', '--json', '--config', config, '--state-dir', join(home.dir, 'state-mail')], { cwd: home.dir, env: isolatedEnv(home.dir) });
  const alertLine = await cli.waitForLine((l) => l.includes('"type":"alert"') && l.includes('"rule":"memory"'), 3000);
  await cli.waitForLine(deliveryOk('mail'), 12_000); // 3 s of it the default groupWait
  await delay(1500);
  cli.kill();
  assert.equal((await cli.exited).code, 0);
  const alert = JSON.parse(alertLine);
  assert.equal(smtp.received.length, 1);
  const [{ mail, envelopeTo }] = smtp.received;
  assert.deepEqual(envelopeTo.sort(), ['oncall@example.com', 'ops@example.com']);
  assert.equal(mail.from?.value[0].address, 'srvmon@example.com');
  assert.match(mail.subject ?? '', /Memory/);
  const valueText = `${alert.value.toFixed(1).replace(/\.0$/, '')}%`;
  assert.ok(mail.text?.includes(alert.message), mail.text);
  assert.ok(alert.message.includes(valueText) && alert.message.includes('1%'), alert.message);
  assert.ok(mail.html && mail.html.includes('Memory usage'));
});

test('channel down, SIGKILL, restart with the channel up: exactly one delivery', async () => {
  const port = await freePort();
  const config = writeConfig('kill.yaml', port);
  const stateDir = join(home.dir, 'state-kill');
  const args = ['--no-ui', '--json', '--config', config, '--state-dir', stateDir];
  const first = new RunningCli(args, { cwd: home.dir, env: isolatedEnv(home.dir) });
  await first.waitForLine((l) => l.includes('"type":"delivery"') && l.includes('"ok":false') && l.includes('"willRetry":true'), 6000);
  first.kill('SIGKILL');
  await first.exited;
  assert.equal(readdirSync(join(stateDir, 'outbox', 'pending', 'mail')).length, 1, 'the notification waits on disk');

  const smtp = await new SmtpSink().start(port);
  sinks.push(smtp);
  const second = new RunningCli(args, { cwd: home.dir, env: isolatedEnv(home.dir) });
  await second.waitForLine(deliveryOk('mail'), 9000); // the restart keeps the retry time: up to 5 s after the failure
  await delay(2000);
  second.kill();
  await second.exited;
  assert.equal(smtp.received.length, 1);
  assert.deepEqual(second.lines.filter((l) => l.includes('"type":"alert"') && l.includes('"rule":"memory"')), [], 'no second firing after the restart');
  assert.deepEqual(readdirSync(join(stateDir, 'outbox', 'pending', 'mail')), []);
});

test('test-alert: ✓ per working channel, ✗ with the error for a failing one, exit code tells the truth', async () => {
  const smtp = await new SmtpSink().start();
  sinks.push(smtp);
  const good = writeConfig('test-good.yaml', smtp.port);
  const ok = await runCli(['test-alert', '--config', good, '--state-dir', join(home.dir, 'state-t1')], { cwd: home.dir, env: isolatedEnv(home.dir) });
  assert.equal(ok.code, 0, ok.stdout + ok.stderr);
  assert.match(ok.stdout, /^✓ mail \d+ms\n$/);
  assert.equal(smtp.received.length, 1);
  assert.match(smtp.received[0].mail.subject ?? '', /\[TEST\]/);

  const deadPort = await freePort();
  const mixed = writeConfig('test-mixed.yaml', smtp.port, `  webhook:\n    url: http://127.0.0.1:${deadPort}/hook\n    timeout: 2s\n`);
  const bad = await runCli(['test-alert', '--config', mixed, '--state-dir', join(home.dir, 'state-t2')], { cwd: home.dir, env: isolatedEnv(home.dir) });
  assert.equal(bad.code, 1);
  assert.match(bad.stdout, /✓ mail \d+ms/);
  assert.match(bad.stdout, /✗ webhook \d+ms: .*ECONNREFUSED/);

  const none = await runCli(['test-alert', '--state-dir', join(home.dir, 'state-t3')], { cwd: home.dir, env: isolatedEnv(home.dir) });
  assert.equal(none.code, 1);
  assert.match(none.stderr, /no channel is configured/);
});

test('WeChat: 42001 on the first send, one token refresh, each openId gets exactly one template message with msg and time', async () => {
  const openIds = [fakeOpenId('ann'), fakeOpenId('bob')];
  const wechat = new WechatStandin({ followers: openIds });
  await wechat.start();
  after(() => wechat.stop());
  wechat.script({ errcode: 42001, errmsg: 'access_token expired' });
  const file = join(home.dir, 'wechat.yaml');
  writeFileSync(
    file,
    [
      'locale: zh-CN',
      'rules: { memory: { threshold: 1 }, cpu: false, disk: false }',
      'channels:',
      '  wechat:',
      `    appId: ${STANDIN_APP_ID}`,
      '    appSecret: ${WECHAT_APP_SECRET}',
      `    templateId: ${STANDIN_TEMPLATE_ID}`,
      `    openIds: [${openIds.join(', ')}]`,
      `    apiBase: ${wechat.baseUrl}`,
      '',
    ].join('\n'),
  );
  const env = isolatedEnv(home.dir, { WECHAT_APP_SECRET: STANDIN_APP_SECRET });
  const cli = new RunningCli(['--no-ui', '--json', '--config', file, '--state-dir', join(home.dir, 'state-wechat')], { cwd: home.dir, env });
  await cli.waitForLine(deliveryOk('wechat'), 15_000); // 3 s of it the default groupWait; a loaded machine takes seconds to start
  await delay(1500);
  cli.kill();
  await cli.exited;
  assert.equal(wechat.tokenFetches, 2, 'the first token, then exactly one refresh after 42001');
  assert.deepEqual(wechat.messages.map((m) => m.touser).sort(), [...openIds].sort());
  for (const message of wechat.messages) {
    assert.match(message.data.msg.value, /内存使用率为[\d.]+%，超过了1%，请关注/);
    assert.match(message.data.time.value, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    assert.ok(message.clientMsgId);
  }
  assert.ok(!cli.lines.join('\n').includes(STANDIN_APP_SECRET));
});
