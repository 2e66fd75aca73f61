// DingTalk and Feishu end to end through the real CLI: `test-alert` reaches stand-ins that check signatures and
// keywords, prints the hint for a keyword filter, and check-config shows neither tokens nor secrets.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { isolatedEnv, runCli, tempHome } from '../helpers/cli.js';
import { DingtalkStandin } from '../helpers/dingtalk-standin.js';
import { FeishuStandin } from '../helpers/feishu-standin.js';

const home = tempHome();
const stops: (() => Promise<void>)[] = [];
after(async () => {
  for (const stop of stops) await stop();
  home.cleanup();
});

const DT_TOKEN = 'dt-e2e-Token-41c0a7';
const DT_SECRET = 'SECdt-e2e-Secret-93be';
const FS_TOKEN = 'fs-e2e-Token-6d2f18aa';
const FS_SECRET = 'fs-e2e-Secret-0c57';

test('test-alert: a signed Feishu bot accepts; a DingTalk robot with a keyword filter refuses with the hint', async () => {
  const dingtalk = await new DingtalkStandin({ accessToken: DT_TOKEN, secret: DT_SECRET, keywords: ['机房'] }).start();
  stops.push(() => dingtalk.stop());
  const feishu = await new FeishuStandin({ token: FS_TOKEN, secret: FS_SECRET }).start();
  stops.push(() => feishu.stop());
  const config = join(home.dir, '.srvmonrc');
  const write = (keyword: string) =>
    writeFileSync(
      config,
      [
        'channels:',
        '  dingtalk:',
        `    webhook: ${dingtalk.url.replace(DT_TOKEN, '${DT_TOKEN}')}`,
        '    secret: ${DT_SECRET}',
        ...(keyword ? [`    keyword: ${keyword}`] : []),
        '  feishu:',
        `    webhook: ${feishu.url.replace(FS_TOKEN, '${FS_TOKEN}')}`,
        '    secret: ${FS_SECRET}',
        '',
      ].join('\n'),
    );
  const env = isolatedEnv(home.dir, { DT_TOKEN, DT_SECRET, FS_TOKEN, FS_SECRET });
  const stateDir = join(home.dir, 'state');
  write('');
  const refused = await runCli(['test-alert', '--config', config, '--state-dir', stateDir], { cwd: home.dir, env });
  assert.equal(refused.code, 1, refused.stdout + refused.stderr);
  assert.match(refused.stdout, /✓ feishu/);
  assert.match(refused.stdout, /✗ dingtalk.*: DingTalk errcode 310000: keywords not in content\n {4}hint: the robot's security keyword must appear in the message: add it to channels\.dingtalk\.keyword/);
  assert.equal(feishu.accepted.length, 1);

  write('机房');
  const accepted = await runCli(['test-alert', '--config', config, '--state-dir', stateDir], { cwd: home.dir, env });
  assert.equal(accepted.code, 0, accepted.stdout + accepted.stderr);
  assert.match(accepted.stdout, /✓ dingtalk/);
  assert.equal(dingtalk.accepted.length, 1);

  const check = await runCli(['check-config', '--config', config, '--state-dir', stateDir], { cwd: home.dir, env });
  assert.equal(check.code, 0, check.stderr);
  for (const secret of [DT_TOKEN, DT_SECRET, FS_TOKEN, FS_SECRET]) {
    for (const output of [refused, accepted, check]) assert.ok(!(output.stdout + output.stderr).includes(secret), `${secret} in ${output.stdout}`);
  }
  assert.match(check.stdout, /access_token=\*\*\*/);
  assert.match(check.stdout, /bot\/v2\/hook\/\*\*\*/);
});
