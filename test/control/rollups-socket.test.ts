// The agent's day of per-minute chart history crosses the control socket: an attached dashboard's store has it at
// once, and folds the live samples in as the agent does; `srvmon status` says how far back it goes.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { MonitorCommands } from '../../src/app/monitor-port.js';
import { FakeClock } from '../../src/clock.js';
import { connectControl } from '../../src/control/control-client.js';
import { startControlServer } from '../../src/control/control-server.js';
import { ownerStatus, ownerStatusLines } from '../../src/control/owner-status.js';
import type { OwnerInfo } from '../../src/control/protocol.js';
import { RemoteMonitor } from '../../src/control/remote-monitor.js';
import { MonitorStore } from '../../src/store/monitor-store.js';
import { RollupRecorder } from '../../src/store/rollup-recorder.js';
import type { RollupBucket } from '../../src/store/rollup-ring.js';

const dir = mkdtempSync(join(tmpdir(), 'srvmon-ctl-rollups-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const START_MS = Date.UTC(2026, 11, 1, 6);
const owner: OwnerInfo = { pid: 4242, startedMs: START_MS, version: '9.9.9', stateDir: dir, locale: 'en', intervalMs: 1000 };
const commands = {} as MonitorCommands;

/** An owner's store with two hours of rollups (a sample every 10 s), the clock at the end of them. */
function ownerStore(clock: FakeClock): MonitorStore {
  const store = new MonitorStore(60, 1000);
  const recorder = new RollupRecorder({ clock, file: null, onWarning: assert.fail });
  for (let i = 0; i < 720; i++) recorder.add({ timeMs: START_MS + i * 10_000, values: { cpu: i % 60, memory: 30 } });
  store.rollups = recorder;
  return store;
}

const buckets = (store: MonitorStore, key: string): RollupBucket[] => {
  const out: RollupBucket[] = [];
  store.rollups?.ring(key)?.forEach(0, Number.MAX_SAFE_INTEGER, (b) => out.push(b));
  return out;
};

test('the snapshot carries the rollups; the replica has them at once and folds in live samples', async () => {
  const clock = new FakeClock(START_MS + 720 * 10_000);
  const store = ownerStore(clock);
  const path = join(dir, 'a.sock');
  const server = await startControlServer({ socketPath: path, store, owner: () => owner, commands, onWarning: assert.fail });
  after(() => server.close());
  const remote = await RemoteMonitor.attach(path, clock);
  after(() => remote.close());
  assert.deepEqual(buckets(remote.store, 'cpu'), buckets(store, 'cpu'));
  assert.equal(buckets(remote.store, 'cpu').length, 120);
  assert.equal(buckets(remote.store, 'memory')[0]!.avg, 30);

  const got = new Promise<void>((resolve) => remote.store.subscribe((e) => e.type === 'sample' && resolve()));
  store.addSample({ timeMs: START_MS + 7_230_000, values: { cpu: 99, memory: 30 } });
  await got;
  const last = buckets(remote.store, 'cpu').at(-1)!;
  assert.equal(last.minute, Math.floor((START_MS + 7_230_000) / 60_000));
  assert.equal(last.max, 99);
});

test('srvmon status: history {since, minutes} from the owner; null when it keeps none', async () => {
  const clock = new FakeClock(START_MS + 720 * 10_000);
  const store = ownerStore(clock);
  const path = join(dir, 'b.sock');
  const server = await startControlServer({ socketPath: path, store, owner: () => owner, commands, onWarning: assert.fail });
  after(() => server.close());
  const connection = await connectControl(path);
  const json = ownerStatus(connection.hello, connection.snapshot, clock.nowMs());
  connection.close();
  assert.deepEqual(json.history, { since: new Date(START_MS).toISOString(), minutes: 120 });
  assert.ok(ownerStatusLines(json).includes(`history: 120 per-minute points since ${new Date(START_MS).toISOString()}`));

  store.rollups = null;
  const again = await connectControl(path);
  const off = ownerStatus(again.hello, again.snapshot, clock.nowMs());
  again.close();
  assert.equal(off.history, null);
  assert.ok(ownerStatusLines(off).includes('history: per-second only (rollup off)'));
});
