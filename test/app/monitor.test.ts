import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Monitor } from '../../src/app/monitor.js';
import { FakeClock } from '../../src/clock.js';
import type { AlertSink } from '../../src/notify/alert-sink.js';
import type { StoreEvent } from '../../src/store/monitor-store.js';
import type { AlertEvent, Sample } from '../../src/types.js';
import { rulesConfig, testConfig } from '../helpers/config.js';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'srvmon-monitor-'));
  dirs.push(dir);
  return dir;
}

function recordingSink(): AlertSink & { sent: AlertEvent[] } {
  const sent: AlertEvent[] = [];
  return { sent, enqueue: (e) => void sent.push(e), sendTest: async () => [], channelNames: () => ['rec'], stop: async () => {} };
}

function monitorWith(stateDir: string, clock: FakeClock, sink = recordingSink(), rules = rulesConfig({ memory: { threshold: 50 } })) {
  let feed: (s: Sample) => void = () => {};
  const monitor = new Monitor({
    config: testConfig({ stateDir, rules }),
    clock,
    createSampler: (onSample) => {
      feed = onSample;
      return { start() {}, stop() {} };
    },
    createSink: () => sink,
  });
  monitor.start();
  const tick = (values: Record<string, number>, stepMs = 1000) => {
    clock.advance(stepMs);
    feed({ timeMs: clock.nowMs(), values });
  };
  return { monitor, sink, tick };
}

test('a restart inside the repeat window does not notify again; the alert log is reloaded', async () => {
  const stateDir = tempDir();
  const clock = new FakeClock();
  const first = monitorWith(stateDir, clock);
  first.tick({ memory: 70 });
  assert.equal(first.sink.sent.length, 1);
  await first.monitor.stop();

  const second = monitorWith(stateDir, clock);
  assert.equal(second.monitor.store.log.length, 1, 'log reloaded from disk');
  for (let i = 0; i < 60; i++) second.tick({ memory: 70 }, 10_000); // 10 more minutes
  assert.equal(second.sink.sent.length, 0);
  for (let i = 0; i < 120; i++) second.tick({ memory: 70 }, 10_000); // past 30 minutes: one repeat
  assert.deepEqual(second.sink.sent.map((e) => e.state), ['repeat']);
});

test('mute expires on its own; muted transitions are recorded with muted: true and not sent', () => {
  const clock = new FakeClock();
  const { monitor, sink, tick } = monitorWith(tempDir(), clock);
  const events: StoreEvent[] = [];
  monitor.store.subscribe((e) => events.push(e));
  monitor.mute(5 * 60_000);
  tick({ memory: 70 });
  assert.equal(sink.sent.length, 0);
  const recorded = monitor.store.log.at(-1) as AlertEvent;
  assert.equal(recorded.muted, true);
  assert.equal(recorded.notify, false);
  clock.advance(5 * 60_000);
  tick({ memory: 70 });
  assert.ok(events.some((e) => e.type === 'mute' && e.reason === 'expired'));
  assert.deepEqual(sink.sent.map((e) => e.state), ['firing']);
  assert.equal(monitor.store.mute, null);
});

test('threshold overrides apply at once and persist in the state dir', async () => {
  const stateDir = tempDir();
  const clock = new FakeClock();
  const { monitor, sink, tick } = monitorWith(stateDir, clock);
  assert.equal(monitor.setThreshold('memory', 80), null);
  tick({ memory: 70 });
  assert.equal(sink.sent.length, 0);
  assert.match(monitor.setThreshold('memory', 120) ?? '', /0 to 100/);
  assert.match(monitor.setThreshold('nope', 1) ?? '', /unknown rule/);
  await monitor.stop();
  const saved = JSON.parse(readFileSync(join(stateDir, 'state.json'), 'utf8'));
  assert.deepEqual(saved.overrides, { memory: 80 });
  const again = monitorWith(stateDir, clock);
  assert.equal(again.monitor.store.rules.find((r) => r.rule.id === 'memory')?.rule.threshold, 80);
});

test('an unwritable state dir gives one clear warning and srvmon keeps running in memory', () => {
  // A state dir below a regular file cannot be created, even by root.
  const blocker = join(tempDir(), 'a-file');
  writeFileSync(blocker, 'not a directory');
  const stateDir = join(blocker, 'state');
  const clock = new FakeClock();
  const notices: string[] = [];
  let feed: (s: Sample) => void = () => {};
  const monitor = new Monitor({
    config: testConfig({ stateDir, rules: rulesConfig({ memory: { threshold: 50 } }) }),
    clock,
    createSampler: (onSample) => {
      feed = onSample;
      return { start() {}, stop() {} };
    },
  });
  monitor.store.subscribe((e) => {
    if (e.type === 'notice') notices.push(e.message);
  });
  monitor.start();
  for (let i = 0; i < 5; i++) feed({ timeMs: clock.nowMs() + i * 1000, values: { memory: i % 2 ? 70 : 10 } });
  assert.equal(notices.filter((n) => n.includes('cannot write state')).length, 1, notices.join('\n'));
  assert.equal(notices.filter((n) => n.includes('cannot write the alert log')).length, 1, notices.join('\n'));
  assert.equal(monitor.store.log.filter((e) => e.type === 'alert').length, 4);
});

