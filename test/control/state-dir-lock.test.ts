// The state-dir lock with real processes: exactly one owner, a SIGKILLed owner never blocks the next, two starting
// at once: one wins.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { acquireStateDirLock, inUseMessage, readOwner } from '../../src/control/state-dir-lock.js';

const LOCK_MODULE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'control', 'state-dir-lock.js');
const dir = mkdtempSync(join(tmpdir(), 'srvmon-lock-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A child process that tries the lock, prints "won"/"lost", and (if it won) holds it until killed. */
function contender(stateDir: string): { result: Promise<string>; kill: () => void; exited: Promise<void> } {
  const script = `import(${JSON.stringify(LOCK_MODULE)}).then(async (m) => {
    const r = await m.acquireStateDirLock(${JSON.stringify(stateDir)}, { pid: process.pid, startedMs: Date.now(), version: 'test' });
    process.stdout.write(r.ok ? 'won\\n' : 'lost\\n');
    if (r.ok) setInterval(() => {}, 1000); else process.exit(0);
  });`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const result = new Promise<string>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(d.toString().trim())));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { result, kill: () => child.kill('SIGKILL'), exited };
}

test('a second owner is refused and told who holds the state dir', async () => {
  const stateDir = join(dir, 'a');
  const first = await acquireStateDirLock(stateDir, { pid: 4121, startedMs: Date.UTC(2026, 11, 1, 8, 0), version: '1.0.0' });
  assert.ok(first.ok);
  const second = await acquireStateDirLock(stateDir, { pid: 5000, startedMs: Date.now(), version: '1.0.0' });
  assert.equal(second.ok, false);
  assert.ok(!second.ok && second.holder?.pid === 4121);
  assert.match(inUseMessage(stateDir, !second.ok ? second.holder : null), /is in use by srvmon pid 4121 \(running since \d{4}-\d\d-\d\d \d\d:\d\d\); "srvmon" attaches to it, "srvmon status" shows it$/);
  await first.lock.release();
  assert.equal(readOwner(stateDir), null, 'owner.json goes with the lock');
  const third = await acquireStateDirLock(stateDir, { pid: 6000, startedMs: Date.now(), version: '1.0.0' });
  assert.ok(third.ok, 'released: the next one wins');
  await third.lock.release();
});

test('a lock held by a process killed with SIGKILL never blocks the next start', async () => {
  const stateDir = join(dir, 'b');
  const holder = contender(stateDir);
  assert.equal(await holder.result, 'won');
  const whileHeld = await acquireStateDirLock(stateDir, { pid: process.pid, startedMs: Date.now(), version: 'test' });
  assert.equal(whileHeld.ok, false);
  holder.kill();
  await holder.exited;
  const next = await acquireStateDirLock(stateDir, { pid: process.pid, startedMs: Date.now(), version: 'test' });
  assert.ok(next.ok, 'the kernel freed the lock with the process');
  if (next.ok) await next.lock.release();
});

test('eight processes starting at the same moment on a new state dir: exactly one wins', async () => {
  const stateDir = join(dir, 'c');
  const contenders = Array.from({ length: 8 }, () => contender(stateDir));
  const results = await Promise.all(contenders.map((c) => c.result));
  assert.equal(results.filter((r) => r === 'won').length, 1, results.join(','));
  assert.match(readFileSync(join(stateDir, 'lock.id'), 'utf8'), /^[0-9a-f]{32}\n$/);
  for (const c of contenders) c.kill();
  await Promise.all(contenders.map((c) => c.exited));
});

test('state dirs do not share a lock', async () => {
  const one = await acquireStateDirLock(join(dir, 'd1'), { pid: 1, startedMs: 0, version: 't' });
  const two = await acquireStateDirLock(join(dir, 'd2'), { pid: 2, startedMs: 0, version: 't' });
  assert.ok(one.ok && two.ok);
  await Promise.all([one.ok && one.lock.release(), two.ok && two.lock.release()]);
});
