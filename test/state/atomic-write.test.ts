import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { writeFileAtomic } from '../../src/state/atomic-write.js';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'srvmon-atomic-'));
  dirs.push(dir);
  return dir;
}

test('a symlink planted at the old predictable temp name (path.PID.tmp) is not written through', () => {
  const dir = tempDir();
  const victim = join(dir, 'victim');
  writeFileSync(victim, 'precious\n');
  const path = join(dir, 'state.json');
  symlinkSync(victim, `${path}.${process.pid}.tmp`);
  writeFileAtomic(path, '{"version":1}\n');
  assert.equal(readFileSync(victim, 'utf8'), 'precious\n');
  assert.equal(readFileSync(path, 'utf8'), '{"version":1}\n');
});

test('the temp name is random: two writes use two different names, neither holds the pid', async () => {
  const dir = tempDir();
  const path = join(dir, 'state.json');
  const seen = new Set<string>();
  let onSeen = (): void => {};
  const watcher = watch(dir, (_event, name) => {
    if (name && String(name).endsWith('.tmp')) seen.add(String(name));
    if (seen.size >= 2) onSeen();
  });
  try {
    const twoSeen = new Promise<void>((resolve) => (onSeen = resolve));
    writeFileAtomic(path, 'one\n');
    writeFileAtomic(path, 'two\n');
    await Promise.race([twoSeen, new Promise((_, reject) => setTimeout(() => reject(new Error(`temp names seen: ${[...seen].join(', ')}`)), 5000))]);
  } finally {
    watcher.close();
  }
  const names = [...seen];
  assert.equal(names.length, 2, names.join(', '));
  for (const name of names) {
    assert.match(name, /^state\.json\.[0-9a-f]{16}\.tmp$/);
    assert.ok(!name.includes(String(process.pid)), name);
  }
  assert.deepEqual(readdirSync(dir), ['state.json']);
});

test('O_EXCL|O_NOFOLLOW: a symlink or a file already at the temp path is refused, never written through or removed', () => {
  const dir = tempDir();
  const victim = join(dir, 'victim');
  writeFileSync(victim, 'precious\n');
  const path = join(dir, 'state.json');
  const tmp = `${path}.planted.tmp`;
  symlinkSync(victim, tmp);
  assert.throws(() => writeFileAtomic(path, 'new\n', 0o600, tmp), { code: 'EEXIST' });
  assert.equal(readFileSync(victim, 'utf8'), 'precious\n');
  rmSync(tmp);
  writeFileSync(tmp, 'theirs\n');
  assert.throws(() => writeFileAtomic(path, 'new\n', 0o600, tmp), { code: 'EEXIST' });
  assert.equal(readFileSync(tmp, 'utf8'), 'theirs\n');
  assert.ok(!existsSync(path));
});

test('a state dir that is a file is reported as ENOTDIR naming the path, not EEXIST', () => {
  const dir = tempDir();
  const file = join(dir, 'state');
  writeFileSync(file, '');
  assert.throws(() => writeFileAtomic(join(file, 'state.json'), '{}\n'), { code: 'ENOTDIR', message: `${file} is not a directory` });
  assert.throws(() => writeFileAtomic(join(file, 'outbox', 'x.json'), '{}\n'), { code: 'ENOTDIR', message: `${file} is not a directory` });
});

test('a full filesystem (tmpfs of 16 KiB): the write fails with ENOSPC, the old file is intact, no temp file is left', (t) => {
  const mountPoint = tempDir();
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16k,mode=0700', 'tmpfs', mountPoint]);
  t.after(() => execFileSync('umount', [mountPoint]));
  const stateDir = join(mountPoint, 'state');
  mkdirSync(stateDir);
  const path = join(stateDir, 'state.json');
  writeFileAtomic(path, 'old\n');
  const filler = join(mountPoint, 'filler');
  assert.throws(() => writeFileSync(filler, Buffer.alloc(64 * 1024)), { code: 'ENOSPC' });
  assert.throws(() => writeFileAtomic(path, 'x'.repeat(32 * 1024)), { code: 'ENOSPC' });
  assert.deepEqual(readdirSync(stateDir), ['state.json']);
  assert.equal(readFileSync(path, 'utf8'), 'old\n');
  // Space again: the next write goes through.
  rmSync(filler);
  writeFileAtomic(path, 'new\n');
  assert.equal(readFileSync(path, 'utf8'), 'new\n');
  assert.deepEqual(readdirSync(stateDir), ['state.json']);
});
