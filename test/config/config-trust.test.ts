// whyUntrusted on real files with real owners (the tests run as root, so they can chown to other uids) and with the
// uid of the user asking passed in, so the rules can be checked for a non-root user too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, chownSync, mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { whyUntrusted } from '../../src/config/config-trust.js';
import { makeSandbox, type Sandbox } from './temp-dirs.js';

const ME = 1000;
const OTHER = 65534;

async function withBox(fn: (box: Sandbox) => Promise<void>): Promise<void> {
  const box = makeSandbox();
  try {
    chownSync(box.root, ME, ME); // the sandbox root belongs to the user asking
    await fn(box);
  } finally {
    box.cleanup();
  }
}

/** A file (mode 0644) in its own directory, both owned and moded as given. */
function place(box: Sandbox, name: string, owners: { file: number; dir: number }, dirMode = 0o755, fileMode = 0o644): string {
  const file = box.write(`${name}/.srvmonrc`, 'interval: 2s\n', fileMode);
  chownSync(file, owners.file, owners.file);
  chownSync(path.dirname(file), owners.dir, owners.dir);
  chmodSync(path.dirname(file), dirMode);
  return file;
}

test('my own file in my own directory, and a root-owned one, are trusted', () =>
  withBox(async (box) => {
    assert.equal(await whyUntrusted(place(box, 'mine', { file: ME, dir: ME }), ME), undefined);
    assert.equal(await whyUntrusted(place(box, 'etc', { file: 0, dir: 0 }), ME), undefined);
    assert.equal(await whyUntrusted(place(box, 'mixed', { file: ME, dir: 0 }), ME), undefined);
  }));

test("another user's file is not trusted, wherever it is", () =>
  withBox(async (box) => {
    const file = place(box, 'planted', { file: OTHER, dir: ME });
    assert.equal(await whyUntrusted(file, ME), `it is owned by another user (uid ${OTHER}), not by you or root`);
    assert.equal(await whyUntrusted(file, 0), `it is owned by another user (uid ${OTHER}), not by you or root`, 'not even by root');
  }));

test('a file planted in a sticky world-writable directory (like /tmp) is refused; my own file there is fine', () =>
  withBox(async (box) => {
    const planted = place(box, 'tmp', { file: OTHER, dir: 0 }, 0o1777);
    assert.match((await whyUntrusted(planted, ME)) ?? '', /owned by another user/);
    const mine = box.write('tmp/srvmon.config.js', 'export default {};\n', 0o644);
    chownSync(mine, ME, ME);
    assert.equal(await whyUntrusted(mine, ME), undefined);
  }));

test('a directory others can write without the sticky bit taints even my own file', () =>
  withBox(async (box) => {
    for (const [mode, who] of [[0o777, 'its group and others'], [0o775, 'its group'], [0o757, 'others']] as const) {
      const file = place(box, `shared-${mode.toString(8)}`, { file: ME, dir: ME }, mode);
      const dir = path.dirname(file);
      assert.equal(await whyUntrusted(file, ME), `its directory ${dir} can be written by ${who} (mode 0${mode.toString(8)}), who could have put it there; run: chmod go-w ${dir}`);
    }
  }));

test("a sticky directory of another user: that user could replace my file", () =>
  withBox(async (box) => {
    const file = place(box, 'their-tmp', { file: ME, dir: OTHER }, 0o1777);
    assert.equal(await whyUntrusted(file, ME), `its directory ${path.dirname(file)} is owned by another user (uid ${OTHER}), not by you or root`);
  }));

test('a file others can write is not trusted', () =>
  withBox(async (box) => {
    const file = place(box, 'loose', { file: ME, dir: ME }, 0o755, 0o666);
    assert.equal(await whyUntrusted(file, ME), `it can be written by its group and others (mode 0666); run: chmod go-w ${file}`);
  }));

test('a symlink is judged by where it points and by the directory holding it', () =>
  withBox(async (box) => {
    const planted = place(box, 'planted', { file: OTHER, dir: OTHER });
    const project = path.join(box.root, 'project');
    mkdirSync(project);
    chownSync(project, ME, ME);
    symlinkSync(planted, path.join(project, '.srvmonrc'));
    assert.match((await whyUntrusted(path.join(project, '.srvmonrc'), ME)) ?? '', /^it is owned by another user/);

    const mine = place(box, 'mine', { file: ME, dir: ME });
    const shared = path.join(box.root, 'shared');
    mkdirSync(shared);
    chmodSync(shared, 0o777);
    symlinkSync(mine, path.join(shared, '.srvmonrc'));
    assert.match((await whyUntrusted(path.join(shared, '.srvmonrc'), ME)) ?? '', new RegExp(`^its directory ${shared} can be written by its group and others`));
  }));
