import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, chownSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/config/load-config.js';
import { searchDirs } from '../../src/config/config-search.js';
import { ConfigError } from '../../src/config/config-error.js';
import { makeSandbox, type Sandbox } from './temp-dirs.js';

async function withBox(fn: (box: Sandbox) => Promise<void>): Promise<void> {
  const box = makeSandbox();
  try {
    await fn(box);
  } finally {
    box.cleanup();
  }
}

test('a .srvmonrc in a parent directory is found from a child cwd', () =>
  withBox(async (box) => {
    const file = box.write('home/project/.srvmonrc', 'interval: 2s\n');
    const child = path.join(box.project, 'a', 'b');
    mkdirSync(child, { recursive: true });
    const loaded = await loadConfig({ cwd: child, env: box.env });
    assert.equal(loaded.filepath, file);
    assert.equal(loaded.config.intervalMs, 2000);
  }));

test('the nearest file wins over one further up and over the home directory', () =>
  withBox(async (box) => {
    box.write('home/.srvmonrc', 'interval: 5s\n');
    box.write('home/project/.srvmonrc', 'interval: 4s\n');
    const near = box.write('home/project/sub/.srvmonrc.yaml', 'interval: 3s\n');
    const loaded = await loadConfig({ cwd: path.join(box.project, 'sub'), env: box.env });
    assert.equal(loaded.filepath, near);
  }));

test('the home directory is searched even when cwd is outside it', () =>
  withBox(async (box) => {
    const homeFile = box.write('home/.srvmonrc.json', '{"interval": "7s"}');
    const outside = path.join(box.root, 'elsewhere');
    mkdirSync(outside);
    const loaded = await loadConfig({ cwd: outside, env: box.env });
    // /tmp itself might hold a stray .srvmonrc on a shared machine; if so it would rightly win. Assert our order only.
    if (loaded.filepath !== null && !loaded.filepath.startsWith(box.root)) return;
    assert.equal(loaded.filepath, homeFile);
    assert.equal(loaded.config.intervalMs, 7000);
  }));

test('search order: cwd up to home, home, then $XDG_CONFIG_HOME/srvmon; outside home, cwd alone (never its parents)', () => {
  assert.deepEqual(searchDirs('/home/ann/p/q', '/home/ann', {}), [
    { dir: '/home/ann/p/q', global: false },
    { dir: '/home/ann/p', global: false },
    { dir: '/home/ann', global: false },
    { dir: '/home/ann/.config/srvmon', global: true },
  ]);
  assert.deepEqual(searchDirs('/srv/app', '/home/ann', { XDG_CONFIG_HOME: '/xdg' }), [
    { dir: '/srv/app', global: false },
    { dir: '/home/ann', global: false },
    { dir: '/xdg/srvmon', global: true },
  ]);
  // A sibling whose name starts like home is not inside it.
  assert.deepEqual(searchDirs('/home/ann2/p', '/home/ann', {}).map((d) => d.dir), ['/home/ann2/p', '/home/ann', '/home/ann/.config/srvmon']);
  assert.deepEqual(searchDirs('/tmp/x', '/tmp/x', {}).map((d) => d.dir), ['/tmp/x', '/tmp/x/.config/srvmon']);
});

test('a file in a parent outside home is never read: the search stays in the working directory', () =>
  withBox(async (box) => {
    box.write('shared/.srvmonrc', 'interval: 5s\n');
    const child = path.join(box.root, 'shared', 'child');
    mkdirSync(child);
    const loaded = await loadConfig({ cwd: child, env: box.env });
    assert.equal(loaded.filepath, null);
    assert.deepEqual(loaded.warnings, []);
  }));

test("another user's file found by the search is skipped with a warning, and the search goes on", () =>
  withBox(async (box) => {
    const mine = box.write('home/.srvmonrc', 'interval: 5s\n');
    const planted = box.write('home/project/srvmon.config.mjs', 'export default { interval: "9s" };\n', 0o644);
    chownSync(planted, 65534, 65534);
    const seen: string[] = [];
    const loaded = await loadConfig({ cwd: box.project, env: box.env, onWarning: (w) => seen.push(w) });
    assert.equal(loaded.filepath, mine);
    assert.equal(loaded.config.intervalMs, 5000);
    const expected = `warning: not loading ${planted}: it is owned by another user (uid 65534), not by you or root`;
    assert.deepEqual(seen, [expected]);
    assert.deepEqual(loaded.warnings, [expected]);
  }));

