// The systemd kind through the real srvmon, with a stand-in `systemctl` first on PATH that prints what systemd 252
// prints (JSON, or its error and exit 1) and counts its runs: a failed unit fires and resolves, systemctl runs once
// per interval while srvmon samples ten times a second, and a host without systemd never runs it.
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { isolatedEnv, RunningCli, tempHome } from '../../helpers/cli.js';

const home = tempHome();
const clis: RunningCli[] = [];
after(() => {
  for (const cli of clis) cli.kill('SIGKILL');
  home.cleanup();
});

const bin = join(home.dir, 'bin');
const runsFile = join(home.dir, 'systemctl-runs');
const outputFile = join(home.dir, 'systemctl-output');
mkdirSync(bin);
// Each run appends its arguments to runsFile; the output is whatever the test put into outputFile.
writeFileSync(
  join(bin, 'systemctl'),
  `#!/bin/sh\necho "$*" >> '${runsFile}'\nif [ -s '${outputFile}.err' ]; then cat '${outputFile}.err' >&2; exit 1; fi\ncat '${outputFile}'\n`,
);
chmodSync(join(bin, 'systemctl'), 0o755);
const env = (extra: NodeJS.ProcessEnv = {}) => isolatedEnv(home.dir, { PATH: `${bin}:${process.env.PATH ?? ''}`, ...extra });
const runs = (): string[] => (existsSync(runsFile) ? readFileSync(runsFile, 'utf8').trim().split('\n').filter(Boolean) : []);

const FAILED = '[{"unit":"backup.service","load":"loaded","active":"failed","sub":"failed","description":"Nightly backup"}]\n';

function monitor(name: string, extraEnv: NodeJS.ProcessEnv, rules: string[]): RunningCli {
  const config = join(home.dir, `${name}.yaml`);
  writeFileSync(config, ['interval: 100ms', 'rules:', '  cpu: false', '  disk: false', ...rules, ''].join('\n'));
  const cli = new RunningCli(['--no-ui', '--json', '--config', config, '--state-dir', join(home.dir, `state-${name}`)], { cwd: home.dir, env: env(extraEnv) });
  clis.push(cli);
  return cli;
}

const alertOf = (state: string) => (line: string): boolean => line.includes('"rule":"systemd:backup.service"') && line.includes(`"state":"${state}"`);

test('a failed unit fires and resolves; systemctl runs once per 10 s interval, not per 100 ms tick', async () => {
  writeFileSync(outputFile, FAILED);
  const runDir = join(home.dir, 'run-systemd-system');
  mkdirSync(runDir);
  const startedMs = Date.now();
  const cli = monitor('failed', { SRVMON_SYSTEMD_RUN_DIR: runDir }, ['  memory: false', '  systemd: { interval: 10s }']);
  const firing = JSON.parse(await cli.waitForLine(alertOf('firing'), 10_000)) as Record<string, unknown>;
  assert.equal(firing.message, 'Unit backup.service has failed');
  assert.deepEqual(runs(), ['list-units --state=failed --output=json --no-legend --plain']);
  writeFileSync(outputFile, '[]\n');
  const resolved = JSON.parse(await cli.waitForLine(alertOf('resolved'), 20_000)) as Record<string, unknown>;
  assert.match(String(resolved.message), /^Unit backup\.service is no longer failed \(after \d+s\)$/);
  // About 100 ticks went by between the two runs: a run per tick would have made 100.
  assert.equal(runs().length, 2, runs().join('\n'));
  assert.ok(Date.now() - startedMs >= 10_000);
  cli.kill('SIGTERM');
  assert.equal((await cli.exited).code, 0, cli.stderr);
});

test('a host without systemd: one info line, systemctl never runs', async () => {
  writeFileSync(runsFile, '');
  const cli = monitor('none', { SRVMON_SYSTEMD_RUN_DIR: join(home.dir, 'no-such-dir') }, ['  systemd: true', '  memory: { threshold: 1 }']);
  await cli.waitForLine((l) => l.includes('the systemd rule is off: this host does not run systemd'), 10_000);
  // The memory alert comes from a later sample than the info line: the systemd rule has had ticks to run in.
  await cli.waitForLine((l) => l.includes('"rule":"memory"'), 10_000);
  assert.equal(cli.lines.filter((l) => l.includes('systemd rule is off')).length, 1);
  assert.deepEqual(runs(), []);
  cli.kill('SIGTERM');
  assert.equal((await cli.exited).code, 0, cli.stderr);
});
