// End to end: the real `srvmon --no-ui --json` process on this machine.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { delay, isolatedEnv, RunningCli, tempHome } from '../helpers/cli.js';

const home = tempHome();
after(home.cleanup);
const config = join(home.dir, '.srvmonrc');
// memory above 1% fires at once on any machine; cpu is kept out of the way so a busy CI box adds no noise
writeFileSync(config, 'rules:\n  memory:\n    threshold: 1\n  cpu:\n    enabled: false\n  disk: false\n');
const args = ['--no-ui', '--json', '--config', config, '--state-dir', join(home.dir, 'state')];
const isMemoryAlert = (line: string) => line.includes('"type":"alert"') && line.includes('"rule":"memory"');

test('one firing memory alert within 2 s, nothing repeated, exit 0 within 2 s of SIGTERM', async () => {
  const cli = new RunningCli(args, { cwd: home.dir, env: isolatedEnv(home.dir) });
  const startedMs = Date.now();
  const line = await cli.waitForLine(isMemoryAlert, 10_000);
  assert.ok(Date.now() - startedMs <= 2000);
  const alert = JSON.parse(line);
  assert.equal(alert.state, 'firing');
  assert.equal(alert.notify, true);
  assert.equal(alert.threshold, 1);
  assert.ok(alert.value > 1 && alert.value <= 100);
  assert.match(alert.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.match(alert.message, /^Memory usage [\d.]+% is above 1%$/);
  await delay(2500); // a few more samples: still firing, inside the repeat window
  const stopAtMs = Date.now();
  cli.kill('SIGTERM');
  const { code } = await cli.exited;
  assert.equal(code, 0);
  assert.ok(Date.now() - stopAtMs < 2000, `exit took ${Date.now() - stopAtMs} ms`);
  const events = cli.json();
  assert.equal(events.filter((e) => e.type === 'alert' && e.rule === 'memory').length, 1);
  assert.ok(events.every((e) => typeof e.type === 'string' && typeof e.time === 'string'), 'every line is a JSON event');
});

test('a restart inside the repeat window does not notify again', async () => {
  const cli = new RunningCli(args, { cwd: home.dir, env: isolatedEnv(home.dir) });
  await cli.waitForLine((l) => l.includes('"type":"start"'), 10_000);
  await delay(2000);
  cli.kill('SIGINT');
  const { code } = await cli.exited;
  assert.equal(code, 0);
  assert.deepEqual(cli.lines.filter(isMemoryAlert), []);
});

test('SIGHUP reloads the config: a raised threshold resolves the alert; an invalid config is reported and the old one kept', async () => {
  const reloadHome = tempHome();
  after(reloadHome.cleanup);
  const rc = join(reloadHome.dir, '.srvmonrc');
  writeFileSync(rc, 'rules:\n  memory:\n    threshold: 1\n  cpu: false\n  disk: false\n');
  const cli = new RunningCli(['--no-ui', '--json', '--config', rc, '--state-dir', join(reloadHome.dir, 'state')], { cwd: reloadHome.dir, env: isolatedEnv(reloadHome.dir) });
  await cli.waitForLine(isMemoryAlert, 10_000);
  writeFileSync(rc, 'rules:\n  memory:\n    treshold: 99\n');
  cli.kill('SIGHUP');
  const rejected = JSON.parse(await cli.waitForLine((l) => l.includes('config not reloaded'), 3000));
  assert.equal(rejected.type, 'notice');
  assert.match(rejected.message, /rules\.memory\.treshold: unknown key \(did you mean "threshold"\?\)/);
  writeFileSync(rc, 'rules:\n  memory:\n    threshold: 99\n  cpu: false\n  disk: false\n');
  cli.kill('SIGHUP');
  const resolved = JSON.parse(await cli.waitForLine((l) => isMemoryAlert(l) && l.includes('"state":"resolved"'), 3000));
  assert.equal(resolved.notify, true);
  assert.equal(resolved.threshold, 94);
  cli.kill();
  assert.equal((await cli.exited).code, 0);
});
