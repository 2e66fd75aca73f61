import assert from 'node:assert/strict';
import { chmodSync, chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { stateDirWarning } from '../../src/state/state-dir-safety.js';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function dirWithMode(mode: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'srvmon-statedir-'));
  dirs.push(dir);
  chmodSync(dir, mode);
  return dir;
}

const me = process.getuid!();

test('world-writable, even with the sticky bit: warned, with the fix', () => {
  for (const mode of [0o777, 0o1777, 0o703]) {
    const dir = dirWithMode(mode);
    assert.match(stateDirWarning(dir, me) ?? '', new RegExp(`^state dir ${dir} is world-writable \\(mode 0?${mode.toString(8)}\\): .*; run: chmod 700 ${dir}$`));
  }
});

test('group-writable without the sticky bit: warned; with it: not', () => {
  assert.match(stateDirWarning(dirWithMode(0o770), me) ?? '', /is group-writable \(mode 0770\)/);
  assert.equal(stateDirWarning(dirWithMode(0o1770), me), undefined);
});

test('private or read-only for others: no warning', () => {
  for (const mode of [0o700, 0o755, 0o750]) assert.equal(stateDirWarning(dirWithMode(mode), me), undefined);
});

test('owned by another user: warned; owned by root (who can change anything anyway): not', () => {
  const dir = dirWithMode(0o700);
  chownSync(dir, 12345, 12345);
  assert.match(stateDirWarning(dir, me) ?? '', /is owned by another user \(uid 12345\) \(mode 0700\): .*; run: chown 0 /);
  const rootOwned = dirWithMode(0o755);
  chownSync(rootOwned, 0, 0);
  assert.equal(stateDirWarning(rootOwned, 4242), undefined);
});

test('missing or not a directory: nothing here (created 0700, or reported by every read and write)', () => {
  const dir = dirWithMode(0o700);
  writeFileSync(join(dir, 'file'), '');
  assert.equal(stateDirWarning(join(dir, 'missing'), me), undefined);
  assert.equal(stateDirWarning(join(dir, 'file'), me), undefined);
});
