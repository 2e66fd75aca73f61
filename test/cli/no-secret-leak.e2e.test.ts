// In the spirit of Alertmanager's AssertNotifyLeaksNoSecret: every channel fails (servers that echo what they got),
// and no secret appears in stdout, stderr, the alert log, the outbox, the state file, check-config or test-alert.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { delay, isolatedEnv, runCli, RunningCli, tempHome } from '../helpers/cli.js';
import { startConnectProxy } from '../helpers/connect-proxy.js';
import { SmtpSink } from '../helpers/smtp-sink.js';
import { fakeOpenId, STANDIN_APP_ID, STANDIN_TEMPLATE_ID, WechatStandin } from '../helpers/wechat-standin.js';

const SMTP_PASS = 'smtp-Pass-4f9a1c7e';
const APP_SECRET = 'wechat-Secret-8d2b6e01';
const WECOM_KEY = 'wecom-Key-5a7c9e13';
const WEBHOOK_TOKEN = 'hook-Token-3e8f2a64';
const DINGTALK_TOKEN = 'dingtalk-Token-9e3a7b15';
const DINGTALK_SECRET = 'SECdingtalk-Secret-2c8d4f60';
const FEISHU_TOKEN = 'feishu-Token-6c0b2d95';
const FEISHU_SECRET = 'feishu-Secret-71e5a9c3';
const PROXY_PASS = 'proxy-Pass-0d9b3e47';
const TELEGRAM_TOKEN = '7000042:AAtelegram-Token_c81f';
const BARK_KEY = 'barkKey6a0e51d3';
const PUSHPLUS_TOKEN = 'pushplus-Token-2f7b90';
const SERVERCHAN_KEY = 'SCT99887TserverchanKey4e';
/** Bark's 推送加密 key (24 characters: AES-192) and the basic-auth password of a self-hosted Bark server. */
const BARK_ENCRYPTION_KEY = 'barkEnc-Key-71c3e9a05b2d';
const BARK_SERVER_PASS = 'barkSrv-Pass-3a8e';
/** A token in a template's dashboardUrl: sent in the message, but never shown by srvmon itself. */
const DASHBOARD_TOKEN = 'dash-Token-58e1c0';
/** Grows with what the servers saw: the signatures (sign=) of the DingTalk URLs and Feishu bodies. */
const SECRETS = [SMTP_PASS, APP_SECRET, WECOM_KEY, WEBHOOK_TOKEN, DINGTALK_TOKEN, DINGTALK_SECRET, FEISHU_TOKEN, FEISHU_SECRET, PROXY_PASS, TELEGRAM_TOKEN, BARK_KEY, PUSHPLUS_TOKEN, SERVERCHAN_KEY, BARK_ENCRYPTION_KEY, BARK_SERVER_PASS, DASHBOARD_TOKEN];

const tls = (name: string) => fileURLToPath(new URL(`../../../test/fixtures/tls/${name}`, import.meta.url));
const home = tempHome();
const closers: (() => Promise<void>)[] = [];
after(async () => {
  for (const close of closers) await close();
  home.cleanup();
});

/** An HTTP server that answers every request with whatever echo() makes of it (URL, headers, body). */
async function echoServer(echo: (url: string, headers: string, body: string) => { status: number; body: string }): Promise<number> {
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d));
    req.on('end', () => {
      const answer = echo(req.url ?? '', JSON.stringify(req.headers), body);
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return (server.address() as { port: number }).port;
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else out.push(path);
  }
  return out;
}

function assertNoSecret(where: string, text: string): void {
  for (const secret of SECRETS) assert.ok(!text.includes(secret), `${where} leaks ${secret}:\n${text.slice(0, 2000)}`);
}