test('the skipped-file warning is given even when the config finally loaded is invalid', () =>
  withBox(async (box) => {
    box.write('home/.srvmonrc', 'interval: 5\n');
    const shared = path.join(box.project, 'shared');
    box.write('home/project/shared/.srvmonrc', 'interval: 9s\n');
    chmodSync(shared, 0o777);
    const seen: string[] = [];
    await assert.rejects(loadConfig({ cwd: shared, env: box.env, onWarning: (w) => seen.push(w) }), /interval: a duration needs a unit/);
    assert.deepEqual(seen, [`warning: not loading ${shared}/.srvmonrc: its directory ${shared} can be written by its group and others (mode 0777), who could have put it there; run: chmod go-w ${shared}`]);
  }));

test('--config names an untrusted file: YAML is read with a warning, JavaScript is refused', () =>
  withBox(async (box) => {
    const yaml = box.write('home/project/other.yaml', 'interval: 6s\n', 0o644);
    chownSync(yaml, 65534, 65534);
    const loaded = await loadConfig({ cwd: box.project, env: box.env, configPath: yaml });
    assert.equal(loaded.config.intervalMs, 6000);
    assert.deepEqual(loaded.warnings, [`warning: ${yaml}: it is owned by another user (uid 65534), not by you or root; reading it anyway because --config names it`]);

    const marker = path.join(box.root, 'ran');
    const js = box.write('home/project/other.mjs', `import { writeFileSync } from 'node:fs'; writeFileSync(${JSON.stringify(marker)}, 'x'); export default {};\n`, 0o644);
    chownSync(js, 65534, 65534);
    await assert.rejects(loadConfig({ cwd: box.project, env: box.env, configPath: js }), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.equal(error.message, `${js}: not running this JavaScript config: it is owned by another user (uid 65534), not by you or root`);
      return true;
    });
    assert.equal(existsSync(marker), false, 'the file did not run');
  }));

test('a file pulled in by $import is checked like the config itself', () =>
  withBox(async (box) => {
    const marker = path.join(box.root, 'ran');
    const planted = box.write('elsewhere/evil.mjs', `import { writeFileSync } from 'node:fs'; writeFileSync(${JSON.stringify(marker)}, 'x'); export default {};\n`, 0o644);
    chownSync(planted, 65534, 65534);
    const rc = box.write('home/project/.srvmonrc', `$import: ${planted}\ninterval: 2s\n`);
    await assert.rejects(loadConfig({ cwd: box.project, env: box.env }), {
      message: `${rc}: $import: not loading ${planted}: it is owned by another user (uid 65534), not by you or root`,
    });
    assert.equal(existsSync(marker), false);
  }));

test('the XDG config directory is the last resort', () =>
  withBox(async (box) => {
    const file = box.write('home/.config/srvmon/config.yaml', 'interval: 9s\n');
    const loaded = await loadConfig({ cwd: box.project, env: box.env });
    assert.equal(loaded.filepath, file);
    box.write('home/.srvmonrc', 'interval: 8s\n');
    assert.equal((await loadConfig({ cwd: box.project, env: box.env })).config.intervalMs, 8000);
  }));

test('file kinds: package.json "srvmon" key, JSON, JS modules', () =>
  withBox(async (box) => {
    box.write('home/project/package.json', JSON.stringify({ name: 'x', srvmon: { interval: '2s' } }));
    assert.equal((await loadConfig({ cwd: box.project, env: box.env })).config.intervalMs, 2000);

    const dir = path.join(box.root, 'home', 'p2');
    box.write('home/p2/package.json', JSON.stringify({ name: 'no-key' }));
    box.write('home/p2/srvmon.config.mjs', 'export default { interval: "3s" };\n');
    const loaded = await loadConfig({ cwd: dir, env: box.env });
    assert.equal(loaded.filepath, path.join(dir, 'srvmon.config.mjs'));
    assert.equal(loaded.config.intervalMs, 3000);

    box.write('home/p3/srvmon.config.cjs', 'module.exports = { interval: "4s" };\n');
    assert.equal((await loadConfig({ cwd: path.join(box.home, 'p3'), env: box.env })).config.intervalMs, 4000);
  }));

