import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { RuleStatus } from '../../src/alerts/engine.js';
import { INITIAL_RULE_STATE } from '../../src/alerts/rule-step.js';
import { BASELINE_MAX_AGE_MS, EvidenceCollector, SECOND_READ_DELAY_MS, type ProcessReading } from '../../src/evidence/evidence-collector.js';
import { processRows, type ProcessRecord, type ProcessSnapshot } from '../../src/sampler/processes.js';
import type { AlertEvent, Rule, RuleKind, Sample } from '../../src/types.js';

const dirs: string[] = [];
after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function procDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'evidence-proc-'));
  dirs.push(dir);
  return dir;
}

const stat = (user: number, system: number, idle: number, iowait: number, steal: number) => `cpu  ${user} 0 ${system} ${idle} ${iowait} 0 0 ${steal} 0 0\n`;
const vmstat = (pswpin: number, pswpout: number) => `nr_free_pages 5\npswpin ${pswpin}\npswpout ${pswpout}\n`;

function proc(pid: number, name: string, cpuTicks: number, rssBytes = 0): ProcessRecord {
  return { pid, ppid: 1, state: 'R', name, command: name, kernelThread: false, uid: 1000, user: 'app', rssBytes, threads: 1, cpuTicks, startTimeTicks: 7 };
}

/** A scripted process table: each read returns the next snapshot, stamped with the fake monotonic time. */
class ScriptedTable implements ProcessReading {
  reads = 0;
  constructor(readonly clock: { mono: number }, readonly tables: ProcessRecord[][]) {}
  async read(): Promise<ProcessSnapshot> {
    const processes = this.tables[Math.min(this.reads, this.tables.length - 1)]!;
    this.reads++;
    return { atMonoMs: this.clock.mono, memTotalBytes: 8 * 1024 ** 3, processes, unreadable: 0 };
  }
  rows(previous: ProcessSnapshot | undefined, current: ProcessSnapshot) {
    return processRows(previous, current, { logicalCores: 4 });
  }
}

function setup(tables: ProcessRecord[][]) {
  const dir = procDir();
  const clock = { mono: 1_000 };
  const table = new ScriptedTable(clock, tables);
  const sleeps: number[] = [];
  let loads = 0;
  const collector = new EvidenceCollector({
    procDir: dir,
    monoMs: () => clock.mono,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock.mono += ms;
    },
    processes: async () => {
      loads++;
      return table;
    },
    diskFreeHistory: (mount, nowMs) => (mount === '/data' ? [{ timeMs: nowMs - 3_600_000, freeBytes: 6 * 1024 ** 3 }] : []),
  });
  return { dir, clock, table, sleeps, collector, loads: () => loads };
}

function status(kind: RuleKind, threshold: number, firing = false): RuleStatus {
  const rule: Rule = { id: kind, kind, metric: kind === 'load' ? 'load1PerCore' : kind, threshold, window: 2, clear: threshold - 5, repeatMs: 60_000 };
  return { rule, state: firing ? { ...INITIAL_RULE_STATE, status: 'firing' } : INITIAL_RULE_STATE };
}

function event(kind: RuleKind, overrides: Partial<AlertEvent> = {}): AlertEvent {
  return { type: 'alert', id: 'e', timeMs: 0, rule: kind, kind, state: 'firing', severity: 'warning', value: 90, threshold: 85, window: 2, notify: true, muted: false, message: '', sinceMs: 0, ...overrides };
}

const sample = (values: Record<string, number>, timeMs = 10_000_000): Sample => ({ timeMs, values });

