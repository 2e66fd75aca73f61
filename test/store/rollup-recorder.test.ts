import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { after, test } from 'node:test';
import { FakeClock } from '../../src/clock.js';
import { ROLLUP_FILE_NAME, RollupFile, decodeRollups } from '../../src/store/rollup-file.js';
import { RollupRecorder, type RollupRecorderOptions } from '../../src/store/rollup-recorder.js';
import { MINUTE_MS, minuteOf, type RollupBucket } from '../../src/store/rollup-ring.js';
import { chartWindow, CHART_WINDOWS_MS } from '../../src/ui/view-models/chart-window.js';
import { NOON_MINUTE, fullRings, tempStateDir, typicalKeys } from './rollup-fixture.js';

const sandbox = tempStateDir();
after(() => sandbox.cleanup());
let dirs = 0;
const NOON_MS = NOON_MINUTE * MINUTE_MS;

/** A RollupFile that counts its writes. */
class CountingFile extends RollupFile {
  saves = 0;
  override save(...args: Parameters<RollupFile['save']>): boolean {
    this.saves++;
    return super.save(...args);
  }
}

interface Rig {
  clock: FakeClock;
  file: CountingFile;
  recorder: RollupRecorder;
  warnings: string[];
  dir: string;
}

function rig(options: Partial<RollupRecorderOptions> & { dir?: string; startMs?: number } = {}): Rig {
  const dir = options.dir ?? path.join(sandbox.dir, `state-${dirs++}`);
  const clock = new FakeClock(options.startMs ?? NOON_MS);
  const warnings: string[] = [];
  const file = new CountingFile(dir, (m) => warnings.push(m));
  const recorder = new RollupRecorder({ clock, file, onWarning: (m) => warnings.push(m), ...options });
  return { clock, file, recorder, warnings, dir };
}

/** One sample per intervalMs for durationMs, as the sampler would: the clock moves, then the sample is taken. */
function run(r: Rig, durationMs: number, values: (timeMs: number) => Record<string, number>, intervalMs = 1000): void {
  for (let elapsed = 0; elapsed < durationMs; elapsed += intervalMs) {
    r.clock.advance(intervalMs);
    r.recorder.add({ timeMs: r.clock.nowMs(), values: values(r.clock.nowMs()) });
  }
}

/** cpu is the second within the minute (0-59), so min 0, max 59, avg 29.5 for a full minute. */
const secondly = (timeMs: number) => ({ cpu: Math.floor(timeMs / 1000) % 60, memory: 50, 'disk:/': 10, load5: 1, 'self:cpu': 3 });

test('per-minute min/avg/max of the charted keys only, on wall-clock minutes', () => {
  const r = rig();
  run(r, 3 * MINUTE_MS, secondly);
  assert.deepEqual(r.recorder.keys().sort(), ['cpu', 'memory']);
  // Samples at 12:00:01 ... 12:03:00: minute 0 has 59 of them (1-59), minutes 1 and 2 have 60, minute 3 has one (0).
  assert.deepEqual(r.recorder.ring('cpu')!.at(NOON_MINUTE), { minute: NOON_MINUTE, min: 1, avg: 30, max: 59, count: 59 });
  assert.deepEqual(r.recorder.ring('cpu')!.at(NOON_MINUTE + 1), { minute: NOON_MINUTE + 1, min: 0, avg: 29.5, max: 59, count: 60 });
  assert.deepEqual(r.recorder.ring('cpu')!.at(NOON_MINUTE + 3), { minute: NOON_MINUTE + 3, min: 0, avg: 0, max: 0, count: 1 });
  r.recorder.stop();
});

test('the key selection is a predicate: a custom one replaces the default', () => {
  const r = rig({ isCharted: (key) => key.startsWith('disk:') });
  run(r, 5000, secondly);
  assert.deepEqual(r.recorder.keys(), ['disk:/']);
  r.recorder.stop();
});

