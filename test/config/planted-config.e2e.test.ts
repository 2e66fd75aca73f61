// A config planted by another user must never be loaded, least of all run: the real CLI, run as root (as the test
// runs), from a directory under a parent that other users can write to. The planted srvmon.config.js would leave a
// marker file if it ran.
import assert from 'node:assert/strict';
import { chmodSync, chownSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { isolatedEnv, runCli, tempHome } from '../helpers/cli.js';

const NOBODY = 65534;
const box = tempHome();
after(box.cleanup);
let counter = 0;

/** A fresh marker path and a CommonJS config that writes it when run. */
function plant(dir: string, name = 'srvmon.config.js'): { file: string; marker: string } {
  const marker = join(box.dir, `ran-${++counter}`);
  const file = join(dir, name);
  writeFileSync(file, `require('node:fs').writeFileSync(${JSON.stringify(marker)}, String(process.getuid()));\nmodule.exports = { interval: '7s' };\n`);
  chmodSync(file, 0o644);
  chownSync(file, NOBODY, NOBODY);
  return { file, marker };
}

function dir(path: string, mode: number): string {
  mkdirSync(path, { recursive: true });
  chmodSync(path, mode);
  return path;
}

test('a planted srvmon.config.js in a shared parent under home is skipped, named on stderr, and never run', async () => {
  const home = dir(join(box.dir, 'home1'), 0o755);
  const shared = dir(join(home, 'shared'), 0o1777); // like /tmp: anyone may create files, sticky, owned by root
  const child = dir(join(shared, 'child'), 0o755);
  const { file, marker } = plant(shared);
  const result = await runCli(['check-config'], { cwd: child, env: isolatedEnv(home) });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(existsSync(marker), false, 'the planted file ran');
  assert.equal(result.stderr, `srvmon: warning: not loading ${file}: it is owned by another user (uid ${NOBODY}), not by you or root\n`);
  assert.match(result.stdout, /^# no config file found/);
});

test('outside home the search does not walk up: a file planted in the parent is not even looked at', async () => {
  const home = dir(join(box.dir, 'home2'), 0o755);
  const shared = dir(join(box.dir, 'srv-shared'), 0o1777);
  const child = dir(join(shared, 'app'), 0o755);
  const { marker } = plant(shared);
  const result = await runCli(['check-config'], { cwd: child, env: isolatedEnv(home) });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(existsSync(marker), false, 'the planted file ran');
  assert.equal(result.stderr, '');
  assert.match(result.stdout, /^# no config file found/);
});

test('my own config in a directory anyone can write (not sticky) is skipped too: it could have been swapped', async () => {
  const home = dir(join(box.dir, 'home3'), 0o755);
  const open = dir(join(home, 'open'), 0o777);
  writeFileSync(join(open, '.srvmonrc'), 'interval: 9s\n');
  const result = await runCli(['check-config'], { cwd: open, env: isolatedEnv(home) });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(
    result.stderr,
    `srvmon: warning: not loading ${join(open, '.srvmonrc')}: its directory ${open} can be written by its group and others (mode 0777), who could have put it there; run: chmod go-w ${open}\n`,
  );
});

test('--config naming a planted JS file refuses to run it (exit 78); a planted YAML is read with a warning', async () => {
  const home = dir(join(box.dir, 'home4'), 0o755);
  const { file, marker } = plant(home, 'theirs.config.js');
  const js = await runCli(['check-config', '--config', file], { cwd: home, env: isolatedEnv(home) });
  assert.equal(js.code, 78, js.stderr);
  assert.equal(existsSync(marker), false, 'the planted file ran');
  assert.equal(js.stderr, `srvmon: ${file}: not running this JavaScript config: it is owned by another user (uid ${NOBODY}), not by you or root\n`);

  const yaml = join(home, 'theirs.yaml');
  writeFileSync(yaml, 'interval: 3s\n');
  chownSync(yaml, NOBODY, NOBODY);
  const read = await runCli(['check-config', '--config', yaml], { cwd: home, env: isolatedEnv(home) });
  assert.equal(read.code, 0, read.stderr);
  assert.match(read.stdout, /^interval: 3s$/m);
  assert.equal(read.stderr, `srvmon: warning: ${yaml}: it is owned by another user (uid ${NOBODY}), not by you or root; reading it anyway because --config names it\n`);
});
