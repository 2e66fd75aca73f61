import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ProcFileReader } from '../../src/sampler/proc-file-reader.js';

test('reads a real /proc file (size 0 in stat) whole, as readFileSync does', () => {
  const reader = new ProcFileReader();
  const text = reader.readText('/proc/self/status');
  assert.match(text, /^Name:/);
  assert.match(text, /VmRSS:/);
  assert.ok(text.endsWith('\n'));
});

test('a file larger than the shared buffer is read whole, and a shorter one after it holds only its own bytes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'srvmon-procfile-'));
  try {
    const big = join(dir, 'big');
    const small = join(dir, 'small');
    // 100 KB of multi-byte text (net/dev of a host with thousands of interfaces is this large).
    writeFileSync(big, 'eth0: 1 2 3 ✓\n'.repeat(6000));
    writeFileSync(small, 'cpu 1 2 3\n');
    const reader = new ProcFileReader();
    assert.equal(reader.readText(small), 'cpu 1 2 3\n');
    assert.equal(reader.readText(big), readFileSync(big, 'utf8'));
    assert.equal(reader.readText(small), 'cpu 1 2 3\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a missing file throws the fs error with its code, as readFile does', () => {
  const reader = new ProcFileReader();
  assert.throws(() => reader.readText('/proc/definitely-not-here'), (error: NodeJS.ErrnoException) => error.code === 'ENOENT');
});
