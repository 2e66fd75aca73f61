// When the outbox attempts what: the entry due first goes first (one failing notification holds back nobody), a
// down channel is probed once per backoff, schedules survive reloads and restarts, and every wait is measured on the
// monotonic clock, so wall-clock steps neither freeze retries nor make srvmon give up early.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { FakeClock } from '../../src/clock.js';
import type { Notification, SendResult } from '../../src/notify/channel.js';
import { ScriptedChannel } from '../helpers/scripted-channel.js';
import { alert, idle, notifierWith, tempStateDir } from './outbox-fixture.js';

const HOUR = 3600_000;
const DOWN: SendResult = { ok: false, retryable: true, error: 'ECONNREFUSED' };

/** A receiver that answers 500 to one payload and accepts every other. */
class RefusesOne extends ScriptedChannel {
  constructor(readonly refusedId: string) {
    super('webhook');
  }

  override async send(notification: Notification): Promise<SendResult> {
    await super.send(notification);
    return notification.id === this.refusedId ? { ok: false, retryable: true, error: 'HTTP 500' } : { ok: true };
  }
}

test('one notification that keeps failing does not hold back the others; it is retried at its own backoff', async () => {
  const clock = new FakeClock();
  const poison = alert();
  const webhook = new RefusesOne(poison.id);
  const { notifier, deliveries } = notifierWith(tempStateDir(), clock, [webhook]);
  notifier.enqueue(poison);
  const later = [alert(), alert()];
  later.forEach((event) => notifier.enqueue(event));
  await idle(notifier);
  assert.deepEqual(webhook.received.map((r) => r.id), [poison.id, ...later.map((e) => e.id)]);
  for (let minute = 1; minute <= 60; minute++) {
    const fresh = alert();
    notifier.enqueue(fresh);
    await idle(notifier);
    assert.ok(deliveries.some((d) => d.alertId === fresh.id && d.ok), `minute ${minute}: a new alert goes out at once`);
    clock.advance(60_000);
    await idle(notifier);
  }
  const poisonAttempts = webhook.received.filter((r) => r.id === poison.id).length;
  // 5 s doubling to 10 min (jitter 0.5: 3.75 s, 7.5 s, ... 7.5 min, then 7.5 min each) within 61 minutes.
  assert.ok(poisonAttempts >= 8 && poisonAttempts <= 16, `poison attempted ${poisonAttempts} times`);
});

test('entries due at the same time go in the order they came', async () => {
  const clock = new FakeClock();
  const mail = new ScriptedChannel('mail');
  mail.hold();
  const { notifier } = notifierWith(tempStateDir(), clock, [mail]);
  const events = [alert(), alert(), alert(), alert()];
  events.forEach((event) => notifier.enqueue(event));
  mail.release();
  await idle(notifier);
  assert.deepEqual(mail.received.map((r) => r.id), events.map((e) => e.id));
});

test('a down channel is probed once per backoff, not once per queued notification; each goes out once when it is back', async () => {
  const clock = new FakeClock();
  const mail = new ScriptedChannel('mail').always(DOWN);
  const { notifier, deliveries } = notifierWith(tempStateDir(), clock, [mail]);
  const events = Array.from({ length: 20 }, () => alert());
  events.forEach((event) => notifier.enqueue(event));
  await idle(notifier);
  assert.equal(mail.received.length, 2, 'two different notifications failed: the channel waits as a whole');
  for (let i = 0; i < 60; i++) {
    clock.advance(60_000);
    await idle(notifier);
  }
  assert.ok(mail.received.length <= 14, `${mail.received.length} attempts in an hour`);
  mail.always({ ok: true });
  clock.advance(600_000);
  await idle(notifier);
  const delivered = deliveries.filter((d) => d.ok).map((d) => d.alertId);
  assert.deepEqual([...delivered].sort(), events.map((e) => e.id).sort());
  assert.equal(new Set(delivered).size, 20, 'each once');
});

