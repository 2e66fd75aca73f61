import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeClock } from '../../src/clock.js';
import { Sampler, type SamplerOptions } from '../../src/sampler/sampler.js';
import type { ReadResult, SystemReader } from '../../src/sampler/system-reader.js';
import type { Sample } from '../../src/types.js';

/** Lets every already-resolved promise chain run (no real time passes). */
const flush = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
};

interface Deferred {
  resolve: (result: ReadResult) => void;
  reject: (error: unknown) => void;
  promise: Promise<ReadResult>;
}
const deferred = (): Deferred => {
  let resolve!: (result: ReadResult) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<ReadResult>((res, rej) => ((resolve = res), (reject = rej)));
  return { resolve, reject, promise };
};

/** A reader whose answers the test scripts per call (call 1 of readFast is the baseline taken by start()). */
class ScriptedReader implements SystemReader {
  fastCalls = 0;
  diskCalls = 0;
  fast: (call: number) => ReadResult | Promise<ReadResult> = (call) => ({ values: { cpu: call }, errors: {} });
  disks: (call: number) => ReadResult | Promise<ReadResult> = (call) => ({ values: { 'disk:/': call }, errors: {} });

  readFast(): Promise<ReadResult> {
    return Promise.resolve(this.fast(++this.fastCalls));
  }
  readDisks(): Promise<ReadResult> {
    return Promise.resolve(this.disks(++this.diskCalls));
  }
}

function setup(overrides: Partial<SamplerOptions> = {}) {
  const clock = new FakeClock(0);
  const reader = new ScriptedReader();
  const samples: Sample[] = [];
  const errors: [string, unknown][] = [];
  const sampler = new Sampler({
    reader,
    clock,
    intervalMs: 1000,
    diskIntervalMs: 30_000,
    firstSampleDelayMs: 250,
    onSample: (sample) => samples.push(sample),
    onError: (metric, error) => errors.push([metric, error]),
    ...overrides,
  });
  /** Advance fake time in steps, letting reads resolve in between. */
  const run = async (ms: number, stepMs = 50): Promise<void> => {
    await flush();
    for (let done = 0; done < ms; done += stepMs) {
      clock.advance(Math.min(stepMs, ms - done));
      await flush();
    }
  };
  return { clock, reader, samples, errors, sampler, run };
}

test('the baseline is read at start(), the first sample comes after 250 ms, then every intervalMs', async () => {
  const { reader, samples, sampler, run } = setup();
  sampler.start();
  await run(0);
  assert.equal(reader.fastCalls, 1);
  await run(249, 1);
  assert.equal(samples.length, 0);
  await run(1);
  assert.deepEqual(samples.map((s) => s.timeMs), [250]);
  assert.equal(samples[0]!.values['cpu'], 2); // call 1 (the baseline) was not emitted
  await run(3000);
  assert.deepEqual(samples.map((s) => s.timeMs), [250, 1250, 2250, 3250]);
  sampler.stop();
});

test('an interval shorter than 250 ms is used for the first sample too', async () => {
  const { samples, sampler, run } = setup({ intervalMs: 100 });
  sampler.start();
  await run(300, 10);
  assert.deepEqual(samples.map((s) => s.timeMs), [100, 200, 300]);
  sampler.stop();
});

test('a read slower than the interval delays the next tick; ticks never overlap', async () => {
  const { reader, samples, sampler, run, clock } = setup();
  const slow = deferred();
  reader.fast = (call) => (call === 2 ? slow.promise : { values: { cpu: call }, errors: {} });
  sampler.start();
  await run(250);
  assert.equal(reader.fastCalls, 2);
  await run(3000);
  assert.equal(reader.fastCalls, 2, 'no second read while the first is in flight');
  assert.equal(samples.length, 0);
  slow.resolve({ values: { cpu: 42 }, errors: {} });
  await run(0);
  assert.deepEqual(samples.map((s) => [s.timeMs, s.values['cpu']]), [[250, 42]]);
  // Overdue: the next tick runs at once, then the cadence resumes from there.
  clock.advance(0);
  await run(0);
  assert.deepEqual(samples.map((s) => s.timeMs), [250, 3250]);
  await run(1000);
  assert.deepEqual(samples.map((s) => s.timeMs), [250, 3250, 4250]);
  sampler.stop();
});

