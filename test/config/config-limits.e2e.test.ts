// Configs that cost more to read than they are worth: the real CLI with a YAML alias bomb ("billion laughs") and a
// deeply nested JSON file, in check-config and in a SIGHUP reload of the running monitor.
import assert from 'node:assert/strict';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { CLI, isolatedEnv, RunningCli, runCli, tempHome } from '../helpers/cli.js';

const FIXTURES = join(CLI, '..', '..', '..', '..', 'test', 'fixtures', 'invalid-configs');
const BOMB = join(FIXTURES, 'alias-bomb.yaml');
const home = tempHome();
after(home.cleanup);
// A heap far below what expanding the bomb takes (gigabytes): if anything expands it, the process dies instead.
const smallHeap = isolatedEnv(home.dir, { NODE_OPTIONS: '--max-old-space-size=96' });

test('check-config on a YAML alias bomb: exit 78 within seconds, in a small heap', async () => {
  const startedMs = Date.now();
  const result = await runCli(['check-config', '--config', BOMB], { cwd: home.dir, env: smallHeap, timeoutMs: 15_000 });
  const tookMs = Date.now() - startedMs;
  assert.equal(result.code, 78, `code ${result.code} signal ${result.signal}: ${result.stderr.slice(0, 300)}`);
  assert.equal(result.stderr, `srvmon: ${BOMB}: f: holds more than 100000 values once YAML aliases are expanded\n`);
  assert.ok(tookMs < 10_000, `took ${tookMs} ms`);
});

test('check-config on JSON nested 20,000 deep: exit 78, not an internal error', async () => {
  const file = join(FIXTURES, 'deep-nesting.json');
  const result = await runCli(['check-config', '--config', file], { cwd: home.dir, env: smallHeap });
  assert.equal(result.code, 78, result.stderr);
  assert.equal(result.stderr, `srvmon: ${file}: rules.cpu[0][0]… is nested more than 100 levels deep\n`);
});

test('a SIGHUP with an alias bomb in the config is refused at once; the monitor goes on and stops on SIGTERM', async () => {
  const rc = join(home.dir, '.srvmonrc');
  // Memory above 1% fires on the first sample: the monitor is then running, with its SIGHUP handler in place.
  writeFileSync(rc, 'interval: 200ms\nrules:\n  memory:\n    threshold: 1\n  cpu: false\n  disk: false\n');
  const cli = new RunningCli(['--no-ui', '--json', '--config', rc, '--state-dir', join(home.dir, 'state')], { cwd: home.dir, env: smallHeap });
  try {
    await cli.waitForLine((line) => line.includes('"type":"alert"') && line.includes('"rule":"memory"'), 5000);
    copyFileSync(BOMB, rc);
    const hupMs = Date.now();
    cli.kill('SIGHUP');
    const notice = JSON.parse(await cli.waitForLine((line) => line.includes('config not reloaded'), 5000)) as { message: string };
    assert.match(notice.message, /f: holds more than 100000 values once YAML aliases are expanded$/);
    assert.ok(Date.now() - hupMs < 5000);
    const stopMs = Date.now();
    cli.kill('SIGTERM');
    const { code } = await cli.exited;
    assert.equal(code, 0, cli.stderr);
    assert.ok(Date.now() - stopMs < 3000, `stop took ${Date.now() - stopMs} ms`);
  } finally {
    cli.kill('SIGKILL');
  }
});