test('writes at most once a minute (monotonic), the first a minute after start, and once more at stop', () => {
  const r = rig();
  run(r, 59_000, secondly);
  assert.equal(r.file.saves, 0, 'nothing written in the first minute');
  run(r, 10 * MINUTE_MS - 59_000, secondly);
  assert.equal(r.file.saves, 10, 'at 1:00, 2:00 ... 10:00');
  r.recorder.stop();
  assert.equal(r.file.saves, 11, 'the sample taken at 10:00, just after that write');
  assert.equal(r.clock.pendingTimers(), 0, 'no timer left behind');
  r.recorder.stop();
  r.recorder.flush();
  assert.equal(r.file.saves, 11, 'nothing new: nothing written');
});

test('stop writes what the last write missed, and later samples are ignored', () => {
  const r = rig();
  run(r, 90_000, secondly);
  assert.equal(r.file.saves, 1);
  r.recorder.stop();
  assert.equal(r.file.saves, 2);
  const onDisk = decodeRollups(readFileSync(path.join(r.dir, ROLLUP_FILE_NAME)));
  assert.equal(onDisk.series.find((s) => s.key === 'cpu')!.lastMinute, NOON_MINUTE + 1);
  run(r, 5 * MINUTE_MS, secondly);
  assert.equal(r.file.saves, 2);
  assert.equal(r.clock.pendingTimers(), 0);
});

test('wall-clock steps: back folds into the newest minute, forward leaves a gap; writes stay once a minute', () => {
  const r = rig();
  run(r, 5 * MINUTE_MS, () => ({ cpu: 10 }));
  r.clock.stepWall(-30 * MINUTE_MS); // an NTP step back of half an hour
  run(r, 2 * MINUTE_MS, () => ({ cpu: 90 }));
  const cpu = r.recorder.ring('cpu')!;
  assert.equal(cpu.lastMinute, NOON_MINUTE + 5, 'no bucket dated in the past was rewritten');
  assert.deepEqual(cpu.at(NOON_MINUTE + 4), { minute: NOON_MINUTE + 4, min: 10, avg: 10, max: 10, count: 60 });
  assert.deepEqual(cpu.at(NOON_MINUTE + 5), { minute: NOON_MINUTE + 5, min: 10, avg: Math.fround((10 + 120 * 90) / 121), max: 90, count: 121 });
  assert.equal(r.file.saves, 7, 'one write a minute through the step back');

  r.clock.stepWall(30 * MINUTE_MS + 2 * 3_600_000); // back to time, then two hours ahead (a VM resumed)
  run(r, MINUTE_MS, () => ({ cpu: 50 }));
  assert.equal(cpu.lastMinute, minuteOf(r.clock.nowMs()));
  const held: RollupBucket[] = [];
  cpu.forEach(NOON_MINUTE, cpu.lastMinute!, (b) => held.push(b));
  assert.deepEqual(held.map((b) => b.minute - NOON_MINUTE), [0, 1, 2, 3, 4, 5, 127, 128], 'two hours of gap, nothing invented');
  assert.equal(r.file.saves, 8, 'the step forward did not bring a burst of writes');
  r.recorder.stop();
});

test('restart continuity: record two hours, stop, load into a new recorder: the last hour is there at once', () => {
  const first = rig();
  run(first, 2 * 3_600_000, (t) => ({ cpu: (t / 1000) % 97, memory: 40 + ((t / 1000) % 13), 'netRx:eth0': (t / 1000) * 3 }));
  first.recorder.stop();

  // srvmon restarts five seconds later.
  const second = rig({ dir: first.dir, startMs: first.clock.nowMs() + 5000 });
  second.recorder.load();
  assert.deepEqual(second.warnings, []);
  assert.deepEqual(second.recorder.keys().sort(), ['cpu', 'memory', 'netRx:eth0']);
  const lastMinute = first.recorder.headMinute!;
  assert.equal(second.recorder.headMinute, lastMinute);
  for (const key of second.recorder.keys()) {
    for (let m = lastMinute - 59; m <= lastMinute; m++) {
      assert.deepEqual(second.recorder.ring(key)!.at(m), first.recorder.ring(key)!.at(m), `${key} at minute ${m - lastMinute}`);
    }
  }
  // The 1 h chart of the restarted monitor is full before its first per-second sample.
  const chart = chartWindow({
    nowMs: second.clock.nowMs(),
    windowMs: CHART_WINDOWS_MS['1h'],
    columns: 60,
    seconds: [],
    rollups: second.recorder.ring('cpu'),
  });
  assert.equal(chart.max.filter(Number.isNaN).length, 0, 'no empty column');

  // Samples in the minute that was open at stop continue its bucket.
  const before = second.recorder.ring('memory')!.at(lastMinute)!;
  second.recorder.add({ timeMs: second.clock.nowMs(), values: { memory: 100 } });
  const after = second.recorder.ring('memory')!.at(lastMinute)!;
  assert.equal(after.count, before.count + 1);
  assert.equal(after.max, 100);
  second.recorder.stop();
});

