// The monitor with an evidence source: a transition that wants evidence goes to the outbox and the log once the
// evidence is taken, with it; transitions after it wait their turn (order kept); stop() delivers what was found.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { AlertEvidence } from '../../src/alerts/evidence.js';
import { Monitor } from '../../src/app/monitor.js';
import { FakeClock } from '../../src/clock.js';
import type { EvidenceSource } from '../../src/evidence/evidence-source.js';
import type { AlertSink } from '../../src/notify/alert-sink.js';
import type { AlertEvent, Sample } from '../../src/types.js';
import { rulesConfig, testConfig } from '../helpers/config.js';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Evidence for memory transitions, released by the test one at a time. */
class HeldEvidence implements EvidenceSource {
  observed = 0;
  readonly #waiting: ((evidence: AlertEvidence) => void)[] = [];
  wants(event: AlertEvent): boolean {
    return event.kind === 'memory' && event.state !== 'resolved';
  }
  observe(): void {
    this.observed++;
  }
  collect(): Promise<AlertEvidence | undefined> {
    return new Promise((resolve) => this.#waiting.push(resolve));
  }
  release(evidence: AlertEvidence): void {
    this.#waiting.shift()?.(evidence);
  }
  get waiting(): number {
    return this.#waiting.length;
  }
}

function setup() {
  const stateDir = mkdtempSync(join(tmpdir(), 'srvmon-evidence-'));
  dirs.push(stateDir);
  const clock = new FakeClock();
  const sent: AlertEvent[] = [];
  const sink: AlertSink = { enqueue: (e) => void sent.push(e), sendTest: async () => [], channelNames: () => ['rec'], stop: async () => {} };
  const evidence = new HeldEvidence();
  let feed: (s: Sample) => void = () => {};
  const monitor = new Monitor({
    config: testConfig({ stateDir, rules: rulesConfig({ memory: { threshold: 50 }, cpu: { threshold: 50, window: 1 } }) }),
    clock,
    createSampler: (onSample) => {
      feed = onSample;
      return { start() {}, stop() {} };
    },
    createSink: () => sink,
    createEvidence: () => evidence,
  });
  monitor.start();
  const tick = (values: Record<string, number>) => {
    clock.advance(1000);
    feed({ timeMs: clock.nowMs(), values });
  };
  return { monitor, sent, evidence, tick };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

test('a transition waits for its evidence, carries it, and later transitions keep their order behind it', async () => {
  const { monitor, sent, evidence, tick } = setup();
  tick({ memory: 70, cpu: 10 });
  assert.equal(evidence.observed, 1);
  await settle();
  assert.equal(evidence.waiting, 1);
  assert.equal(sent.length, 0, 'sent before its evidence was taken');
  assert.equal(monitor.store.log.length, 0);
  tick({ memory: 70, cpu: 90 }); // a cpu transition, which wants no evidence here, queues behind
  await settle();
  assert.equal(sent.length, 0);
  evidence.release({ topByRss: [{ name: 'java', pid: 88, user: 'app', rssBytes: 1 }] });
  await settle();
  assert.deepEqual(sent.map((e) => [e.rule, e.evidence?.topByRss?.[0]?.name]), [['memory', 'java'], ['cpu', undefined]]);
  assert.equal(monitor.store.log.length, 2);
  tick({ memory: 10, cpu: 10 }); // resolves: no evidence wanted, nothing waiting: delivered at once
  assert.deepEqual(sent.slice(2).map((e) => [e.rule, e.state, e.peak]), [['cpu', 'resolved', 90], ['memory', 'resolved', 70]]);
  await monitor.stop();
});

test('stop() delivers a transition whose evidence is still being taken', async () => {
  const { monitor, sent, evidence, tick } = setup();
  tick({ memory: 70, cpu: 10 });
  const stopped = monitor.stop();
  await settle();
  assert.equal(sent.length, 0);
  evidence.release({ swappingNow: false });
  await stopped;
  assert.deepEqual(sent.map((e) => [e.rule, e.evidence]), [['memory', { swappingNow: false }]]);
});