test('cpu: a pending tick takes the baseline, so the firing tick reads the table once; top 3 by CPU, split and diagnosis', async () => {
  const { dir, clock, table, sleeps, collector } = setup([
    [proc(10, 'idle', 0), proc(11, 'python3', 100), proc(12, 'gzip', 50), proc(13, 'sshd', 5), proc(14, 'cron', 1)],
    [proc(10, 'idle', 0), proc(11, 'python3', 197), proc(12, 'gzip', 90), proc(13, 'sshd', 8), proc(14, 'cron', 2)],
  ]);
  const statuses = [status('cpu', 85)];
  writeFileSync(join(dir, 'stat'), stat(0, 0, 0, 0, 0));
  collector.observe(sample({ cpu: 90 }), statuses); // above 85 while ok: pending
  await Promise.resolve();
  clock.mono += 1000;
  writeFileSync(join(dir, 'stat'), stat(10, 5, 30, 55, 0));
  collector.observe(sample({ cpu: 92 }), statuses);
  const evidence = await collector.collect(event('cpu'), sample({ cpu: 92 }));
  assert.equal(table.reads, 2, 'one baseline read while pending, one at the transition');
  assert.deepEqual(sleeps, []);
  assert.deepEqual(evidence, {
    topByCpu: [
      { name: 'python3', pid: 11, user: 'app', cpuPercent: 97 },
      { name: 'gzip', pid: 12, user: 'app', cpuPercent: 40 },
      { name: 'sshd', pid: 13, user: 'app', cpuPercent: 3 },
    ],
    cpuMeasuredMs: 1000,
    cpuSplit: { user: 10, system: 5, iowait: 55, steal: 0 },
    diagnosis: 'iowait',
  });
});

test('cpu: without a baseline (a spike from below) the table is read twice, SECOND_READ_DELAY_MS apart', async () => {
  const { dir, table, sleeps, collector } = setup([[proc(11, 'burn', 0)], [proc(11, 'burn', 50)]]);
  writeFileSync(join(dir, 'stat'), stat(0, 0, 0, 0, 0));
  collector.observe(sample({ cpu: 10 }), [status('cpu', 85)]); // not pending: no read
  assert.equal(table.reads, 0);
  writeFileSync(join(dir, 'stat'), stat(80, 0, 10, 0, 10));
  collector.observe(sample({ cpu: 95 }), [status('cpu', 85, true)]); // already firing: not pending either
  const evidence = await collector.collect(event('load'), sample({ cpu: 95 }));
  assert.equal(table.reads, 2);
  assert.deepEqual(sleeps, [SECOND_READ_DELAY_MS]);
  assert.deepEqual(evidence?.topByCpu, [{ name: 'burn', pid: 11, user: 'app', cpuPercent: 100 }]);
  assert.equal(evidence?.cpuMeasuredMs, SECOND_READ_DELAY_MS);
  assert.equal(evidence?.diagnosis, 'steal');
});

test('cpu: a baseline older than BASELINE_MAX_AGE_MS is not used', async () => {
  const { dir, clock, table, sleeps, collector } = setup([[proc(11, 'x', 0)], [proc(11, 'x', 10)], [proc(11, 'x', 20)]]);
  writeFileSync(join(dir, 'stat'), stat(0, 0, 0, 0, 0));
  collector.observe(sample({ cpu: 90 }), [status('cpu', 85)]);
  await Promise.resolve();
  clock.mono += BASELINE_MAX_AGE_MS + 1;
  await collector.collect(event('cpu'), sample({ cpu: 90 }));
  assert.equal(table.reads, 3);
  assert.deepEqual(sleeps, [SECOND_READ_DELAY_MS]);
});

test('no rule of a kind with evidence enabled: nothing is read and the process reader is never loaded', async () => {
  const { collector, loads } = setup([[]]);
  collector.observe(sample({ cpu: 99, memory: 99 }), [status('disk', 90)]);
  collector.observe(sample({ cpu: 99, memory: 99 }), []);
  assert.equal(loads(), 0);
});