test('a damaged file at start: one warning, a fresh day, and the next write replaces it with a good one', () => {
  const dir = path.join(sandbox.dir, `state-${dirs++}`);
  mkdirSync(dir);
  writeFileSync(path.join(dir, ROLLUP_FILE_NAME), 'SRVMROLL but cut short');
  const next = rig({ dir });
  next.recorder.load();
  assert.equal(next.warnings.length, 1);
  assert.match(next.warnings[0]!, /rollups\.bin: cut short at 22 bytes; the charts start a fresh day/);
  assert.deepEqual(next.recorder.keys(), []);
  run(next, MINUTE_MS, secondly);
  assert.equal(next.file.saves, 1);
  assert.equal(decodeRollups(readFileSync(path.join(dir, ROLLUP_FILE_NAME))).series.length, 2);
  next.recorder.stop();
});

test('minutes dated after now (the clock was ahead at the last write) are dropped at load, with a warning', () => {
  const dir = path.join(sandbox.dir, `state-${dirs++}`);
  // Written by a run whose clock was 10 minutes ahead.
  new RollupFile(dir, () => {}).save(fullRings(['cpu'], NOON_MINUTE + 10, 60), 1440);
  const r = rig({ dir, startMs: NOON_MS + 30_000 });
  r.recorder.load();
  assert.equal(r.recorder.ring('cpu')!.lastMinute, NOON_MINUTE);
  assert.equal(r.recorder.headMinute, NOON_MINUTE);
  assert.match(r.warnings[0]!, /rollups\.bin: 10 minutes dated after now dropped \(the clock was ahead when they were written\)$/);
  // New samples land in their own minutes again, not all folded into 12:10.
  run(r, 2 * MINUTE_MS, () => ({ cpu: 1 }));
  assert.equal(r.recorder.ring('cpu')!.lastMinute, NOON_MINUTE + 2);
  r.recorder.stop();
});

test('a state dir that cannot be written: one warning, the day goes on in memory, the write is retried a minute later', () => {
  const dir = path.join(sandbox.dir, `state-${dirs++}`);
  writeFileSync(dir, 'a file where the state dir should be');
  const r = rig({ dir });
  run(r, 3 * MINUTE_MS, secondly);
  assert.equal(r.file.saves, 3);
  assert.equal(r.warnings.length, 1);
  assert.match(r.warnings[0]!, /cannot write .*rollups\.bin: E[A-Z]+; the day of chart history is kept in memory only/);
  rmSync(dir);
  run(r, MINUTE_MS, secondly);
  assert.equal(r.file.saves, 4);
  // Written at 12:04:00, just before that second's sample: minutes 12:00 to 12:03.
  const cpu = decodeRollups(readFileSync(path.join(dir, ROLLUP_FILE_NAME))).series.find((s) => s.key === 'cpu')!;
  assert.deepEqual([cpu.lastMinute - NOON_MINUTE, cpu.minutes], [3, 4]);
  r.recorder.stop();
});