test('a read that takes part of the interval does not shift the cadence (no drift)', async () => {
  const { reader, samples, sampler, run } = setup();
  const reads: Deferred[] = [];
  reader.fast = (call) => {
    if (call === 1) return { values: {}, errors: {} };
    const read = deferred();
    reads.push(read);
    return read.promise;
  };
  sampler.start();
  for (let i = 0; i < 3; i++) {
    await run(i === 0 ? 250 : 700); // from the due time of this tick ...
    await run(300); // ... the read takes 300 ms
    reads[i]!.resolve({ values: {}, errors: {} });
    await run(0);
  }
  assert.deepEqual(samples.map((s) => s.timeMs), [250, 1250, 2250]);
  sampler.stop();
});

test('disks are read at start and then every diskIntervalMs; samples in between carry the last values', async () => {
  const { reader, samples, sampler, run } = setup();
  sampler.start();
  await run(61_000, 250);
  // Reads at 0 (start), at the first tick >= 30 s (30 250) and >= 60 250.
  assert.equal(reader.diskCalls, 3);
  assert.ok(samples.length >= 60);
  for (const sample of samples) {
    const expected = sample.timeMs < 30_250 ? 1 : sample.timeMs < 60_250 ? 2 : 3;
    // The tick that starts a disk read may still carry the previous value; every later one has the new one.
    const value = sample.values['disk:/'];
    assert.ok(value === expected || value === expected - 1, `${sample.timeMs}: ${value}`);
  }
  assert.equal(samples.find((s) => s.timeMs === 31_250)?.values['disk:/'], 2);
  sampler.stop();
});

test('a hung disk read neither delays samples nor piles up more disk reads', async () => {
  const { reader, samples, sampler, run } = setup({ diskIntervalMs: 5000 });
  reader.disks = () => new Promise<ReadResult>(() => {});
  sampler.start();
  await run(60_000, 250);
  assert.equal(reader.diskCalls, 1);
  assert.equal(samples.length, 60);
  assert.ok(samples.every((s) => !('disk:/' in s.values)));
  sampler.stop();
});

test('a failing metric is a gap in the sample and is reported once until it recovers', async () => {
  const { reader, samples, errors, sampler, run } = setup();
  const memoryError = new Error('EACCES /proc/meminfo');
  // Calls 3-5 fail, 6 recovers, 7 fails again.
  const failing = new Set([3, 4, 5, 7]);
  reader.fast = (call): ReadResult =>
    failing.has(call)
      ? { values: { cpu: 10 }, errors: { memory: memoryError } }
      : { values: { cpu: 10, memory: 50 }, errors: {} };
  sampler.start();
  await run(6250);
  assert.deepEqual(samples.map((s) => 'memory' in s.values), [true, false, false, false, true, false, true]);
  assert.ok(samples.every((s) => s.values['cpu'] === 10), 'other metrics are unaffected');
  assert.deepEqual(errors, [['memory', memoryError], ['memory', memoryError]]);
  sampler.stop();
});

test('per-filesystem disk errors are reported once and leave only that disk out', async () => {
  const { reader, samples, errors, sampler, run } = setup({ diskIntervalMs: 1000 });
  const timeout = new Error('statfs(/mnt/nfs) did not answer within 2000 ms');
  reader.disks = () => ({ values: { 'disk:/': 40 }, errors: { 'disk:/mnt/nfs': timeout } });
  sampler.start();
  await run(5250);
  assert.ok(reader.diskCalls >= 5);
  assert.deepEqual(errors, [['disk:/mnt/nfs', timeout]]);
  assert.ok(samples.every((s) => s.values['disk:/'] === 40 && !('disk:/mnt/nfs' in s.values)));
  sampler.stop();
});

test('a reader that throws gives a sample with gaps (disks still there), reported once as `reader`', async () => {
  const { reader, samples, errors, sampler, run } = setup();
  const crash = new Error('reader bug');
  reader.fast = (call) => (call === 1 ? { values: {}, errors: {} } : Promise.reject(crash));
  sampler.start();
  await run(2250);
  assert.equal(samples.length, 3);
  assert.deepEqual(samples[0]!.values, { 'disk:/': 1 });
  assert.deepEqual(errors, [['reader', crash]]);
  sampler.stop();
});

