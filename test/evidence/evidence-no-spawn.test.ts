// The real evidence collector on this machine: /proc in-process, no child process (no `ps`, no `top`), per tick or at
// a transition; and it finds this very process in the table.
import assert from 'node:assert/strict';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import { test } from 'node:test';
import { INITIAL_RULE_STATE } from '../../src/alerts/rule-step.js';
import type { AlertEvent, Rule, RuleKind } from '../../src/types.js';

type ChildProcessModule = typeof import('node:child_process');
const SPAWNING_FUNCTIONS = ['spawn', 'exec', 'execFile', 'fork', 'execSync', 'execFileSync', 'spawnSync'] as const;

const rule = (kind: RuleKind): Rule => ({ id: kind, kind, metric: kind, threshold: 1, window: 1, clear: 0.5, repeatMs: 60_000 });
const event = (kind: RuleKind): AlertEvent => ({
  type: 'alert', id: kind, timeMs: Date.now(), rule: kind, kind, state: 'firing', severity: 'warning', value: 2, threshold: 1, window: 1,
  notify: true, muted: false, message: '', sinceMs: Date.now(),
});

test('the evidence collector spawns no process, per tick or at a transition', async () => {
  const childProcess = createRequire(import.meta.url)('node:child_process') as ChildProcessModule;
  const calls: string[] = [];
  const patchable = childProcess as unknown as Record<string, unknown>;
  const originals = new Map<string, unknown>();
  for (const name of SPAWNING_FUNCTIONS) {
    const original = patchable[name];
    originals.set(name, original);
    patchable[name] = (...args: unknown[]) => {
      calls.push(`${name}(${String(args[0])})`);
      return (original as (...a: unknown[]) => unknown)(...args);
    };
  }
  const prototype = childProcess.ChildProcess.prototype as unknown as Record<string, unknown>;
  const originalSpawn = prototype['spawn'] as (...a: unknown[]) => unknown;
  prototype['spawn'] = function (this: unknown, ...args: unknown[]) {
    calls.push('ChildProcess#spawn');
    return originalSpawn.apply(this, args);
  };
  syncBuiltinESMExports();
  try {
    const { systemEvidence } = await import('../../src/cli/system-evidence.js');
    const { systemClock } = await import('../../src/clock.js');
    const collector = systemEvidence(systemClock, 'linux')!(null);
    const statuses = (['cpu', 'memory'] as const).map((kind) => ({ rule: rule(kind), state: INITIAL_RULE_STATE }));
    for (let tick = 0; tick < 3; tick++) collector.observe({ timeMs: Date.now(), values: { cpu: 50, memory: 50 } }, statuses);
    const cpu = await collector.collect(event('cpu'), { timeMs: Date.now(), values: { cpu: 50 } });
    const memory = await collector.collect(event('memory'), { timeMs: Date.now(), values: { memory: 50 } });
    assert.ok(cpu?.topByCpu && cpu.topByCpu.length > 0, JSON.stringify(cpu));
    assert.ok(cpu.cpuSplit, JSON.stringify(cpu));
    assert.ok(memory?.topByRss?.some((p) => p.pid === process.pid || p.rssBytes! > 0), JSON.stringify(memory));
    assert.equal(typeof memory?.swappingNow, 'boolean');
    // The kinds whose evidence comes from the sample: no file, no process, whatever the instance.
    const network = await collector.collect({ ...event('netTx'), rule: 'netTx:eth0' }, { timeMs: Date.now(), values: { 'netTx:eth0': 5, 'netRx:eth0': 1 } });
    assert.equal(network?.network?.txBytesPerSec, 5);
    const temperature = await collector.collect({ ...event('temperature'), rule: 'temperature:cpu' }, { timeMs: Date.now(), values: { 'temp:cpu': 90 } });
    assert.deepEqual(temperature?.temperatures, [{ sensor: 'cpu', celsius: 90 }]);
    assert.deepEqual(calls, []);
  } finally {
    for (const [name, original] of originals) patchable[name] = original;
    prototype['spawn'] = originalSpawn;
    syncBuiltinESMExports();
  }
});

test('not on Linux: no evidence source (no /proc to read in-process)', async () => {
  const { systemEvidence } = await import('../../src/cli/system-evidence.js');
  const { systemClock } = await import('../../src/clock.js');
  assert.equal(systemEvidence(systemClock, 'darwin'), undefined);
});
