// A netTx alert through the monitor with the real evidence source (replay runs none): the transition's sample gives
// the interface's rates both ways and the busiest interfaces, and the mail text carries them.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Monitor } from '../../src/app/monitor.js';
import { FakeClock } from '../../src/clock.js';
import { LazyEvidenceSource } from '../../src/evidence/lazy-evidence.js';
import type { AlertSink } from '../../src/notify/alert-sink.js';
import { textBody } from '../../src/notify/notification-text.js';
import type { AlertEvent, Sample } from '../../src/types.js';
import { rulesConfig, testConfig } from '../helpers/config.js';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

test('a netTx alert carries the interface rates and the busiest interfaces, and its mail text says them, en and zh-CN', async () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'srvmon-net-evidence-'));
  dirs.push(stateDir);
  const clock = new FakeClock();
  const sent: AlertEvent[] = [];
  const sink: AlertSink = { enqueue: (e) => void sent.push(e), sendTest: async () => [], channelNames: () => ['rec'], stop: async () => {} };
  let feed: (s: Sample) => void = () => {};
  let processReads = 0;
  const monitor = new Monitor({
    config: testConfig({ stateDir, rules: rulesConfig({ netTx: { enabled: true, threshold: 50e6, window: 1 } }) }),
    clock,
    createSampler: (onSample) => {
      feed = onSample;
      return { start() {}, stop() {} };
    },
    createSink: () => sink,
    createEvidence: () =>
      new LazyEvidenceSource({
        monoMs: () => clock.monoMs(),
        processes: async () => {
          processReads++;
          throw new Error('a network alert reads no process table');
        },
      }),
  });
  monitor.start();
  const tick = (values: Record<string, number>) => {
    clock.advance(1000);
    feed({ timeMs: clock.nowMs(), values });
  };
  tick({ 'netRx:eth0': 1e6, 'netTx:eth0': 1e6, 'netRx:eth1': 0, 'netTx:eth1': 0 });
  tick({ 'netRx:eth0': 1_200_000, 'netTx:eth0': 80e6, 'netRx:eth1': 3e6, 'netTx:eth1': 2e6, 'netRx:wg0': 0, 'netTx:wg0': 5e3 });
  for (let i = 0; i < 20 && sent.length === 0; i++) await new Promise((resolve) => setImmediate(resolve));
  await monitor.stop();

  const firing = sent.find((e) => e.rule === 'netTx:eth0' && e.state === 'firing');
  assert.ok(firing, JSON.stringify(sent));
  assert.deepEqual(firing.evidence?.network, {
    interface: 'eth0',
    direction: 'tx',
    rxBytesPerSec: 1_200_000,
    txBytesPerSec: 80e6,
    top: [
      { interface: 'eth0', bytesPerSec: 80e6 },
      { interface: 'eth1', bytesPerSec: 2e6 },
      { interface: 'wg0', bytesPerSec: 5e3 },
    ],
  });
  assert.equal(processReads, 0);
  const en = textBody({ id: firing.id, event: firing, host: 'web-1', locale: 'en' });
  assert.ok(en.includes('\nNetwork on eth0: receive 1.2 MB/s, transmit 80 MB/s\nTop transmit: eth0 80 MB/s, eth1 2 MB/s, wg0 5 kB/s\n'), en);
  const zh = textBody({ id: firing.id, event: firing, host: 'web-1', locale: 'zh-CN' });
  assert.ok(zh.includes('网卡eth0：接收 1.2 MB/s，发送 80 MB/s'), zh);
});
