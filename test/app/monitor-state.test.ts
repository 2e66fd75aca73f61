// What the monitor makes of a state dir it did not write itself: a hand-edited or damaged state.json, a dir others
// can write to. Checked with the same rules as the live commands.
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Monitor } from '../../src/app/monitor.js';
import { FakeClock } from '../../src/clock.js';
import type { AlertSink } from '../../src/notify/alert-sink.js';
import { StateFile } from '../../src/state/state-file.js';
import type { AlertEvent, Sample } from '../../src/types.js';
import { rulesConfig, testConfig } from '../helpers/config.js';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'srvmon-monitor-state-'));
  dirs.push(dir);
  return dir;
}

function startMonitor(stateDir: string, clock = new FakeClock()) {
  const sent: AlertEvent[] = [];
  const sink: AlertSink = { enqueue: (e) => void sent.push(e), sendTest: async () => [], channelNames: () => ['rec'], stop: async () => {} };
  let feed: (s: Sample) => void = () => {};
  const monitor = new Monitor({
    config: testConfig({ stateDir, rules: rulesConfig({ memory: { threshold: 50 }, load: { enabled: true, threshold: 2 } }) }),
    clock,
    createSampler: (onSample) => {
      feed = onSample;
      return { start() {}, stop() {} };
    },
    createSink: () => sink,
  });
  const warnings: string[] = [];
  monitor.store.subscribe((e) => void (e.type === 'notice' && e.level === 'warning' && warnings.push(e.message)));
  monitor.start();
  const tick = (values: Record<string, number>) => {
    clock.advance(1000);
    feed({ timeMs: clock.nowMs(), values });
  };
  return { monitor, sent, warnings, tick };
}

function writeState(dir: string, state: unknown): void {
  writeFileSync(join(dir, 'state.json'), JSON.stringify(state));
}

for (const [what, mute] of [
  ['{}', {}],
  ['a string untilMs', { sinceMs: Date.UTC(2026, 0, 1), untilMs: 'never' }],
] as const) {
  test(`a mute read back as ${what} does not mute: the next alert is sent, a warning names the file`, () => {
    const dir = tempDir();
    writeState(dir, { version: 1, rules: {}, mute, overrides: {} });
    const { monitor, sent, warnings, tick } = startMonitor(dir);
    assert.equal(monitor.isMuted(), false);
    assert.equal(monitor.store.mute, null);
    tick({ memory: 70 });
    assert.deepEqual(sent.map((e) => e.state), ['firing']);
    assert.ok(warnings.some((w) => w.startsWith('ignoring mute = ') && w.includes(join(dir, 'state.json'))), warnings.join('\n'));
  });
}

test('overrides read back as -50 or 1e9 are dropped: the config thresholds apply, so the rule neither always fires nor never', () => {
  const dir = tempDir();
  writeState(dir, { version: 1, rules: {}, mute: null, overrides: { memory: -50, cpu: 1e9 } });
  const { monitor, sent, warnings, tick } = startMonitor(dir);
  assert.deepEqual(monitor.store.overrides, {});
  tick({ memory: 10, cpu: 99 });
  tick({ memory: 10, cpu: 99 });
  tick({ memory: 10, cpu: 99 });
  assert.deepEqual(sent.map((e) => `${e.rule} ${e.state}`), ['cpu firing']);
  assert.equal(warnings.filter((w) => w.startsWith('ignoring overrides.')).length, 2, warnings.join('\n'));
});

test('an override read back is kept exactly when the live command would accept it', () => {
  const values: unknown[] = [-50, -0.01, 0, 0.01, 2, 50, 100, 100.01, 1e9, 'x', null, true];
  for (const rule of ['memory', 'load']) {
    for (const value of values) {
      const dir = tempDir();
      writeState(dir, { version: 1, rules: {}, mute: null, overrides: { [rule]: value } });
      const loaded = new StateFile(dir, () => {}).load().overrides[rule] !== undefined;
      const { monitor } = startMonitor(tempDir());
      const live = monitor.setThreshold(rule, value as number) === null;
      assert.equal(loaded, live, `${rule} = ${String(value)}: loaded ${loaded}, live ${live}`);
    }
  }
});

test('a world-writable state dir is reported with one warning at start', () => {
  const dir = tempDir();
  chmodSync(dir, 0o777);
  const { warnings, tick } = startMonitor(dir);
  tick({ memory: 70 });
  assert.deepEqual(warnings, [`state dir ${dir} is world-writable (mode 0777): other users can plant or change srvmon's state, alert log and outbox there; run: chmod 700 ${dir}`]);
});

test('a private state dir gives no warning', () => {
  const { warnings } = startMonitor(tempDir());
  assert.deepEqual(warnings, []);
});
