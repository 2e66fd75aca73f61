// The evidence of the new rule kinds, taken by the collector from a sample and scripted sources: iowait, cpuCore and
// process as cpu; processMemory as memory; diskfull as disk; network, disk I/O and temperatures from the sample alone.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { RuleStatus } from '../../src/alerts/engine.js';
import { INITIAL_RULE_STATE } from '../../src/alerts/rule-step.js';
import { EvidenceCollector, type ProcessReading } from '../../src/evidence/evidence-collector.js';
import { wantsEvidence } from '../../src/evidence/evidence-kinds.js';
import { processRows, type ProcessRecord, type ProcessSnapshot } from '../../src/sampler/processes.js';
import type { AlertEvent, Rule, RuleKind, Sample } from '../../src/types.js';

const dirs: string[] = [];
after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const MB = 1024 ** 2;
const GB = 1024 ** 3;
const stat = (user: number, system: number, idle: number, iowait: number, steal: number) => `cpu  ${user} 0 ${system} ${idle} ${iowait} 0 0 ${steal} 0 0\n`;

function proc(pid: number, name: string, cpuTicks: number, rssBytes = 0): ProcessRecord {
  return { pid, ppid: 1, state: 'R', name, command: name, kernelThread: false, uid: 1000, user: 'app', rssBytes, threads: 1, cpuTicks, startTimeTicks: 7 };
}

class ScriptedTable implements ProcessReading {
  reads = 0;
  constructor(readonly clock: { mono: number }, readonly tables: ProcessRecord[][]) {}
  async read(): Promise<ProcessSnapshot> {
    const processes = this.tables[Math.min(this.reads, this.tables.length - 1)]!;
    this.reads++;
    return { atMonoMs: this.clock.mono, memTotalBytes: 8 * GB, processes, unreadable: 0 };
  }
  rows(previous: ProcessSnapshot | undefined, current: ProcessSnapshot) {
    return processRows(previous, current, { logicalCores: 4 });
  }
}

function setup(tables: ProcessRecord[][] = [[]]) {
  const dir = mkdtempSync(join(tmpdir(), 'evidence-kinds-'));
  dirs.push(dir);
  const clock = { mono: 1_000 };
  const table = new ScriptedTable(clock, tables);
  let loads = 0;
  const collector = new EvidenceCollector({
    procDir: dir,
    monoMs: () => clock.mono,
    sleep: async (ms) => {
      clock.mono += ms;
    },
    processes: async () => {
      loads++;
      return table;
    },
    diskFreeHistory: (mount, nowMs) => (mount === '/data' ? [{ timeMs: nowMs - 3_600_000, freeBytes: 6 * GB }] : []),
  });
  return { dir, clock, table, collector, loads: () => loads };
}

function status(kind: RuleKind, metric: string, threshold: number): RuleStatus {
  const rule: Rule = { id: kind === 'cpuCore' ? metric : kind, kind, metric, threshold, window: 2, clear: threshold - 5, repeatMs: 60_000 };
  return { rule, state: INITIAL_RULE_STATE };
}

function event(kind: RuleKind, rule: string, overrides: Partial<AlertEvent> = {}): AlertEvent {
  return { type: 'alert', id: 'e', timeMs: 0, rule, kind, state: 'firing', severity: 'warning', value: 90, threshold: 85, window: 2, notify: true, muted: false, message: '', sinceMs: 0, ...overrides };
}

const sample = (values: Record<string, number>, timeMs = 10_000_000): Sample => ({ timeMs, values });

const busy = [
  [proc(10, 'idle', 0), proc(11, 'python3', 100), proc(12, 'gzip', 50), proc(13, 'sshd', 5), proc(14, 'cron', 1)],
  [proc(10, 'idle', 0), proc(11, 'python3', 197), proc(12, 'gzip', 90), proc(13, 'sshd', 8), proc(14, 'cron', 2)],
];
const busyTop = [
  { name: 'python3', pid: 11, user: 'app', cpuPercent: 97 },
  { name: 'gzip', pid: 12, user: 'app', cpuPercent: 40 },
  { name: 'sshd', pid: 13, user: 'app', cpuPercent: 3 },
];

for (const [kind, metric, rule] of [
  ['iowait', 'iowait', 'iowait'],
  ['cpuCore', 'cpu:3', 'cpuCore:3'],
  ['process', 'processCpu', 'process'],
] as const) {
  test(`${kind}: a pending tick (its metric ${metric} above the threshold) takes the baseline; top 3 by CPU, split and diagnosis`, async () => {
    const { dir, clock, table, collector } = setup(busy);
    const statuses = [status(kind, metric, 85)];
    writeFileSync(join(dir, 'stat'), stat(0, 0, 0, 0, 0));
    collector.observe(sample({ [metric]: 90 }), statuses);
    await Promise.resolve();
    assert.equal(table.reads, 1, 'the pending tick read the baseline');
    clock.mono += 1000;
    writeFileSync(join(dir, 'stat'), stat(10, 5, 30, 55, 0));
    collector.observe(sample({ [metric]: 92 }), statuses);
    const evidence = await collector.collect(event(kind, rule), sample({ [metric]: 92 }));
    assert.equal(table.reads, 2, 'one baseline read while pending, one at the transition');
    assert.deepEqual(evidence, { topByCpu: busyTop, cpuMeasuredMs: 1000, cpuSplit: { user: 10, system: 5, iowait: 55, steal: 0 }, diagnosis: 'iowait' });
  });
}

