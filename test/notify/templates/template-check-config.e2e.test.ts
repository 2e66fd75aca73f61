// Templates through the real CLI: a bad template stops check-config and the monitor with exit 78 and one line naming
// file, key and position; a good one is shown rendered with the sample alert.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { isolatedEnv, runCli, tempHome } from '../../helpers/cli.js';
import { DingtalkStandin } from '../../helpers/dingtalk-standin.js';

const home = tempHome();
after(home.cleanup);

function writeConfig(name: string, lines: string[]): string {
  const file = join(home.dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const DINGTALK = ['channels:', '  dingtalk:', '    webhook: http://127.0.0.1:9/robot/send?access_token=tplTok3n', '    template:'];

test('an unknown field: exit 78, one line with file, key and line:column', async () => {
  const file = writeConfig('unknown-field.yaml', [...DINGTALK, '      body: |', '        {{ host }} is at', '        {{ vlaue }}']);
  for (const args of [['check-config'], ['--no-ui']]) {
    const result = await runCli([...args, '--config', file], { cwd: home.dir, env: isolatedEnv(home.dir) });
    assert.equal(result.code, 78, result.stderr);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr, `srvmon: ${file}: channels.dingtalk.template.body: unknown field "vlaue" (did you mean "value"?) at line 2, column 4\n`);
  }
});

test('bad syntax: exit 78 with the position', async () => {
  const file = writeConfig('bad-syntax.yaml', [...DINGTALK, '      subject: "{% if state %}open"']);
  const result = await runCli(['check-config', '--config', file], { cwd: home.dir, env: isolatedEnv(home.dir) });
  assert.equal(result.code, 78, result.stderr);
  assert.match(result.stderr, /^srvmon: .*bad-syntax\.yaml: channels\.dingtalk\.template\.subject: tag \{% if state %\} not closed at line 1, column 1\n$/);
});

test('check-config renders every template once with a sample alert', async () => {
  const file = writeConfig('good.yaml', [
    'locale: zh-CN',
    ...DINGTALK,
    '      subject: "{{ severity | upcase }} {{ ruleName }}"',
    '      body: |',
    '        ### {{ host }}',
    '        **{{ message }}** ({{ time }})',
    '      timezone: Asia/Shanghai',
    '  bark:',
    '    deviceKey: barkTplKey',
    '    template:',
    '      body: "{{ value }} > {{ threshold }}"',
  ]);
  const text = await runCli(['check-config', '--config', file], { cwd: home.dir, env: isolatedEnv(home.dir) });
  assert.equal(text.code, 0, text.stderr);
  assert.match(
    text.stdout,
    /# channels\.dingtalk\.template, rendered with a sample alert \(cpu 97\.4%, critical; robot-markdown escaping\):\n# {3}subject: CRITICAL CPU\n# {3}body:\n# {5}### \S+\n# {5}\*\*CPU使用率为97\.4%（最近5次平均），超过了严重阈值95%，请关注\*\* \(2026-01-01 16:15:00 UTC\+08:00\)\n/,
  );
  assert.match(text.stdout, /# channels\.bark\.template, rendered with a sample alert \(cpu 97\.4%, critical; plain escaping\):\n# {3}body:\n# {5}97\.4% > 95%\n/);
  const json = await runCli(['check-config', '--json', '--config', file], { cwd: home.dir, env: isolatedEnv(home.dir) });
  assert.equal(json.code, 0, json.stderr);
  const out = JSON.parse(json.stdout) as { templates: { channel: string; subject?: string; body?: string }[] };
  assert.deepEqual(
    out.templates.map((t) => [t.channel, t.subject]),
    [
      ['dingtalk', 'CRITICAL CPU'],
      ['bark', undefined],
    ],
  );
  for (const output of [text.stdout, json.stdout]) assert.ok(!/tplTok3n|barkTplKey/.test(output), output);
});

test('srvmon test-alert sends the template to a DingTalk robot, marked as a test', async () => {
  const robot = await new DingtalkStandin({ accessToken: 'tplE2eToken', keywords: ['srvmon'] }).start();
  try {
    const file = writeConfig('test-alert.yaml', [
      'channels:',
      '  dingtalk:',
      `    webhook: ${robot.url}`,
      '    keyword: srvmon',
      '    at: { mobiles: ["13800000000"] }',
      '    template:',
      '      subject: "{{ host }} {{ ruleName }}"',
      '      body: "**{{ severity }}** {{ value }} over {{ threshold }}"',
    ]);
    const result = await runCli(['test-alert', '--config', file, '--state-dir', join(home.dir, 'state-test-alert')], { cwd: home.dir, env: isolatedEnv(home.dir) });
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /✓ dingtalk/);
    const [message] = robot.accepted;
    assert.match(message?.body.markdown?.title ?? '', /^\[TEST\] \S+ /);
    assert.match(message?.body.markdown?.text ?? '', /^\*\*\[TEST\] This is a test alert sent by srvmon; no action is needed\.\*\*\n\n\*\*(warning|critical)\*\* \S+ over \S+\n\n@13800000000$/);
    assert.deepEqual(message?.mentioned, ['13800000000']);
  } finally {
    await robot.stop();
  }
});
