import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseBootTimeMs, parseOsRelease, readHostInfo } from '../../src/sampler/host-info.js';

test('os-release: PRETTY_NAME, else NAME VERSION', () => {
  assert.equal(parseOsRelease('NAME="Debian GNU/Linux"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n'), 'Debian GNU/Linux 12 (bookworm)');
  assert.equal(parseOsRelease("NAME='Alpine Linux'\nVERSION=3.19\n"), 'Alpine Linux 3.19');
  assert.equal(parseOsRelease(''), undefined);
});

test('boot time from /proc/stat btime', () => {
  const stat = readFileSync(new URL('../../../test/fixtures/proc/stat-t0', import.meta.url), 'utf8');
  assert.equal(parseBootTimeMs(stat), Date.UTC(2026, 0, 1));
  assert.equal(parseBootTimeMs('cpu 1 2 3 4\n'), undefined);
});

test('this machine', async () => {
  const info = await readHostInfo();
  assert.ok(info.hostname.length > 0 && info.osName.length > 0 && info.kernel.length > 0);
  assert.ok(info.cores >= 1);
  assert.ok(info.bootTimeMs > Date.UTC(2000, 0, 1) && info.bootTimeMs <= Date.now());
});
