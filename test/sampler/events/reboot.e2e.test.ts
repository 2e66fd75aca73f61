// The reboot kind end to end: a state dir that recorded another boot gets one notice from the real srvmon, the record
// is rewritten with this boot, and the next start on the same boot says nothing.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { isolatedEnv, RunningCli, tempHome } from '../../helpers/cli.js';

const home = tempHome();
const clis: RunningCli[] = [];
after(() => {
  for (const cli of clis) cli.kill('SIGKILL'); // a failed wait leaves none running
  home.cleanup();
});

const isAlert = (rule: string) => (line: string): boolean => line.includes('"type":"alert"') && line.includes(`"rule":"${rule}"`);

async function stop(cli: RunningCli): Promise<void> {
  cli.kill('SIGTERM');
  assert.equal((await cli.exited).code, 0, cli.stderr);
}

test('a state dir holding another boot gets one reboot notice; the next start on this boot gets none', async () => {
  const stateDir = join(home.dir, 'state');
  mkdirSync(stateDir);
  writeFileSync(join(stateDir, 'boot.json'), JSON.stringify({ version: 1, bootId: '00000000-0000-4000-8000-000000000000', bootTimeMs: 1_000_000 }));
  const config = join(home.dir, 'reboot.yaml');
  // memory with threshold 1 and repeat 1s: an alert line every second, the positive signal that samples were taken.
  writeFileSync(config, ['rules:', '  cpu: false', '  disk: false', '  reboot: true', '  memory: { threshold: 1, repeat: 1s }', ''].join('\n'));
  const args = ['--no-ui', '--json', '--config', config, '--state-dir', stateDir];

  const first = new RunningCli(args, { cwd: home.dir, env: isolatedEnv(home.dir) });
  clis.push(first);
  const line = JSON.parse(await first.waitForLine(isAlert('reboot'), 10_000)) as Record<string, unknown>;
  assert.equal(line.state, 'firing');
  assert.equal(line.notify, true);
  assert.match(String(line.message), new RegExp(`^Host ${hostname().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} rebooted at \\d\\d:\\d\\d, up `));
  const thisBoot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  assert.equal((JSON.parse(readFileSync(join(stateDir, 'boot.json'), 'utf8')) as { bootId: string }).bootId, thisBoot);
  // Its end is recorded, not sent.
  const resolved = JSON.parse(await first.waitForLine((l) => isAlert('reboot')(l) && l.includes('"state":"resolved"'), 10_000)) as Record<string, unknown>;
  assert.equal(resolved.notify, false);
  await stop(first);

  const second = new RunningCli(args, { cwd: home.dir, env: isolatedEnv(home.dir) });
  clis.push(second);
  // Two memory transitions (a repeat 1 s apart) mean at least two samples taken with the reboot rule on.
  await second.waitForLine(isAlert('memory'), 10_000);
  await second.waitForLine((l) => isAlert('memory')(l) && second.lines.filter(isAlert('memory')).length >= 2, 10_000);
  assert.deepEqual(second.lines.filter(isAlert('reboot')), []);
  await stop(second);
});
