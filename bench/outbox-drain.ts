// Measurement 5: outbox drain. 1,000 notifications are queued through the real Notifier while its SMTP server is
// down (each written to the outbox on disk; the first attempt fails with ECONNREFUSED), and that Notifier is stopped,
// as srvmon would be restarted. Then the SMTP server comes up on that port and a new Notifier starts on the same state
// dir: the figure is the time from its construction (which reads the outbox back) to the 1,000th message accepted.
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { systemClock } from '../src/clock.js';
import { Notifier } from '../src/notify/notifier.js';
import { buildChannels } from '../src/notify/channel-catalogue.js';
import type { AlertEvent } from '../src/types.js';
import { localMailChannels } from './bench-config.js';
import { removeTempDir, tempDir } from './cleanup.js';
import { freePort, SmtpReceiver } from './smtp-receiver.js';

export interface OutboxDrainResult {
  count: number;
  seconds: number;
  /** Time to queue them while the server was down (writes with fsync), for reference. */
  queueSeconds: number;
  deliveries: number;
  error?: string;
}

const COUNT = 1000;
const DRAIN_TIMEOUT_MS = 120_000;

function alertEvent(i: number, nowMs: number): AlertEvent {
  return {
    type: 'alert',
    id: randomUUID(),
    timeMs: nowMs,
    rule: 'disk:/data',
    kind: 'disk',
    mountpoint: '/data',
    state: 'firing',
    severity: 'warning',
    value: 91 + (i % 5),
    threshold: 90,
    window: 1,
    notify: true,
    muted: false,
    message: `Disk /data usage ${91 + (i % 5)}% is above 90%`,
    sinceMs: nowMs,
  };
}

export async function measureOutboxDrain(count = COUNT): Promise<OutboxDrainResult> {
  const stateDir = tempDir('drain');
  const port = await freePort();
  const channels = localMailChannels(port);
  const notifierFor = async (onDelivery: () => void): Promise<Notifier> =>
    new Notifier({
      channels: await buildChannels(channels, { clock: systemClock }),
      stateDir,
      clock: systemClock,
      host: hostname(),
      locale: 'en',
      onDelivery,
      onStatus: () => {},
      onWarning: (message) => process.stderr.write(`bench: outbox warning: ${message}\n`),
    });
  const smtp = new SmtpReceiver();
  try {
    const q0 = performance.now();
    const down = await notifierFor(() => {});
    for (let i = 0; i < count; i++) down.enqueue(alertEvent(i, Date.now()));
    await down.whenIdle(); // the head's first attempt failed and waits for its retry; everything is on disk
    await down.stop();
    const queueSeconds = (performance.now() - q0) / 1000;

    await smtp.start(port);
    let deliveries = 0;
    const t0 = performance.now();
    const up = await notifierFor(() => void deliveries++);
    try {
      const lastMs = await smtp.waitForCount(count, DRAIN_TIMEOUT_MS);
      return { count, seconds: (lastMs - t0) / 1000, queueSeconds, deliveries };
    } finally {
      await up.stop();
    }
  } catch (error: unknown) {
    return { count, seconds: Number.NaN, queueSeconds: Number.NaN, deliveries: 0, error: error instanceof Error ? error.message : String(error) };
  } finally {
    await smtp.stop();
    removeTempDir(stateDir);
  }
}
