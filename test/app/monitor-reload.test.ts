// SIGHUP storms: reloads never overlap, every replaced sink is stopped, and the notifications queued while a delivery
// is in flight are each delivered once however many reloads arrive meanwhile.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Monitor, type SinkFactory } from '../../src/app/monitor.js';
import { FakeClock } from '../../src/clock.js';
import type { AlertSink } from '../../src/notify/alert-sink.js';
import { Notifier } from '../../src/notify/notifier.js';
import type { Sample } from '../../src/types.js';
import { rulesConfig, testConfig } from '../helpers/config.js';
import { ScriptedChannel } from '../helpers/scripted-channel.js';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'srvmon-reload-'));
  dirs.push(dir);
  return dir;
}

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A sink whose stop() waits until the test lets it finish, like one with a delivery in flight. */
function slowSink(name: string) {
  let finishStop: () => void = () => {};
  const stopped = new Promise<void>((resolve) => (finishStop = resolve));
  const sink = {
    name,
    stopCalls: 0,
    finishStop,
    enqueue() {},
    sendTest: async () => [],
    channelNames: () => [name],
    stop: async () => {
      sink.stopCalls++;
      await stopped;
    },
  };
  return sink;
}

function monitorWith(stateDir: string, clock: FakeClock, createSink: SinkFactory, rules = rulesConfig({ memory: { threshold: 50 } })) {
  let feed: (s: Sample) => void = () => {};
  const config = testConfig({ stateDir, rules });
  const monitor = new Monitor({
    config,
    clock,
    createSampler: (onSample) => {
      feed = onSample;
      return { start() {}, stop() {} };
    },
    createSink,
  });
  monitor.start();
  const tick = (values: Record<string, number>) => {
    clock.advance(1000);
    feed({ timeMs: clock.nowMs(), values });
  };
  return { monitor, tick, config };
}

test('overlapping reloads run one after the other; a reload overtaken while waiting is skipped; every replaced sink is stopped', async () => {
  const clock = new FakeClock();
  const built: ReturnType<typeof slowSink>[] = [];
  const factory: SinkFactory = () => {
    const sink = slowSink(`sink${built.length}`);
    built.push(sink);
    return sink;
  };
  const { monitor, config } = monitorWith(tempDir(), clock, factory);
  const reloads = [monitor.reload(config, factory)];
  await flush(); // the first reload is under way: it waits for the old sink to stop
  reloads.push(monitor.reload(config, factory), monitor.reload(config, factory));
  await flush();
  assert.equal(built.length, 1, 'no new sink while the old one is still stopping');
  built[0].finishStop(); // the delivery in flight ends
  for (let i = 0; i < 10; i++) await flush();
  assert.equal(built.length, 2, 'the first reload built one sink; the second waits for it');
  assert.equal(built[1].stopCalls, 1, 'and stops it before building its own');
  built[1].finishStop();
  await Promise.all(reloads);
  assert.deepEqual(built.map((s) => s.stopCalls), [1, 1, 0], 'the second reload was overtaken by the third and skipped');
  assert.equal(monitor.sink, built[2] as AlertSink);
});

test('a reload that arrives during stop builds no sink that would keep sending', async () => {
  const clock = new FakeClock();
  const built: ReturnType<typeof slowSink>[] = [];
  const factory: SinkFactory = () => {
    const sink = slowSink(`sink${built.length}`);
    built.push(sink);
    return sink;
  };
  const { monitor, config } = monitorWith(tempDir(), clock, factory);
  const reload = monitor.reload(config, factory);
  const stop = monitor.stop();
  built[0].finishStop();
  await Promise.all([reload, stop]);
  assert.equal(built.length, 1);
});

test('two reloads during an in-flight delivery: every notification is delivered once', async () => {
  const stateDir = tempDir();
  const clock = new FakeClock();
  const channels: ScriptedChannel[] = [];
  const factory: SinkFactory = (onDelivery, store, onWarning, previous) => {
    const channel = new ScriptedChannel('webhook');
    channel.hold(); // deliveries are slow: each waits until the test lets it finish
    channels.push(channel);
    return new Notifier({
      channels: [channel],
      stateDir,
      clock,
      host: 'web-1',
      locale: 'en',
      onDelivery,
      onStatus: (s) => store.setChannel(s),
      onWarning,
      random: () => 0.5,
      previous: previous instanceof Notifier ? previous : undefined,
    });
  };
  const rules = rulesConfig({ memory: { threshold: 50 }, swap: { enabled: true, threshold: 50, window: 1 } });
  const { monitor, tick, config } = monitorWith(stateDir, clock, factory, rules);
  tick({ memory: 70, swap: 70 }); // two alerts: memory in flight, swap queued behind it
  assert.equal(channels[0].received.length, 1);
  const first = monitor.reload(config, factory);
  await flush();
  const second = monitor.reload(config, factory);
  let reloaded = false;
  const both = Promise.all([first, second]).then(() => (reloaded = true));
  for (let turn = 0; turn < 100 && !reloaded; turn++) {
    await flush();
    channels.forEach((channel) => channel.release()); // the slow deliveries finish
  }
  await both;
  await (monitor.sink as Notifier).whenIdle();
  clock.advance(3600_000); // any retry or second copy is due by now
  for (let turn = 0; turn < 10; turn++) await flush();
  tick({ memory: 10, swap: 10 }); // both resolve: two more notifications through the last sink
  await (monitor.sink as Notifier).whenIdle();
  const sent = channels.flatMap((c) => c.received.map((r) => `${r.event.rule} ${r.event.state}`));
  assert.deepEqual(sent.sort(), ['memory firing', 'memory resolved', 'swap firing', 'swap resolved']);
});
