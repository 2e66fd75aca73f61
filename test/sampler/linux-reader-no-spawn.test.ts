// Proves a tick is cheap: the Linux reader (fast reads, a disk read, host info) starts no child process.
import assert from 'node:assert/strict';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

type ChildProcessModule = typeof import('node:child_process');
const SPAWNING_FUNCTIONS = ['spawn', 'exec', 'execFile', 'fork', 'execSync', 'execFileSync', 'spawnSync'] as const;

test('the Linux reader spawns no process, per tick or for disks', async () => {
  const childProcess = createRequire(import.meta.url)('node:child_process') as ChildProcessModule;
  const calls: string[] = [];
  const originals = new Map<string, unknown>();
  const patchable = childProcess as unknown as Record<string, unknown>;
  for (const name of SPAWNING_FUNCTIONS) {
    const original = patchable[name];
    originals.set(name, original);
    patchable[name] = (...args: unknown[]) => {
      calls.push(`${name}(${String(args[0])})`);
      return (original as (...a: unknown[]) => unknown)(...args);
    };
  }
  // Every async spawn, even through a reference captured before the patch, ends in ChildProcess#spawn.
  const prototype = childProcess.ChildProcess.prototype as unknown as Record<string, unknown>;
  const originalSpawn = prototype['spawn'] as (...a: unknown[]) => unknown;
  prototype['spawn'] = function (this: unknown, ...args: unknown[]) {
    calls.push('ChildProcess#spawn');
    return originalSpawn.apply(this, args);
  };
  syncBuiltinESMExports(); // so `import { spawn } from 'node:child_process'` sees the patch too

  try {
    // Imported only now, so anything they capture at load time is the patched version.
    const { createSystemReader } = await import('../../src/sampler/create-reader.js');
    const { readHostInfo } = await import('../../src/sampler/host-info.js');
    const reader = createSystemReader('linux');
    await readHostInfo('linux');
    for (let tick = 0; tick < 5; tick++) {
      const result = await reader.readFast();
      assert.ok('memory' in result.values);
    }
    const disks = await reader.readDisks();
    assert.ok(Object.keys(disks.values).length >= 1);
    // The metric kinds' readers too: iowait and per-interface rates come with the fast read (above); temperature
    // sensors (none on most VMs, so a fixture /sys here) and disk busy % with the disk read.
    const { LinuxReader } = await import('../../src/sampler/linux-reader.js');
    const sysDir = fileURLToPath(new URL('../../../test/fixtures/sys-temps', import.meta.url));
    const withSensors = new LinuxReader({ sysDir });
    await withSensors.readFast();
    const sensorRead = await withSensors.readDisks();
    assert.equal(sensorRead.values['temp:x86_pkg_temp'], 47);
    const fast = await withSensors.readFast();
    assert.ok('iowait' in fast.values, 'iowait');
    assert.deepEqual(calls, []);

    // The event kinds on top (process, running and reboot on; systemd on, on this host with or without systemd is
    // covered by its own test): the process table and the boot record are read in-process too.
    const { EventReader } = await import('../../src/sampler/events/event-reader.js');
    const { ProcessWatch } = await import('../../src/sampler/events/process-watch.js');
    const { resolveRules } = await import('../../src/config/resolve-rules.js');
    const { fileSchema } = await import('../../src/config/schema.js');
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const stateDir = mkdtempSync(join(tmpdir(), 'srvmon-nospawn-'));
    try {
      const rules = resolveRules(fileSchema.parse({ rules: { process: true, running: ['init'], reboot: true } }).rules, null).rules;
      const processes = new ProcessWatch({ monoMs: () => performance.now(), readIntervalMs: 0 });
      const events = new EventReader({ inner: createSystemReader('linux'), rules: () => rules, stateDir, nowMs: () => Date.now(), processes });
      for (let tick = 0; processes.reads < 2 && tick < 200; tick++) {
        const result = await events.readFast();
        assert.deepEqual(Object.keys(result.errors), []);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const last = await events.readFast();
      assert.ok('processCpu' in last.values && 'procMissing:init' in last.values && 'rebooted' in last.values, JSON.stringify(last.values));
      assert.deepEqual(calls, []);
    } finally {
      rmSync(stateDir, { recursive: true, force: true });
    }
  } finally {
    for (const [name, original] of originals) patchable[name] = original;
    prototype['spawn'] = originalSpawn;
    syncBuiltinESMExports();
  }
});