test('memory: the 3 largest by RSS and the swap rate between the last two samples', async () => {
  const MB = 1024 ** 2;
  const { dir, clock, collector } = setup([[proc(1, 'init', 0, 5 * MB), proc(2, 'java', 0, 3000 * MB), proc(3, 'pg', 0, 900 * MB), proc(4, 'redis', 0, 1200 * MB)]]);
  writeFileSync(join(dir, 'vmstat'), vmstat(100, 100));
  collector.observe(sample({ memory: 95 }), [status('memory', 90)]);
  clock.mono += 2000;
  writeFileSync(join(dir, 'vmstat'), vmstat(100, 700));
  collector.observe(sample({ memory: 95 }), [status('memory', 90)]);
  const evidence = await collector.collect(event('memory'), sample({ memory: 95 }));
  assert.deepEqual(evidence, {
    swappingNow: true,
    swapInPagesPerSec: 0,
    swapOutPagesPerSec: 300,
    topByRss: [
      { name: 'java', pid: 2, user: 'app', rssBytes: 3000 * MB },
      { name: 'redis', pid: 4, user: 'app', rssBytes: 1200 * MB },
      { name: 'pg', pid: 3, user: 'app', rssBytes: 900 * MB },
    ],
  });
});

test('disk: free bytes from the sample, growth and time left from the history', async () => {
  const GB = 1024 ** 3;
  const { collector, loads } = setup([[]]);
  const e = event('disk', { rule: 'disk:/data', mountpoint: '/data' });
  const evidence = await collector.collect(e, sample({ 'disk:/data': 91, 'diskFree:/data': 4 * GB }));
  assert.deepEqual(evidence?.disk, { mount: '/data', freeBytes: 4 * GB, growthBytesPerHour: 2 * GB, growthOverMs: 3_600_000, timeLeftMs: 7_200_000 });
  assert.equal(loads(), 0, 'a disk alert reads no process table');
  assert.equal(await collector.collect(e, sample({ 'disk:/data': 91 })), undefined, 'no free bytes (not Linux): no evidence');
});

test('resolved and test events get no evidence (the resolve has its duration and peak from the engine)', () => {
  const { collector } = setup([[]]);
  assert.equal(collector.wants(event('cpu', { state: 'resolved' })), false);
  assert.equal(collector.wants(event('cpu', { test: true })), false);
  assert.equal(collector.wants(event('cpu', { state: 'repeat' })), true);
});

test('cpu: a baseline younger than SECOND_READ_DELAY_MS (a short interval) is waited out to that age', async () => {
  const { dir, clock, table, sleeps, collector } = setup([[proc(11, 'x', 0)], [proc(11, 'x', 50)]]);
  writeFileSync(join(dir, 'stat'), stat(0, 0, 0, 0, 0));
  collector.observe(sample({ cpu: 90 }), [status('cpu', 85)]);
  await Promise.resolve();
  clock.mono += 200;
  const evidence = await collector.collect(event('cpu'), sample({ cpu: 90 }));
  assert.equal(table.reads, 2);
  assert.deepEqual(sleeps, [SECOND_READ_DELAY_MS - 200]);
  assert.equal(evidence?.cpuMeasuredMs, SECOND_READ_DELAY_MS);
});

test('the lazy source loads the collector once a cpu/load/memory/swap rule is seen or a transition needs it', async () => {
  const { LazyEvidenceSource } = await import('../../src/evidence/lazy-evidence.js');
  const dir = procDir();
  writeFileSync(join(dir, 'stat'), stat(0, 0, 0, 0, 0));
  const lazy = new LazyEvidenceSource({ procDir: dir, monoMs: () => 0, sleep: async () => {}, processes: async () => new ScriptedTable({ mono: 0 }, [[proc(1, 'a', 0)]]) });
  lazy.observe(sample({ 'disk:/': 50 }), [status('disk', 90)]);
  assert.equal(lazy.wants(event('cpu')), true);
  assert.equal(lazy.wants(event('cpu', { state: 'resolved' })), false);
  assert.equal(await lazy.collect(event('cpu', { state: 'resolved' }), sample({})), undefined);
  const evidence = await lazy.collect(event('cpu'), sample({}));
  assert.ok(Array.isArray(evidence?.topByCpu), JSON.stringify(evidence));
});