test('a subscriber that throws does not stop sampling; reported once as `onSample`', async () => {
  const clock = new FakeClock(0);
  const errors: string[] = [];
  let samples = 0;
  const sampler = new Sampler({
    reader: new ScriptedReader(),
    clock,
    intervalMs: 1000,
    diskIntervalMs: 30_000,
    firstSampleDelayMs: 250,
    onSample: () => {
      samples++;
      throw new Error('view bug');
    },
    onError: (metric) => errors.push(metric),
  });
  sampler.start();
  for (let i = 0; i < 40; i++) {
    await flush();
    clock.advance(100);
  }
  assert.equal(samples, 4);
  assert.deepEqual(errors, ['onSample']);
  sampler.stop();
});

test('stop() cancels the pending tick', async () => {
  const { samples, sampler, run, clock } = setup();
  sampler.start();
  await run(250);
  assert.equal(samples.length, 1);
  sampler.stop();
  assert.equal(clock.pendingTimers(), 0);
  await run(5000);
  assert.equal(samples.length, 1);
  assert.equal(sampler.running, false);
});

test('nothing is emitted after stop(), even by reads in flight', async () => {
  const { reader, samples, errors, sampler, run, clock } = setup();
  const fast = deferred();
  const disks = deferred();
  reader.fast = (call) => (call === 2 ? fast.promise : { values: {}, errors: {} });
  reader.disks = () => disks.promise;
  sampler.start();
  await run(250);
  sampler.stop();
  fast.resolve({ values: { cpu: 1 }, errors: { memory: new Error('x') } });
  disks.resolve({ values: {}, errors: { 'disk:/': new Error('y') } });
  await run(5000);
  assert.equal(samples.length, 0);
  assert.deepEqual(errors, []);
  assert.equal(clock.pendingTimers(), 0);
});

test('stop() during the baseline read: no tick is ever scheduled', async () => {
  const { reader, samples, sampler, run, clock } = setup();
  const baseline = deferred();
  reader.fast = () => baseline.promise;
  sampler.start();
  sampler.stop();
  baseline.resolve({ values: {}, errors: {} });
  await run(2000);
  assert.equal(samples.length, 0);
  assert.equal(clock.pendingTimers(), 0);
});

test('start() after stop() starts over with a new baseline and a fresh disk read', async () => {
  const { reader, samples, sampler, run } = setup();
  sampler.start();
  await run(1250);
  sampler.stop();
  sampler.start();
  sampler.start(); // idempotent while running
  await run(250);
  assert.equal(reader.diskCalls, 2);
  assert.equal(reader.fastCalls, 5); // baseline, 2 ticks, baseline, 1 tick
  assert.equal(samples.length, 3);
  sampler.stop();
});

test('setIntervalMs() moves the pending tick and applies from then on', async () => {
  const { samples, sampler, run } = setup();
  sampler.start();
  await run(500); // sample at 250, next due at 1250
  sampler.setIntervalMs(5000);
  await run(10_000);
  assert.deepEqual(samples.map((s) => s.timeMs), [250, 5250, 10_250]);
  sampler.setIntervalMs(100); // 10 250 + 100 is already past: tick now
  await run(200, 10);
  assert.deepEqual(samples.map((s) => s.timeMs).slice(3), [10_500, 10_600, 10_700]);
  sampler.stop();
});

test('invalid intervals are refused with the bad value quoted', () => {
  assert.throws(() => setup({ intervalMs: 0 }), /intervalMs must be a positive number of ms, got 0/);
  const { sampler } = setup();
  assert.throws(() => sampler.setIntervalMs(Number.NaN), /got NaN/);
  assert.throws(() => sampler.setDiskIntervalMs(-1), /diskIntervalMs .* got -1/);
});

test('a wall-clock step backwards (NTP, VM resume) neither freezes sampling nor bunches samples up', async () => {
  const { clock, samples, sampler, run } = setup();
  sampler.start();
  await run(2250); // baseline, then samples at 250, 1250, 2250
  assert.equal(samples.length, 3);
  const before = samples.length;
  clock.stepWall(-20_000);
  await run(5000);
  // One sample a second goes on through the step; timestamps follow the wall clock (they are what a person reads).
  assert.equal(samples.length - before, 5);
  const last = samples.at(-1)!;
  assert.equal(last.timeMs, 7250 - 20_000);
  sampler.stop();
});

test('a wall-clock step forwards does not make the sampler catch up with a burst', async () => {
  const { clock, samples, sampler, run } = setup();
  sampler.start();
  await run(2250);
  const before = samples.length;
  clock.stepWall(24 * 3600_000);
  await run(3000);
  assert.equal(samples.length - before, 3);
  sampler.stop();
});