test('interface churn: at most 64 keys per family, absent ones make way, unseen ones leave after the window', () => {
  const r = rig({ windowMs: 3_600_000 });
  // 1000 short-lived veths, 10 at a time, each alive for two minutes, beside eth0 and cpu; 200 minutes in all.
  run(r, 200 * MINUTE_MS, (t) => {
    const generation = Math.floor(t / (2 * MINUTE_MS)) % 100;
    const values: Record<string, number> = { cpu: 5, 'netRx:eth0': 100 };
    for (let k = 0; k < 10; k++) values[`netRx:veth${generation * 10 + k}`] = 1;
    return values;
  }, 5000);
  const netRx = r.recorder.keys().filter((k) => k.startsWith('netRx:'));
  assert.ok(netRx.length <= 64, `${netRx.length}`);
  assert.ok(netRx.includes('netRx:eth0'), 'a present interface is never pushed out');
  assert.equal(r.warnings.filter((w) => w.includes('netRx')).length, 1);
  assert.ok(r.recorder.allocatedBytes() <= 66 * 60 * 14);
  // Everything gone quiet for the whole window is dropped.
  run(r, 61 * MINUTE_MS, () => ({ cpu: 5 }), 30_000);
  assert.deepEqual(r.recorder.keys(), ['cpu']);
  r.recorder.stop();
});

test('the total cap holds across families; plain keys are never pushed out', () => {
  const r = rig({ maxKeys: 10, maxKeysPerFamily: 64 });
  run(r, 5000, () => {
    const values: Record<string, number> = { cpu: 1, memory: 2 };
    for (let i = 0; i < 20; i++) values[`cpu:${i}`] = i;
    return values;
  });
  assert.equal(r.recorder.keys().length, 10);
  assert.ok(r.recorder.keys().includes('cpu') && r.recorder.keys().includes('memory'));
  assert.match(r.warnings.join('\n'), /more than 10 metrics/);
  r.recorder.stop();
});

test('heap measured: 24 h of the typical key set, and the worst case at the caps, stay under 10 MB', (t) => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const measure = (keys: string[]): { columns: number; heap: number; disk: number } => {
    const dir = path.join(sandbox.dir, `state-${dirs++}`);
    new RollupFile(dir, () => {}).save(fullRings(keys, NOON_MINUTE), 1440);
    const disk = statSync(path.join(dir, ROLLUP_FILE_NAME)).size;
    gc();
    gc();
    const before = process.memoryUsage();
    // What a restarted monitor holds after load(): the recorder and its rings; the file's bytes are garbage by then.
    const r = rig({ dir, startMs: (NOON_MINUTE + 1) * MINUTE_MS });
    r.recorder.load();
    gc();
    gc();
    const now = process.memoryUsage();
    t.diagnostic(`  heapUsed +${now.heapUsed - before.heapUsed}, arrayBuffers +${now.arrayBuffers - before.arrayBuffers}`);
    const heap = now.heapUsed - before.heapUsed + (now.arrayBuffers - before.arrayBuffers);
    assert.equal(r.recorder.keys().length, keys.length);
    return { columns: r.recorder.allocatedBytes(), heap, disk };
  };
  const typical = measure(typicalKeys());
  t.diagnostic(`24 h × ${typicalKeys().length} typical keys: ${typical.columns} bytes of columns, ${typical.heap} bytes measured on the heap, ${typical.disk} on disk`);
  const worstKeys = ['cpu', 'memory', 'swap', 'load1'];
  for (let i = 0; i < 64; i++) worstKeys.push(`cpu:${i}`, `netRx:veth${i}`, `netTx:veth${i}`);
  for (let i = 0; i < 44; i++) worstKeys.push(`diskRead:sd${i}`);
  assert.equal(worstKeys.length, 240);
  const worst = measure(worstKeys);
  t.diagnostic(`24 h × ${worstKeys.length} keys (the cap): ${worst.columns} bytes of columns, ${worst.heap} bytes measured on the heap, ${worst.disk} on disk`);
  assert.ok(worst.heap < 10 * 1024 * 1024, `${worst.heap}`);
  assert.ok(worst.columns < 5 * 1024 * 1024);
});
