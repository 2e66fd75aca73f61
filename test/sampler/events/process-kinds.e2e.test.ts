// The process kinds end to end through the real srvmon: a `running` rule fires when the named process exits and
// resolves when it runs again; a `process` rule names a CPU-burning child by name and pid. Each test process is a
// copy of a system binary under a name of its own, so that its comm is distinctive.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { isolatedEnv, RunningCli, tempHome } from '../../helpers/cli.js';

const home = tempHome();
const clis: RunningCli[] = [];
const children: ChildProcess[] = [];
after(() => {
  for (const cli of clis) cli.kill('SIGKILL');
  for (const child of children) child.kill('SIGKILL');
  home.cleanup();
});

/** A copy of `binary` named `name`, started with `args`. */
function startCopy(binary: string, name: string, args: string[]): ChildProcess {
  const path = join(home.dir, name);
  copyFileSync(binary, path);
  const child = spawn(path, args, { stdio: 'ignore' });
  children.push(child);
  return child;
}

const uniqueName = (prefix: string): string => `${prefix}${process.pid % 100_000}`;
const alertOf = (rule: string, state: string) => (line: string): boolean =>
  line.includes('"type":"alert"') && line.includes(`"rule":${JSON.stringify(rule)}`) && line.includes(`"state":"${state}"`);

function monitor(name: string, rules: string[]): RunningCli {
  const config = join(home.dir, `${name}.yaml`);
  writeFileSync(config, ['rules:', '  cpu: false', '  memory: false', '  disk: false', ...rules, ''].join('\n'));
  const cli = new RunningCli(['--no-ui', '--json', '--config', config, '--state-dir', join(home.dir, `state-${name}`)], { cwd: home.dir, env: isolatedEnv(home.dir) });
  clis.push(cli);
  return cli;
}

test('a running rule fires when the named process exits and resolves when it runs again', async () => {
  const name = uniqueName('svmsleep');
  const first = startCopy('/bin/sleep', name, ['300']);
  const cli = monitor('running', [`  running: [${name}]`]);
  first.kill('SIGKILL');
  const firing = JSON.parse(await cli.waitForLine(alertOf(`running:${name}`, 'firing'), 15_000)) as Record<string, unknown>;
  assert.equal(firing.message, `Process ${name} is not running`);
  assert.equal(firing.notify, true);
  startCopy('/bin/sleep', name, ['300']);
  const resolved = JSON.parse(await cli.waitForLine(alertOf(`running:${name}`, 'resolved'), 15_000)) as Record<string, unknown>;
  assert.match(String(resolved.message), new RegExp(`^Process ${name} is running again \\(after \\d+s\\)$`));
  cli.kill('SIGTERM');
  assert.equal((await cli.exited).code, 0, cli.stderr);
});

test('a process rule names the CPU-burning child: its name, pid and user', async () => {
  const name = uniqueName('svmburn');
  const burner = startCopy('/bin/sh', name, ['-c', 'while :; do :; done']);
  // repeat 1s: every read sends the busiest process again, so another busy process on this machine cannot hide ours.
  const cli = monitor('process', ['  process: { threshold: 30, window: 1, repeat: 1s }']);
  const line = await cli.waitForLine((l) => l.includes('"rule":"process"') && l.includes(`${name} (pid ${burner.pid},`), 30_000);
  const event = JSON.parse(line) as Record<string, unknown>;
  assert.match(String(event.message), new RegExp(`^Busiest process ${name} \\(pid ${burner.pid}, user [^)]+\\)( still)? at \\d+(\\.\\d)?% CPU`));
  cli.kill('SIGTERM');
  assert.equal((await cli.exited).code, 0, cli.stderr);
});
