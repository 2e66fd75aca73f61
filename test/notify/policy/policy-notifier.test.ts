// The policy inside the Notifier, with a FakeClock and a real state dir: what reaches the channel, and what survives
// a restart.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { FakeClock } from '../../../src/clock.js';
import { Notifier } from '../../../src/notify/notifier.js';
import type { ChannelPolicyConfig } from '../../../src/notify/policy/policy-types.js';
import type { ChannelStatus } from '../../../src/types.js';
import { ScriptedChannel } from '../../helpers/scripted-channel.js';
import { idle, tempStateDir } from '../outbox-fixture.js';
import { at, event, NIGHT, policy } from './policy-fixtures.js';

function start(stateDir: string, clock: FakeClock, channel: ScriptedChannel, config: ChannelPolicyConfig) {
  const statuses: ChannelStatus[] = [];
  const notifier = new Notifier({
    channels: [channel],
    stateDir,
    clock,
    host: 'web-1',
    locale: 'en',
    onDelivery: () => {},
    onStatus: (status) => statuses.push(status),
    onWarning: (warning) => assert.fail(warning),
    random: () => 0.5,
    policies: { [channel.name]: config },
  });
  return { notifier, statuses };
}

test('a restart in the middle of quiet hours keeps the held alerts: the digest comes at 07:30', async () => {
  const stateDir = tempStateDir();
  const clock = new FakeClock(at(23, 30));
  const channel = new ScriptedChannel('webhook');
  const config = policy({ quietHours: [NIGHT] });
  const first = start(stateDir, clock, channel, config);
  first.notifier.enqueue(event({ timeMs: clock.nowMs(), rule: 'cpu', value: 95 }));
  first.notifier.enqueue(event({ timeMs: clock.nowMs(), rule: 'memory', value: 92 }));
  await idle(first.notifier);
  assert.equal(channel.received.length, 0);
  assert.ok(existsSync(join(stateDir, 'outbox', 'policy', 'webhook.json')), 'held on disk');
  assert.deepEqual({ held: first.statuses.at(-1)?.held, quietUntilMs: first.statuses.at(-1)?.quietUntilMs }, { held: 2, quietUntilMs: at(7, 30, 1) });
  await first.notifier.stop();

  clock.advance(3 * 3_600_000); // down until 02:30
  const channel2 = new ScriptedChannel('webhook');
  const second = start(stateDir, clock, channel2, config);
  await idle(second.notifier);
  assert.equal(channel2.received.length, 0, 'still quiet after the restart');
  clock.advance(5 * 3_600_000); // 07:30
  await idle(second.notifier);
  assert.equal(channel2.received.length, 1);
  const digest = channel2.received[0]?.digest;
  assert.equal(digest?.kind, 'digest');
  assert.deepEqual(digest?.items.map((item) => item.rule), ['cpu', 'memory']);
  assert.ok(!existsSync(join(stateDir, 'outbox', 'policy', 'webhook.json')), 'nothing held any more: no file');
  assert.equal(second.statuses.at(-1)?.quietUntilMs, undefined);
  await second.notifier.stop();
});

test('three rules firing together reach the channel as one message, after the group wait', async () => {
  const stateDir = tempStateDir();
  const clock = new FakeClock(at(10));
  const channel = new ScriptedChannel('webhook');
  const { notifier } = start(stateDir, clock, channel, policy({ groupWaitMs: 3000 }));
  for (const rule of ['cpu', 'memory', 'disk:/data']) notifier.enqueue(event({ timeMs: clock.nowMs(), rule }));
  await idle(notifier);
  assert.equal(channel.received.length, 0);
  clock.advance(3000);
  await idle(notifier);
  assert.equal(channel.received.length, 1);
  const message = channel.received[0];
  assert.equal(message?.digest?.kind, 'group');
  assert.equal(message?.id, message?.event.id, 'the stand-in event carries the message id');
  assert.match(message?.event.message ?? '', /3 alerts/);
  await notifier.stop();
});

test('a group cut short by a crash goes out at the next start', async () => {
  const stateDir = tempStateDir();
  const clock = new FakeClock(at(10));
  const first = start(stateDir, clock, new ScriptedChannel('webhook'), policy({ groupWaitMs: 3000 }));
  first.notifier.enqueue(event({ timeMs: clock.nowMs(), rule: 'cpu' }));
  first.notifier.enqueue(event({ timeMs: clock.nowMs(), rule: 'memory' }));
  await first.notifier.stop(); // as a SIGKILL would leave it: the group on disk only
  clock.advance(10_000);
  const channel = new ScriptedChannel('webhook');
  const second = start(stateDir, clock, channel, policy({ groupWaitMs: 3000 }));
  await idle(second.notifier);
  assert.deepEqual(channel.received.map((n) => n.digest?.items.length), [2]);
  await second.notifier.stop();
});

test('pending events for the engine at start: grouped and held alerts count, a list message stand-in does not', async () => {
  const stateDir = tempStateDir();
  const clock = new FakeClock(at(23, 30));
  const channel = new ScriptedChannel('webhook').always({ ok: false, retryable: true, error: 'down' });
  const { notifier } = start(stateDir, clock, channel, policy({ quietHours: [NIGHT], groupWaitMs: 3000 }));
  const held = event({ timeMs: clock.nowMs(), rule: 'cpu' });
  const grouped = event({ timeMs: clock.nowMs(), rule: 'disk:/data', severity: 'critical' });
  notifier.enqueue(held);
  notifier.enqueue(grouped);
  assert.deepEqual(notifier.pendingEvents().map((e) => [e.rule, e.state, e.sinceMs]).sort(), [['cpu', 'firing', held.sinceMs], ['disk:/data', 'firing', grouped.sinceMs]]);
  clock.advance(8 * 3_600_000); // the digest is queued (and fails): its stand-in is not an alert of its own
  await idle(notifier);
  assert.ok(channel.received.some((n) => n.digest?.kind === 'digest'));
  assert.deepEqual(notifier.pendingEvents().map((e) => e.rule), ['disk:/data'], 'only the critical, queued as itself');
  await notifier.stop();
});

test('alerts held for a channel that is no longer configured are said at start, not dropped', async () => {
  const stateDir = tempStateDir();
  const clock = new FakeClock(at(23, 30));
  const first = start(stateDir, clock, new ScriptedChannel('wecom'), policy({ quietHours: [NIGHT] }));
  first.notifier.enqueue(event({ timeMs: clock.nowMs(), rule: 'cpu' }));
  await first.notifier.stop();
  const warnings: string[] = [];
  const second = new Notifier({ channels: [new ScriptedChannel('webhook')], stateDir, clock, host: 'web-1', locale: 'en', onDelivery: () => {}, onStatus: () => {}, onWarning: (w) => warnings.push(w), policies: {} });
  assert.deepEqual(warnings, [`alerts held for a digest of channel "wecom" wait in ${join(stateDir, 'outbox')}/policy; configure it again to send them`]);
  await second.stop();
});
