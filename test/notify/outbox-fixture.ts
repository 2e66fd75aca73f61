// Shared set-up of the outbox tests: a Notifier over a temp state dir with scripted channels and a FakeClock, and
// ways to look at and plant files in the outbox.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import type { FakeClock } from '../../src/clock.js';
import { Notifier } from '../../src/notify/notifier.js';
import type { AlertEvent, ChannelStatus, DeliveryEvent } from '../../src/types.js';
import type { ScriptedChannel } from '../helpers/scripted-channel.js';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

export function tempStateDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'srvmon-outbox-'));
  dirs.push(dir);
  return dir;
}

let n = 0;
export function alert(partial: Partial<AlertEvent> = {}): AlertEvent {
  n++;
  return { type: 'alert', id: `a${n}`, timeMs: 0, rule: 'memory', kind: 'memory', state: 'firing', severity: 'warning', value: 90, threshold: 85, window: 1, notify: true, muted: false, message: 'Memory usage 90% is above 85%', sinceMs: 0, ...partial };
}

export interface NotifierRig {
  notifier: Notifier;
  deliveries: DeliveryEvent[];
  statuses: Map<string, ChannelStatus>;
  warnings: string[];
}

/** A Notifier as srvmon builds it; `previous` makes it a reload of that (stopped) one. Jitter fixed at 0.5. */
export function notifierWith(stateDir: string, clock: FakeClock, channels: ScriptedChannel[], previous?: Notifier): NotifierRig {
  const deliveries: DeliveryEvent[] = [];
  const statuses = new Map<string, ChannelStatus>();
  const warnings: string[] = [];
  const notifier = new Notifier({
    channels,
    stateDir,
    clock,
    host: 'web-1',
    locale: 'en',
    onDelivery: (d) => deliveries.push(d),
    onStatus: (s) => statuses.set(s.channel, s),
    onWarning: (w) => warnings.push(w),
    random: () => 0.5,
    previous,
  });
  return { notifier, deliveries, statuses, warnings };
}

export const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Resolves when the notifier has nothing due; fails if it is still busy after many turns of the event loop (an entry
 * sent again and again, or an attempt that never ends), instead of hanging the test.
 */
export async function idle(notifier: Notifier, turns = 50): Promise<void> {
  let done = false;
  const idleNow = notifier.whenIdle().then(() => (done = true));
  for (let i = 0; i < turns && !done; i++) await flush();
  if (!done) throw new Error('the notifier never became idle');
  await idleNow;
}

export function filesIn(stateDir: string, folder: string, channel: string): string[] {
  try {
    return readdirSync(join(stateDir, 'outbox', folder, channel)).sort();
  } catch {
    return [];
  }
}
