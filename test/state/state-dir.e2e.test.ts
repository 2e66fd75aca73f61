// End to end: the real `srvmon --no-ui` on a state dir someone else prepared.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { isolatedEnv, RunningCli, tempHome } from '../helpers/cli.js';

const home = tempHome();
after(home.cleanup);
const config = join(home.dir, '.srvmonrc');
// memory above 1% fires at once on any machine
writeFileSync(config, 'rules:\n  memory:\n    threshold: 1\n  cpu: false\n  disk: false\n');

test('alerts.jsonl planted as a symlink to another file: the alert is shown, the file is not written, a warning says why', async () => {
  const stateDir = join(home.dir, 'state');
  mkdirSync(stateDir, { mode: 0o700 });
  const victim = join(home.dir, 'victim.conf');
  writeFileSync(victim, 'PermitRootLogin no\n');
  symlinkSync(victim, join(stateDir, 'alerts.jsonl'));
  const cli = new RunningCli(['--no-ui', '--config', config, '--state-dir', stateDir], { cwd: home.dir, env: isolatedEnv(home.dir) });
  try {
    await cli.waitForLine((l) => l.includes('FIRING') && l.includes('memory'), 5000);
  } finally {
    cli.kill('SIGTERM');
  }
  const { code } = await cli.exited;
  assert.equal(code, 0);
  assert.equal(readFileSync(victim, 'utf8'), 'PermitRootLogin no\n');
  const warnings = cli.stderr.split('\n').filter((l) => l.includes('warning'));
  assert.deepEqual(warnings, [`srvmon: warning: cannot use the alert log ${join(stateDir, 'alerts.jsonl')}: a symbolic link, not followed; alerts are kept in memory only`]);
});