test('every channel failing: no secret anywhere srvmon writes', async () => {
  const smtp = await new SmtpSink({
    disabledCommands: [],
    key: readFileSync(tls('server.key')),
    cert: readFileSync(tls('server.crt')),
    onAuth: (auth, _session, callback) => callback(new Error(`Invalid login for ${auth.username}:${auth.password}`)),
  }).start();
  closers.push(() => smtp.stop());
  const wechat = new WechatStandin({ appSecret: 'the-real-secret-differs', followers: [fakeOpenId('ann')] });
  await wechat.start();
  closers.push(() => wechat.stop());
  const wecomPort = await echoServer((url) => ({ status: 200, body: JSON.stringify({ errcode: 93000, errmsg: `invalid webhook url ${url}` }) }));
  const hookPort = await echoServer((_url, headers) => ({ status: 401, body: JSON.stringify({ error: 'unauthorized', got: headers }) }));
  // DingTalk and Feishu robots that refuse and echo the whole request (token, timestamp, sign) in their error.
  const dingtalkPort = await echoServer((url) => {
    const sign = new URL(url, 'http://x').searchParams.get('sign');
    if (sign) SECRETS.push(sign, encodeURIComponent(sign));
    return { status: 200, body: JSON.stringify({ errcode: 310000, errmsg: `sign not match ${url}` }) };
  });
  const feishuPort = await echoServer((url, _headers, body) => {
    const { sign } = JSON.parse(body) as { sign?: string };
    if (sign) SECRETS.push(sign);
    return { status: 400, body: JSON.stringify({ code: 19021, msg: `sign match fail ${url} ${body}` }) };
  });
  // The push services answer with the whole request (URL with the token in its path, body with the key) in the error.
  const echoAll = (status: number, shape: (echo: string) => object) =>
    echoServer((url, headers, body) => ({ status, body: JSON.stringify(shape(`${url} ${headers} ${body}`)) }));
  const telegramPort = await echoAll(401, (echo) => ({ ok: false, error_code: 401, description: `Unauthorized ${echo}` }));
  const barkPort = await echoAll(400, (echo) => ({ code: 400, message: `failed to get device token ${echo}` }));
  const pushplusPort = await echoAll(200, (echo) => ({ code: 903, msg: `无效的用户token ${echo}` }));
  const serverchanPort = await echoAll(200, (echo) => ({ code: 40001, message: `bad pushtoken ${echo}` }));
  const proxy = await startConnectProxy({ username: 'ops', password: PROXY_PASS });
  closers.push(() => proxy.close());

  const config = join(home.dir, '.srvmonrc');
  writeFileSync(
    config,
    [
      'rules: { memory: { threshold: 1 }, cpu: false, disk: false }',
      'channels:',
      '  mail:',
      `    host: 127.0.0.1`,
      `    port: ${smtp.port}`,
      '    secure: false',
      '    user: ops@example.com',
      '    pass: ${SMTP_PASS}',
      "    from: 'srvmon <ops@example.com>'",
      '    to: ops@example.com',
      `    tls: { ca: ${tls('ca.crt')} }`,
      '    timeout: 2s',
      '  wechat:',
      `    appId: ${STANDIN_APP_ID}`,
      '    appSecret: ${WECHAT_APP_SECRET}',
      `    templateId: ${STANDIN_TEMPLATE_ID}`,
      `    openIds: [${fakeOpenId('ann')}]`,
      `    apiBase: ${wechat.baseUrl}`,
      '  wecom:',
      '    key: ${WECOM_KEY}',
      `    url: http://127.0.0.1:${wecomPort}/cgi-bin/webhook/send`,
      '  webhook:',
      `    url: http://127.0.0.1:${hookPort}/hook`,
      '    headers: { Authorization: "Bearer ${WEBHOOK_TOKEN}" }',
      '  dingtalk:',
      `    webhook: http://127.0.0.1:${dingtalkPort}/robot/send?access_token=\${DINGTALK_TOKEN}`,
      '    secret: ${DINGTALK_SECRET}',
      `    proxy: http://ops:\${PROXY_PASS}@127.0.0.1:${new URL(proxy.url).port}`,
      '  feishu:',
      `    webhook: http://127.0.0.1:${feishuPort}/open-apis/bot/v2/hook/\${FEISHU_TOKEN}`,
      '    secret: ${FEISHU_SECRET}',
      '  telegram:',
      '    botToken: ${TELEGRAM_TOKEN}',
      '    chatId: -100123',
      `    apiUrl: http://127.0.0.1:${telegramPort}`,
      '  bark:',
      '    deviceKey: ${BARK_KEY}',
      `    server: http://bark:\${BARK_SERVER_PASS}@127.0.0.1:${barkPort}`,
      '    encryption: { key: "${BARK_ENCRYPTION_KEY}", mode: cbc }',
      '  pushplus:',
      '    token: ${PUSHPLUS_TOKEN}',
      `    server: http://127.0.0.1:${pushplusPort}`,
      '    template:',
      '      body: "{{ message }} {{ dashboardUrl }}"',
      '      dashboardUrl: https://grafana.example.com/d/srvmon?token=${DASHBOARD_TOKEN}',
      '  serverchan:',
      '    sendKey: ${SERVERCHAN_KEY}',
      `    server: http://127.0.0.1:${serverchanPort}`,
      '',
    ].join('\n'),
  );
  const env = isolatedEnv(home.dir, {
    SMTP_PASS,
    WECHAT_APP_SECRET: APP_SECRET,
    WECOM_KEY,
    WEBHOOK_TOKEN,
    DINGTALK_TOKEN,
    DINGTALK_SECRET,
    FEISHU_TOKEN,
    FEISHU_SECRET,
    PROXY_PASS,
    TELEGRAM_TOKEN,
    BARK_KEY,
    PUSHPLUS_TOKEN,
    SERVERCHAN_KEY,
    BARK_ENCRYPTION_KEY,
    BARK_SERVER_PASS,
    DASHBOARD_TOKEN,
  });
  const stateDir = join(home.dir, 'state');
  const cli = new RunningCli(['--no-ui', '--json', '--config', config, '--state-dir', stateDir], { cwd: home.dir, env });
  const failedChannels = new Set<string>();
  await cli.waitForLine((line) => {
    const event = JSON.parse(line) as { type: string; channel?: string; ok?: boolean };
    if (event.type === 'delivery' && event.ok === false && event.channel) failedChannels.add(event.channel);
    return failedChannels.size === 10;
  }, 10_000);
  // What crosses the control socket (hello, snapshot with the channels' last errors, live events) and what status
  // and test-alert print through it.
  const socketText = await new Promise<string>((resolve, reject) => {
    let text = '';
    const socket = createConnection({ path: join(stateDir, 'control.sock') });
    const timer = setTimeout(() => (socket.destroy(), reject(new Error(`no snapshot within 5 s: ${text.slice(0, 200)}`))), 5000);
    // Positive signal: the whole snapshot line (with the channels' last errors) has arrived, plus what came with it.
    socket.on('data', (d: Buffer) => {
      text += d;
      if (/"type":"snapshot".*\n/.test(text)) {
        clearTimeout(timer);
        socket.destroy();
        resolve(text);
      }
    });
    socket.on('error', (error) => (clearTimeout(timer), reject(error)));
  });
  assert.match(socketText, /"type":"snapshot"/);
  assert.match(socketText, /"lastError"/, 'the channels\' errors crossed, redacted');
  assertNoSecret('control socket', socketText);
  const status = await runCli(['status', '--json', '--config', config, '--state-dir', stateDir], { cwd: home.dir, env });
  assert.equal(status.code, 0, status.stderr);
  assertNoSecret('status', status.stdout + status.stderr);
  const ownerTest = await runCli(['test-alert', '--config', config, '--state-dir', stateDir], { cwd: home.dir, env });
  assert.equal(ownerTest.code, 1);
  assert.match(ownerTest.stdout, /^through srvmon pid \d+/);
  assertNoSecret('test-alert through the owner', ownerTest.stdout + ownerTest.stderr);
  await delay(300);
  cli.kill();
  await cli.exited;
  const deliveries = cli.json().filter((e) => e.type === 'delivery');
  assert.ok(deliveries.every((d) => d.ok === false), 'every channel failed');
  assert.ok(deliveries.some((d) => d.channel === 'mail' && String(d.hint ?? '').length > 0), 'the mail failure has a hint');

  assertNoSecret('stdout', cli.lines.join('\n'));
  assertNoSecret('stderr', cli.stderr);
  for (const file of filesUnder(stateDir)) if (statSync(file).isFile()) assertNoSecret(file, readFileSync(file, 'utf8'));

  const check = await runCli(['check-config', '--config', config, '--state-dir', stateDir], { cwd: home.dir, env });
  assert.equal(check.code, 0, check.stderr);
  assert.match(check.stdout, /pass: '\*\*\*'|pass: "\*\*\*"|pass: \*\*\*/);
  assertNoSecret('check-config', check.stdout + check.stderr);
  const checkJson = await runCli(['check-config', '--json', '--config', config, '--state-dir', stateDir], { cwd: home.dir, env });
  assertNoSecret('check-config --json', checkJson.stdout + checkJson.stderr);

  const testAlert = await runCli(['test-alert', '--config', config, '--state-dir', stateDir], { cwd: home.dir, env });
  assert.equal(testAlert.code, 1);
  assert.equal((testAlert.stdout.match(/✗/g) ?? []).length, 10, testAlert.stdout);
  assert.ok(proxy.tunnels.length > 0, 'dingtalk went through its proxy');
  assertNoSecret('test-alert', testAlert.stdout + testAlert.stderr);
});