test('processMemory: the 3 largest by RSS, as for memory', async () => {
  const { dir, clock, collector } = setup([[proc(1, 'init', 0, 5 * MB), proc(2, 'java', 0, 3000 * MB), proc(3, 'pg', 0, 900 * MB), proc(4, 'redis', 0, 1200 * MB)]]);
  const statuses = [status('processMemory', 'processMemory', 50)];
  writeFileSync(join(dir, 'vmstat'), 'pswpin 1\npswpout 1\n');
  collector.observe(sample({ processMemory: 40 }), statuses);
  clock.mono += 2000;
  writeFileSync(join(dir, 'vmstat'), 'pswpin 1\npswpout 601\n');
  collector.observe(sample({ processMemory: 60 }), statuses);
  const evidence = await collector.collect(event('processMemory', 'processMemory'), sample({ processMemory: 60 }));
  assert.deepEqual(evidence?.topByRss, [
    { name: 'java', pid: 2, user: 'app', rssBytes: 3000 * MB },
    { name: 'redis', pid: 4, user: 'app', rssBytes: 1200 * MB },
    { name: 'pg', pid: 3, user: 'app', rssBytes: 900 * MB },
  ]);
  assert.deepEqual([evidence?.swappingNow, evidence?.swapOutPagesPerSec], [true, 300], 'the swap counters are read for a processMemory rule');
});

test('diskfull: the disk evidence of its mount (from the rule id), free bytes, growth and time left', async () => {
  const { collector, loads } = setup();
  const evidence = await collector.collect(event('diskfull', 'diskfull:/data'), sample({ 'diskFill:/data': 0.5, 'diskFree:/data': 4 * GB }));
  assert.deepEqual(evidence, { disk: { mount: '/data', freeBytes: 4 * GB, growthBytesPerHour: 2 * GB, growthOverMs: 3_600_000, timeLeftMs: 7_200_000 } });
  assert.equal(loads(), 0, 'no process table');
});

test('netTx: the interface rates both ways and the 3 busiest interfaces by transmit; netRx ranks by receive', async () => {
  const { collector, loads } = setup();
  const values = { 'netRx:eth0': 1_200_000.4, 'netTx:eth0': 80_000_000, 'netRx:eth1': 90_000_000, 'netTx:eth1': 2_000_000, 'netRx:wg0': 10, 'netTx:wg0': 5_000, 'netRx:docker0': 0, 'netTx:docker0': 1_000, cpu: 5 };
  const tx = await collector.collect(event('netTx', 'netTx:eth0'), sample(values));
  assert.deepEqual(tx, {
    network: {
      interface: 'eth0',
      direction: 'tx',
      rxBytesPerSec: 1_200_000,
      txBytesPerSec: 80_000_000,
      top: [
        { interface: 'eth0', bytesPerSec: 80_000_000 },
        { interface: 'eth1', bytesPerSec: 2_000_000 },
        { interface: 'wg0', bytesPerSec: 5_000 },
      ],
    },
  });
  const rx = await collector.collect(event('netRx', 'netRx:eth1'), sample(values));
  assert.deepEqual(rx?.network?.top.map((t) => t.interface), ['eth1', 'eth0', 'wg0']);
  assert.equal(rx?.network?.direction, 'rx');
  assert.equal(rx?.network?.txBytesPerSec, 2_000_000);
  assert.equal(await collector.collect(event('netTx', 'netTx:gone0'), sample(values)), undefined, 'an interface the sample lacks: none');
  assert.equal(loads(), 0);
});

test('diskio: read and write bytes/s and busy % of the mount, from the sample; a missing part is left out', async () => {
  const { collector } = setup();
  const values = { 'diskRead:/data': 50e6, 'diskWrite:/data': 120e6, 'diskBusy:/data': 98.26, 'diskBusy:/': 3 };
  assert.deepEqual(await collector.collect(event('diskio', 'diskio:/data'), sample(values)), { diskIo: { mount: '/data', readBytesPerSec: 50e6, writeBytesPerSec: 120e6, busyPercent: 98.3 } });
  assert.deepEqual(await collector.collect(event('diskio', 'diskio:/'), sample(values)), { diskIo: { mount: '/', busyPercent: 3 } });
  assert.equal(await collector.collect(event('diskio', 'diskio:/none'), sample(values)), undefined);
});

test('temperature: the 3 hottest sensors of the sample, hottest first', async () => {
  const { collector } = setup();
  const values = { 'temp:acpitz': 40, 'temp:coretemp/Package id 0': 92.44, 'temp:nvme0': 70, 'temp:pch': 55, cpu: 99 };
  assert.deepEqual(await collector.collect(event('temperature', 'temperature:coretemp/Package id 0'), sample(values)), {
    temperatures: [
      { sensor: 'coretemp/Package id 0', celsius: 92.4 },
      { sensor: 'nvme0', celsius: 70 },
      { sensor: 'pch', celsius: 55 },
    ],
  });
});

test('running, systemd and reboot want no evidence: their message says what happened', () => {
  for (const kind of ['running', 'systemd', 'reboot'] as const) assert.equal(wantsEvidence(event(kind, kind)), false, kind);
  for (const kind of ['iowait', 'cpuCore', 'netRx', 'netTx', 'diskio', 'temperature', 'diskfull', 'process', 'processMemory'] as const) {
    assert.equal(wantsEvidence(event(kind, kind)), true, kind);
  }
});