test('a JS config is re-read after it changes (SIGHUP reload)', () =>
  withBox(async (box) => {
    for (const name of ['srvmon.config.mjs', 'srvmon.config.cjs']) {
      const file = box.write(`home/${name}-dir/${name}`, name.endsWith('mjs') ? 'export default { interval: "2s" };\n' : 'module.exports = { interval: "2s" };\n');
      const dir = path.dirname(file);
      assert.equal((await loadConfig({ cwd: dir, env: box.env })).config.intervalMs, 2000);
      writeFileSync(file, name.endsWith('mjs') ? 'export default { interval: "30s" };\n' : 'module.exports = { interval: "30s" };\n');
      assert.equal((await loadConfig({ cwd: dir, env: box.env })).config.intervalMs, 30_000, name);
    }
  }));

test('an empty .srvmonrc is the config (all defaults): a parent file does not leak in', () =>
  withBox(async (box) => {
    box.write('home/.srvmonrc', 'interval: 5s\n');
    const empty = box.write('home/project/.srvmonrc', '# nothing yet\n');
    const loaded = await loadConfig({ cwd: box.project, env: box.env });
    assert.equal(loaded.filepath, empty);
    assert.equal(loaded.config.intervalMs, 1000);
  }));

test('--config wins over the search, relative to cwd', () =>
  withBox(async (box) => {
    box.write('home/project/.srvmonrc', 'interval: 2s\n');
    const chosen = box.write('home/project/conf/other.yaml', 'interval: 6s\n');
    const loaded = await loadConfig({ cwd: box.project, env: box.env, configPath: 'conf/other.yaml' });
    assert.equal(loaded.filepath, chosen);
    assert.equal(loaded.config.intervalMs, 6000);
  }));

test('--config accepts any extension as YAML (e.g. /etc/srvmon.conf)', () =>
  withBox(async (box) => {
    const file = box.write('etc/srvmon.conf', 'interval: 2s\n');
    assert.equal((await loadConfig({ cwd: box.project, env: box.env, configPath: file })).config.intervalMs, 2000);
  }));

test('--config problems: missing file, directory, package.json without the key, TypeScript', () =>
  withBox(async (box) => {
    const expectError = async (configPath: string, message: string) => {
      await assert.rejects(loadConfig({ cwd: box.project, env: box.env, configPath }), (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.equal(error.exitCode, 78);
        assert.equal(error.message, message);
        return true;
      });
    };
    await expectError('nope.yaml', 'nope.yaml: no such config file');
    await expectError('.', '.: is a directory, not a config file');
    const pkg = box.write('home/project/package.json', '{"name": "x"}');
    await expectError('package.json', `${pkg}: has no "srvmon" key`);
    const ts = box.write('home/project/srvmon.config.ts', 'export default {};');
    await expectError('srvmon.config.ts', `${ts}: TypeScript config files are not supported; use YAML, JSON or JavaScript (.js, .cjs, .mjs)`);
  }));

test('a JS config that throws is reported on one line', () =>
  withBox(async (box) => {
    const file = box.write('home/project/srvmon.config.mjs', 'throw new Error("boom\\nsecond line");\n');
    await assert.rejects(loadConfig({ cwd: box.project, env: box.env }), { message: `${file}: cannot load: boom` });
  }));

test('the search does not look at files outside the sandbox home (no real ~/.srvmonrc)', () =>
  withBox(async (box) => {
    writeFileSync(path.join(box.project, '.keep'), '');
    const loaded = await loadConfig({ cwd: box.project, env: box.env });
    assert.equal(loaded.filepath, null);
  }));
