// The process kinds' readings on the fixture /proc trees (t0 then t1, one second apart) and the watch's cadence.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { formatAlertMessage } from '../../../src/alerts/messages.js';
import { ProcessTableReader } from '../../../src/sampler/process-table.js';
import { processRows, type ProcessRow, type ProcessSnapshot } from '../../../src/sampler/processes.js';
import { ProcessWatch, processHasName, processReadings, type ProcessReading } from '../../../src/sampler/events/process-watch.js';

const tree = (name: string): string => fileURLToPath(new URL(`../../../../test/fixtures/proc-tree/procs/${name}`, import.meta.url));

async function readFixture(name: 't0' | 't1', atMonoMs: number): Promise<ProcessSnapshot> {
  return new ProcessTableReader({ procDir: tree(name), passwdPath: tree('passwd'), monoMs: () => atMonoMs }).read();
}

async function fixtureRows(): Promise<ProcessRow[]> {
  return processRows(await readFixture('t0', 5000), await readFixture('t1', 6000), { logicalCores: 4 });
}

test('the busiest live process is named with pid and user; excluded names and kernel threads are skipped', async () => {
  const rows = await fixtureRows();
  const since = new Map<string, number>();
  const all = processReadings(rows, { busiest: { threshold: 90, exclude: [] } }, since, 6000);
  assert.equal(all.values.processCpu, 250);
  assert.deepEqual(all.subjects.processCpu, { name: 'postgres', pid: 910, user: 'srv', forMs: 0 });
  // Still above 10 s later: it has been for 10 s.
  const later = processReadings(rows, { busiest: { threshold: 90, exclude: [] } }, since, 16_000);
  assert.equal(later.subjects.processCpu?.forMs, 10_000);
  const excluded = processReadings(rows, { busiest: { threshold: 90, exclude: ['postgres'] } }, new Map(), 6000);
  assert.equal(excluded.values.processCpu, 100);
  assert.equal(excluded.subjects.processCpu?.name, 'burn');
  // Below the threshold: no duration.
  const calm = processReadings(rows, { busiest: { threshold: 300, exclude: [] } }, new Map(), 6000);
  assert.equal(calm.subjects.processCpu?.forMs, undefined);
});

test('the largest live process by RSS is named, as % of memory; excluded names are skipped', async () => {
  const rows = await fixtureRows();
  const largest = [...rows].filter((r) => !r.kernelThread && r.state !== 'Z').sort((a, b) => b.rssBytes - a.rssBytes)[0]!;
  const { values, subjects } = processReadings(rows, { largest: { threshold: 0.001, exclude: [] } }, new Map(), 6000);
  assert.equal(values.processMemory, largest.memoryPct);
  assert.deepEqual(subjects.processMemory, { name: largest.name, pid: largest.pid, user: largest.user, forMs: 0 });
  const without = processReadings(rows, { largest: { threshold: 0.001, exclude: [largest.name] } }, new Map(), 6000);
  assert.notEqual(without.subjects.processMemory?.pid, largest.pid);
  assert.equal(
    formatAlertMessage({ kind: 'processMemory', state: 'firing', severity: 'warning', value: 41, level: 30, window: 1, durationMs: 0, subject: { name: 'java', pid: 920, user: 'srv', forMs: 120_000 } }, 'en'),
    'Largest process java (pid 920, user srv) holds 41% of memory for 2m, above 30%',
  );
});

test('the first read has no CPU % yet: a gap, not 0', async () => {
  const first = processRows(undefined, await readFixture('t0', 0));
  assert.deepEqual(processReadings(first, { busiest: { threshold: 90, exclude: [] } }, new Map(), 0).values, {});
});

test('running: 0 while a live process has the name (comm or command file name), 1 while none does, zombies do not count', async () => {
  const rows = await fixtureRows();
  const { values } = processReadings(rows, { running: ['nginx', 'postgres', 'absent', 'defunct-child', 'kthreadd'] }, new Map(), 0);
  assert.deepEqual(values, {
    'procMissing:nginx': 0,
    'procMissing:postgres': 0,
    'procMissing:absent': 1,
    'procMissing:defunct-child': 1,
    'procMissing:kthreadd': 1,
  });
  assert.equal(processHasName({ name: 'nginx', command: 'nginx: worker process' }, 'nginx'), true);
  assert.equal(processHasName({ name: 'python3', command: '/usr/bin/python3 app.py' }, 'python3'), true);
  assert.equal(processHasName({ name: 'java', command: '/opt/jdk/bin/java -jar x' }, 'java'), true);
  assert.equal(processHasName({ name: 'containerd-shim', command: '/usr/bin/containerd-shim-runc-v2 -id x' }, 'containerd-shim-runc-v2'), true);
  assert.equal(processHasName({ name: 'bash', command: 'bash' }, 'bas'), false);
});

test('the table is read in the background at most every interval; ticks in between carry the last values', async () => {
  let nowMs = 0;
  let reads = 0;
  let release: () => void = () => {};
  const reading: ProcessReading = {
    read: async () => {
      reads++;
      await new Promise<void>((resolve) => (release = resolve));
      return { atMonoMs: nowMs, memTotalBytes: 1, processes: [], unreadable: 0 };
    },
    rows: () => [],
  };
  const watch = new ProcessWatch({ monoMs: () => nowMs, reading: async () => reading, readIntervalMs: 5000 });
  const settings = { running: ['nginx'] };
  assert.deepEqual(watch.poll(settings).values, {}, 'nothing until the first read completes');
  await new Promise((resolve) => setImmediate(resolve));
  nowMs = 1000;
  watch.poll(settings); // a read in flight: no second one
  release();
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(reads, 1);
  assert.deepEqual(watch.poll(settings).values, { 'procMissing:nginx': 1 });
  nowMs = 4999;
  watch.poll(settings);
  assert.equal(reads, 1, 'not due yet');
  nowMs = 5000;
  watch.poll(settings);
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(reads, 2);
  release();
});

test('a process alert names the process, its pid, user and how long, in en and zh-CN; without a subject it still reads', () => {
  const base = { kind: 'process' as const, state: 'firing' as const, severity: 'warning' as const, value: 97, level: 90, window: 60, durationMs: 0 };
  const subject = { name: 'python3', pid: 4121, user: 'app', forMs: 6 * 60_000 };
  assert.equal(formatAlertMessage({ ...base, subject }, 'en'), 'Busiest process python3 (pid 4121, user app) at 97% CPU for 6m, above 90%');
  assert.equal(formatAlertMessage({ ...base, subject }, 'zh-CN'), '最忙进程 python3（pid 4121，用户 app）的CPU为97%，已持续6分钟，超过了90%，请关注');
  assert.equal(formatAlertMessage(base, 'en'), 'Busiest process at 97% CPU, above 90%');
  assert.equal(formatAlertMessage({ ...base, state: 'resolved', value: 12, level: 85, durationMs: 120_000 }, 'en'), 'Busiest process is back below 85% CPU, at 12% (after 2m)');
  const running = { kind: 'running' as const, instance: 'nginx', state: 'firing' as const, severity: 'warning' as const, value: 1, level: 0.9, window: 1, durationMs: 0 };
  assert.equal(formatAlertMessage(running, 'en'), 'Process nginx is not running');
  assert.equal(formatAlertMessage(running, 'zh-CN'), '进程nginx未在运行，请关注');
  assert.equal(formatAlertMessage({ ...running, state: 'resolved', level: 0.1, durationMs: 65_000 }, 'en'), 'Process nginx is running again (after 1m)');
});