test('reload with a sink factory rebuilds the channels: the old sink is stopped first, new alerts go to the new one', async () => {
  const clock = new FakeClock();
  const { monitor, sink: oldSink, tick } = monitorWith(tempDir(), clock);
  let oldStopped = false;
  oldSink.stop = async () => {
    oldStopped = true;
  };
  tick({ memory: 70 });
  assert.equal(oldSink.sent.length, 1);
  const newSink = recordingSink();
  await monitor.reload(testConfig({ stateDir: monitor.config.stateDir, rules: rulesConfig({ memory: { threshold: 50, repeatMs: 60_000 } }), diskIntervalMs: 5000 }), () => newSink);
  assert.equal(oldStopped, true);
  assert.equal(monitor.sink, newSink);
  tick({ memory: 70 }, 60_000); // still firing; the reloaded repeat of 1m is due
  assert.deepEqual(newSink.sent.map((e) => e.state), ['repeat']);
  assert.equal(oldSink.sent.length, 1);
});

test('a rule muted on its own: its transitions are recorded muted, not sent, while the other rules notify; it ends by wall time', async () => {
  const stateDir = tempDir();
  const clock = new FakeClock();
  const { monitor, sink, tick } = monitorWith(stateDir, clock, recordingSink(), rulesConfig({ memory: { threshold: 50 }, cpu: { threshold: 50, window: 1 } }));
  const events: StoreEvent[] = [];
  monitor.store.subscribe((e) => events.push(e));
  const mute = monitor.mute(10 * 60_000, ['memory']);
  assert.deepEqual(mute, { sinceMs: clock.nowMs(), untilMs: clock.nowMs() + 10 * 60_000 });
  assert.deepEqual(monitor.store.ruleMutes, { memory: mute });
  assert.equal(monitor.store.mute, null, 'the global mute is untouched');
  assert.deepEqual(events.filter((e) => e.type === 'mute').map((e) => e.type === 'mute' && [e.reason, e.rules]), [['mute', ['memory']]]);
  tick({ memory: 70, cpu: 70 });
  assert.deepEqual(sink.sent.map((e) => `${e.rule} ${e.state}`), ['cpu firing']);
  const memory = monitor.store.log.find((e) => e.type === 'alert' && e.rule === 'memory') as AlertEvent;
  assert.deepEqual([memory.notify, memory.muted, memory.suppressedBy], [false, true, 'mute']);
  assert.equal(monitor.isMuted(), false, 'isMuted is the global mute');
  assert.deepEqual(JSON.parse(readFileSync(join(stateDir, 'state.json'), 'utf8')).ruleMutes, { memory: mute }, 'persisted');
  // A wall-clock step past its end ends it: the person scheduled it by the clock on the wall.
  clock.stepWall(10 * 60_000);
  tick({ memory: 70, cpu: 70 });
  assert.deepEqual(events.filter((e) => e.type === 'mute').map((e) => e.type === 'mute' && [e.reason, e.rules]).at(-1), ['expired', ['memory']]);
  assert.deepEqual(monitor.store.ruleMutes, {});
  assert.deepEqual(sink.sent.map((e) => `${e.rule} ${e.state}`), ['cpu firing', 'memory firing'], 'the held-back episode goes out once the mute ends');
  await monitor.stop();
});

test('mute and unmute by rule: unknown ids refused by name, unmute of a rule ends only its own mute, unmute ends all; kept across a restart', async () => {
  const stateDir = tempDir();
  const clock = new FakeClock();
  const { monitor } = monitorWith(stateDir, clock);
  assert.throws(() => monitor.mute(60_000, ['cpu', 'nope']), /^Error: unknown rule "nope"; the rules are cpu, memory$/);
  assert.throws(() => monitor.unmute(['nope']), /unknown rule "nope"/);
  assert.deepEqual(monitor.store.ruleMutes, {}, 'nothing muted by a refused command');
  monitor.mute(null, ['memory', 'cpu', 'memory']);
  monitor.mute(60_000);
  assert.deepEqual(Object.keys(monitor.store.ruleMutes), ['memory', 'cpu']);
  monitor.unmute(['memory']);
  assert.deepEqual(Object.keys(monitor.store.ruleMutes), ['cpu']);
  assert.notEqual(monitor.store.mute, null, 'the global mute stays');
  await monitor.stop();
  const again = monitorWith(stateDir, clock).monitor;
  assert.deepEqual(again.store.ruleMutes, { cpu: { sinceMs: clock.nowMs(), untilMs: null } }, 'read back from state.json');
  const events: StoreEvent[] = [];
  again.store.subscribe((e) => events.push(e));
  again.unmute();
  assert.deepEqual([again.store.mute, again.store.ruleMutes], [null, {}]);
  assert.deepEqual(events.map((e) => e.type === 'mute' && [e.reason, e.rules]), [['unmute', null]]);
  again.unmute();
  assert.equal(events.length, 1, 'nothing to end: no event');
});