test('a reload keeps every schedule and attempt count: fifty reloads retry nothing early', async () => {
  const stateDir = tempStateDir();
  const clock = new FakeClock();
  const channel = () => new ScriptedChannel('mail').always(DOWN);
  let rig = notifierWith(stateDir, clock, [channel()]);
  const attempts = () => rig.deliveries.length;
  rig.notifier.enqueue(alert());
  await idle(rig.notifier);
  clock.advance(3750);
  await idle(rig.notifier); // attempt 2 failed: the next is 7.5 s later
  let total = attempts();
  for (let i = 0; i < 50; i++) {
    await rig.notifier.stop();
    rig = notifierWith(stateDir, clock, [channel()], rig.notifier);
    await idle(rig.notifier);
    total += attempts();
    clock.advance(100);
  }
  assert.equal(total, 2, 'no attempt from the reloads themselves');
  clock.advance(7500 - 5000);
  await idle(rig.notifier);
  assert.deepEqual(rig.deliveries.map((d) => [d.ok, d.attempt, d.willRetry]), [[false, 3, true]], 'the third attempt, at its time');
});

test('a wall clock stepped back does not freeze a retry', async () => {
  const clock = new FakeClock();
  const mail = new ScriptedChannel('mail').answer(DOWN);
  const { notifier, deliveries } = notifierWith(tempStateDir(), clock, [mail]);
  notifier.enqueue(alert());
  await idle(notifier);
  clock.stepWall(-HOUR);
  clock.advance(3750);
  await idle(notifier);
  assert.deepEqual(deliveries.map((d) => [d.ok, d.attempt]), [[false, 1], [true, 2]]);
});

test('a wall clock stepped forward by a day does not give up on a queued notification', async () => {
  const clock = new FakeClock();
  const mail = new ScriptedChannel('mail').answer(DOWN, DOWN);
  const { notifier, deliveries } = notifierWith(tempStateDir(), clock, [mail]);
  notifier.enqueue(alert());
  await idle(notifier);
  clock.stepWall(25 * HOUR);
  clock.advance(3750);
  await idle(notifier);
  clock.advance(7500);
  await idle(notifier);
  assert.deepEqual(deliveries.map((d) => [d.ok, d.attempt, d.willRetry]), [[false, 1, true], [false, 2, true], [true, 3, undefined]]);
  assert.ok(!deliveries.some((d) => d.error?.includes('gave up')));
});

test('a channel pause ends after its length even if the wall clock steps back meanwhile', async () => {
  const clock = new FakeClock();
  const wechat = new ScriptedChannel('wechat').answer({ ok: false, retryable: true, error: 'errcode 45047', pauseUntilMs: clock.nowMs() + HOUR });
  const { notifier } = notifierWith(tempStateDir(), clock, [wechat]);
  notifier.enqueue(alert());
  await idle(notifier);
  clock.stepWall(-2 * HOUR);
  clock.advance(HOUR - 1);
  await idle(notifier);
  assert.equal(wechat.received.length, 1, 'still paused');
  clock.advance(1);
  await idle(notifier);
  assert.equal(wechat.received.length, 2);
});

test('a restart keeps each retry time; one saved far in the future (a clock that was ahead) waits at most the longest backoff', async () => {
  const stateDir = tempStateDir();
  const clock = new FakeClock();
  const pending = join(stateDir, 'outbox', 'pending', 'mail');
  mkdirSync(pending, { recursive: true });
  const plant = (name: string, nextAttemptMs: number) => {
    const event = alert();
    writeFileSync(join(pending, `${name}.json`), JSON.stringify({ id: event.id, channel: 'mail', event, host: 'web-1', locale: 'en', createdMs: clock.nowMs() - 60_000, attempts: 3, nextAttemptMs }));
    return event.id;
  };
  const soon = plant('soon', clock.nowMs() + 120_000);
  const nonsense = plant('nonsense', clock.nowMs() + 30 * 24 * HOUR);
  const mail = new ScriptedChannel('mail');
  const { notifier, deliveries } = notifierWith(stateDir, clock, [mail]);
  await idle(notifier);
  assert.equal(mail.received.length, 0);
  clock.advance(120_000);
  await idle(notifier);
  assert.deepEqual(mail.received.map((r) => r.id), [soon]);
  clock.advance(480_000);
  await idle(notifier);
  assert.deepEqual(mail.received.map((r) => r.id), [soon, nonsense]);
  assert.deepEqual(deliveries.map((d) => d.attempt), [4, 4]);
});
