// Every invalid config fixture through the real CLI: one short line on stderr naming file, key and value, exit 78,
// nothing on stdout, never a stack trace. Also --interval given badly on the command line.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { CLI, isolatedEnv, runCli, tempHome } from '../helpers/cli.js';

const FIXTURES = join(CLI, '..', '..', '..', '..', 'test', 'fixtures', 'invalid-configs');
const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as Record<string, string[]>;
const home = tempHome();
after(home.cleanup);

for (const name of readdirSync(FIXTURES).filter((n) => n !== 'expected.json')) {
  test(`srvmon check-config --config ${name}: exit 78 with the message`, async () => {
    const file = join(FIXTURES, name);
    const result = await runCli(['check-config', '--config', file], { cwd: home.dir, env: isolatedEnv(home.dir) });
    assert.equal(result.code, 78, result.stderr);
    assert.equal(result.stdout, '');
    const lines = result.stderr.trimEnd().split('\n');
    assert.equal(lines.length, 1, `one line: ${result.stderr}`);
    assert.ok(lines[0].startsWith(`srvmon: ${file}: `), lines[0]);
    for (const part of expected[name]) assert.ok(lines[0].includes(part), `${JSON.stringify(part)} not in: ${lines[0]}`);
    assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
  });
}

test('the monitor itself refuses an invalid config with exit 78 too', async () => {
  const result = await runCli(['--no-ui', '--config', join(FIXTURES, 'threshold-over-100.yaml')], { cwd: home.dir, env: isolatedEnv(home.dir) });
  assert.equal(result.code, 78);
  assert.match(result.stderr, /rules\.cpu\.threshold must be a number from 0 to 100, got 120/);
});

test('--interval without a unit names the flag', async () => {
  const result = await runCli(['check-config', '--interval', '5'], { cwd: home.dir, env: isolatedEnv(home.dir) });
  assert.equal(result.code, 78);
  assert.match(result.stderr, /^srvmon: --interval: a duration needs a unit.*got "5"\n$/);
});

test('a missing --config file and an unknown command', async () => {
  const missing = await runCli(['check-config', '--config', 'nope.yaml'], { cwd: home.dir, env: isolatedEnv(home.dir) });
  assert.equal(missing.code, 78);
  assert.equal(missing.stderr, 'srvmon: nope.yaml: no such config file\n');
  const unknown = await runCli(['frobnicate'], { cwd: home.dir, env: isolatedEnv(home.dir) });
  assert.equal(unknown.code, 64);
  assert.match(unknown.stderr, /unknown command "frobnicate"/);
});

test('check-config with no config prints the defaults and exits 0', async () => {
  const result = await runCli(['check-config', '--json'], { cwd: home.dir, env: isolatedEnv(home.dir) });
  assert.equal(result.code, 0, result.stderr);
  const out = JSON.parse(result.stdout);
  assert.equal(out.file, null);
  assert.equal(out.config.rules.cpu.threshold, 85);
  assert.equal(out.config.rules.cpu.window, 3);
  assert.equal(out.config.rules.memory.threshold, 85);
  assert.equal(out.config.rules.cpu.repeat, '30m');
});

test('check-config shows runtime threshold overrides from the state dir as the effective values', async () => {
  const stateDir = join(home.dir, 'state-overrides');
  mkdirSync(stateDir, { recursive: true });
  writeFileSync(join(stateDir, 'state.json'), JSON.stringify({ version: 1, rules: {}, mute: null, overrides: { cpu: 92, 'disk:/data': 97 } }));
  const json = await runCli(['check-config', '--json', '--state-dir', stateDir], { cwd: home.dir, env: isolatedEnv(home.dir) });
  assert.equal(json.code, 0, json.stderr);
  const out = JSON.parse(json.stdout);
  assert.equal(out.config.rules.cpu.threshold, 92);
  assert.equal(out.config.rules.cpu.clear, 87, 'the hysteresis gap is kept');
  assert.equal(out.config.rules.disk.mounts['/data'].threshold, 97);
  assert.deepEqual(out.overrides, { cpu: 92, 'disk:/data': 97 });
  const human = await runCli(['check-config', '--state-dir', stateDir], { cwd: home.dir, env: isolatedEnv(home.dir) });
  assert.match(human.stdout, /# runtime threshold overrides \(edited in the dashboard, in .*\): cpu=92, disk:\/data=97/);
  assert.match(human.stdout, /cpu:\n\s+enabled: true\n\s+threshold: 92\n/);
});
