// The owning monitor keeps the day of per-minute chart history in the state dir: written at most once a minute,
// reloaded at start, so a restarted monitor's charts show the minutes before the restart at once.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Monitor } from '../../src/app/monitor.js';
import { FakeClock } from '../../src/clock.js';
import { ROLLUP_FILE_NAME } from '../../src/store/rollup-file.js';
import { rollupSpan } from '../../src/store/rollup-source.js';
import type { StoreEvent } from '../../src/store/monitor-store.js';
import type { Sample } from '../../src/types.js';
import { testConfig } from '../helpers/config.js';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'srvmon-rollups-'));
  dirs.push(dir);
  return dir;
}

function monitorWith(stateDir: string, clock: FakeClock, rollupMs: number | null = 86_400_000) {
  let feed: (s: Sample) => void = () => {};
  const monitor = new Monitor({
    config: testConfig({ stateDir, rollupMs }),
    clock,
    createSampler: (onSample) => {
      feed = onSample;
      return { start() {}, stop() {} };
    },
  });
  const notices: string[] = [];
  monitor.store.subscribe((e: StoreEvent) => void (e.type === 'notice' && notices.push(e.message)));
  monitor.start();
  const tick = (values: Record<string, number>, stepMs = 1000) => {
    clock.advance(stepMs);
    feed({ timeMs: clock.nowMs(), values });
  };
  return { monitor, tick, notices };
}

test('a restarted monitor has the minutes before the restart in store.rollups at once', async () => {
  const stateDir = tempDir();
  const clock = new FakeClock(Date.UTC(2026, 11, 1, 8));
  const first = monitorWith(stateDir, clock);
  for (let i = 0; i < 30 * 60; i++) first.tick({ cpu: (i / 60) % 100, memory: 40 }); // 30 minutes
  await first.monitor.stop();
  assert.ok(existsSync(join(stateDir, ROLLUP_FILE_NAME)));

  clock.advance(5 * 60_000); // down for five minutes
  const second = monitorWith(stateDir, clock);
  const cpu = second.monitor.store.rollups!.ring('cpu')!;
  const buckets: number[] = [];
  cpu.forEach(0, Number.MAX_SAFE_INTEGER, (b) => buckets.push(b.avg));
  assert.equal(buckets.length, 31); // 08:00:01 to 08:30:00
  assert.ok(Math.abs(buckets[10]! - 10.49) < 0.1, String(buckets[10]));
  assert.deepEqual(rollupSpan(second.monitor.store.rollups), { sinceMs: Date.UTC(2026, 11, 1, 8), minutes: 31 });
  assert.deepEqual(second.notices, []);
  await second.monitor.stop();
});

test('the file is written at most once a minute while running (on the monotonic clock)', async () => {
  const stateDir = tempDir();
  const clock = new FakeClock(Date.UTC(2026, 11, 1, 8));
  const { monitor, tick } = monitorWith(stateDir, clock);
  const path = join(stateDir, ROLLUP_FILE_NAME);
  for (let i = 0; i < 59; i++) tick({ cpu: 1 });
  assert.equal(existsSync(path), false, 'nothing written in the first minute');
  tick({ cpu: 1 });
  tick({ cpu: 1 });
  assert.equal(existsSync(path), true, 'written a minute after start');
  await monitor.stop();
});

test('a damaged rollup file is one warning and a fresh start', async () => {
  const stateDir = tempDir();
  writeFileSync(join(stateDir, ROLLUP_FILE_NAME), 'SRVMROLL this is not a rollup file');
  const clock = new FakeClock(Date.UTC(2026, 11, 1, 8));
  const { monitor, tick, notices } = monitorWith(stateDir, clock);
  tick({ cpu: 5 });
  assert.equal(notices.length, 1, notices.join('\n'));
  assert.match(notices[0]!, /rollups\.bin.*fresh day/);
  assert.equal(rollupSpan(monitor.store.rollups).minutes, 1);
  await monitor.stop();
});

test('rollup: false keeps no rollups and writes no file', async () => {
  const stateDir = tempDir();
  const clock = new FakeClock(Date.UTC(2026, 11, 1, 8));
  const { monitor, tick } = monitorWith(stateDir, clock, null);
  for (let i = 0; i < 120; i++) tick({ cpu: 1 });
  await monitor.stop();
  assert.equal(monitor.store.rollups, null);
  assert.equal(existsSync(join(stateDir, ROLLUP_FILE_NAME)), false);
});

test('a reload that changes rollup says it takes effect at the next start; the rollups go on', async () => {
  const stateDir = tempDir();
  const clock = new FakeClock(Date.UTC(2026, 11, 1, 8));
  const { monitor, tick, notices } = monitorWith(stateDir, clock);
  tick({ cpu: 1 });
  await monitor.reload(testConfig({ stateDir, rollupMs: 3_600_000 }));
  assert.ok(notices.some((n) => /"rollup" takes effect at the next start/.test(n)), notices.join('\n'));
  tick({ cpu: 2 });
  assert.equal(monitor.store.rollups!.capacityMinutes, 1440);
  await monitor.stop();
});
