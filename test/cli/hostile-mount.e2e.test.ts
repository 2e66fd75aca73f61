// End to end with the real fault: an ext4 image mounted (loop) at a path holding ESC ] 0;title BEL, an SGR code, a C1
// CSI (U+009B, which JSON.stringify leaves raw) and a newline. /proc/mounts writes the newline as \012, which the sampler turns back into a newline; `srvmon --no-ui`
// must print the name escaped: before, the terminal title changed and a second, forged line appeared.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { isolatedEnv, RunningCli, tempHome } from '../helpers/cli.js';
import { RAW_CONTROL } from '../helpers/raw-control.js';

const home = tempHome();
const mountpoint = join(home.dir, 'vol-\u001b]0;pwned\u0007\u001b[41m\u009b2J\nFORGED line');
const config = join(home.dir, '.srvmonrc.yaml');
let mounted = false;

before(() => {
  const image = join(home.dir, 'disk.ext4');
  execFileSync('truncate', ['-s', '2M', image]);
  execFileSync('mkfs.ext4', ['-q', '-F', image]);
  mkdirSync(mountpoint);
  execFileSync('mount', ['-o', 'loop', image, mountpoint]);
  mounted = true;
  // Any used space fires: a fresh ext4 already holds its journal and metadata.
  writeFileSync(config, 'rules:\n  cpu: { enabled: false }\n  memory: { enabled: false }\n  disk:\n    threshold: 0.01\n    clear: 0.005\n');
});

after(() => {
  if (mounted) execFileSync('umount', [mountpoint]);
  home.cleanup();
});

for (const json of [false, true]) {
  test(`--no-ui${json ? ' --json' : ''}: the mount's control characters never reach stdout or stderr raw`, async () => {
    const args = ['--no-ui', ...(json ? ['--json'] : []), '--config', config, '--state-dir', join(home.dir, `state-${json}`)];
    const cli = new RunningCli(args, { cwd: home.dir, env: isolatedEnv(home.dir) });
    try {
      const line = await cli.waitForLine((l) => l.includes('pwned'), 10_000);
      if (json) {
        assert.equal(JSON.parse(line).mountpoint, mountpoint, 'JSON carries the name itself');
      } else {
        assert.ok(line.includes('vol-\\x1b]0;pwned\\x07\\x1b[41m\\x9b2J\\nFORGED line'), line);
        assert.match(line, /FIRING {5}warning {3}disk:.*0\.01%/);
      }
    } finally {
      cli.kill('SIGTERM');
      await cli.exited;
    }
    for (const line of cli.lines) assert.doesNotMatch(line, RAW_CONTROL, line);
    assert.ok(!cli.lines.some((l) => l.startsWith('FORGED')), 'no forged line');
    assert.doesNotMatch(cli.stderr.replace(/\n/g, ''), RAW_CONTROL);
  });
}
