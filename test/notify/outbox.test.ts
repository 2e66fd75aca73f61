import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeClock } from '../../src/clock.js';
import { retryDelayMs } from '../../src/notify/backoff.js';
import { ScriptedChannel } from '../helpers/scripted-channel.js';
import { alert, filesIn, flush, notifierWith, tempStateDir } from './outbox-fixture.js';

const tempDir = tempStateDir;
const pendingFiles = (stateDir: string, channel: string): string[] => filesIn(stateDir, 'pending', channel);

test('backoff: 5 s doubling to 10 min with jitter', () => {
  assert.equal(retryDelayMs(1, () => 0), 2500);
  assert.equal(retryDelayMs(1, () => 1), 5000);
  assert.equal(retryDelayMs(2, () => 1), 10_000);
  assert.equal(retryDelayMs(20, () => 1), 600_000);
  assert.equal(retryDelayMs(20, () => 0), 300_000);
});

test('each notification is on disk before the first attempt and removed once accepted', async () => {
  const stateDir = tempDir();
  const clock = new FakeClock();
  const mail = new ScriptedChannel('mail');
  mail.hold();
  const { notifier, deliveries } = notifierWith(stateDir, clock, [mail]);
  notifier.enqueue(alert());
  assert.equal(pendingFiles(stateDir, 'mail').length, 1, 'written before the attempt completes');
  mail.release();
  await notifier.whenIdle();
  assert.equal(pendingFiles(stateDir, 'mail').length, 0);
  assert.deepEqual(deliveries.map((d) => [d.channel, d.ok, d.attempt]), [['mail', true, 1]]);
});

test('retryable failures back off and are delivered when the channel recovers; a failing channel never delays a healthy one', async () => {
  const stateDir = tempDir();
  const clock = new FakeClock();
  const mail = new ScriptedChannel('mail').answer({ ok: false, retryable: true, error: 'connect ECONNREFUSED' }, { ok: false, retryable: true, error: 'connect ECONNREFUSED' });
  const wechat = new ScriptedChannel('wechat');
  const { notifier, deliveries, statuses } = notifierWith(stateDir, clock, [mail, wechat]);
  notifier.enqueue(alert());
  await notifier.whenIdle();
  assert.deepEqual(deliveries.map((d) => [d.channel, d.ok]), [['mail', false], ['wechat', true]]);
  assert.equal(statuses.get('mail')?.queueDepth, 1);
  assert.equal(deliveries[0].willRetry, true);
  clock.advance(3749); // first retry at 3.75 s (5 s base, jitter 0.5)
  await flush();
  assert.equal(mail.received.length, 1);
  clock.advance(1);
  await notifier.whenIdle();
  assert.equal(mail.received.length, 2);
  clock.advance(7500); // second retry after 7.5 s
  await notifier.whenIdle();
  assert.equal(mail.received.length, 3);
  assert.deepEqual(deliveries.filter((d) => d.channel === 'mail').map((d) => [d.ok, d.attempt]), [[false, 1], [false, 2], [true, 3]]);
  assert.equal(statuses.get('mail')?.queueDepth, 0);
  assert.equal(pendingFiles(stateDir, 'mail').length, 0);
});

test('permanent failures are reported with their hint, parked, and tried again on the next start', async () => {
  const stateDir = tempDir();
  const clock = new FakeClock();
  const mail = new ScriptedChannel('mail').answer({ ok: false, retryable: false, error: 'SMTP 535 auth failed', hint: 'check channels.mail.pass' });
  const first = notifierWith(stateDir, clock, [mail]);
  first.notifier.enqueue(alert());
  await first.notifier.whenIdle();
  assert.deepEqual(first.deliveries.map((d) => [d.ok, d.error, d.hint, d.willRetry]), [[false, 'SMTP 535 auth failed', 'check channels.mail.pass', false]]);
  assert.equal(first.statuses.get('mail')?.lastHint, 'check channels.mail.pass');
  await first.notifier.stop();
  const fixed = new ScriptedChannel('mail');
  const second = notifierWith(stateDir, clock, [fixed]);
  await second.notifier.whenIdle();
  assert.equal(fixed.received.length, 1);
  assert.equal(second.deliveries[0].ok, true);
});

test('a restart sends what the last run left queued, at its retry time, exactly once, with the same id', async () => {
  const stateDir = tempDir();
  const clock = new FakeClock();
  const down = new ScriptedChannel('mail').always({ ok: false, retryable: true, error: 'ECONNREFUSED' });
  const first = notifierWith(stateDir, clock, [down]);
  const event = alert();
  first.notifier.enqueue(event);
  await first.notifier.whenIdle();
  await first.notifier.stop(); // like a crash: the entry stays on disk
  const up = new ScriptedChannel('mail');
  const second = notifierWith(stateDir, clock, [up]);
  await second.notifier.whenIdle();
  assert.equal(up.received.length, 0, 'a restart keeps the retry schedule (3.75 s after the failure)');
  clock.advance(3750);
  await second.notifier.whenIdle();
  assert.deepEqual(up.received.map((r) => r.id), [event.id]);
  assert.equal(second.deliveries[0].attempt, 2, 'the attempt number goes on from the last run');
  clock.advance(3600_000);
  await second.notifier.whenIdle();
  assert.equal(up.received.length, 1);
});

test('a quota pause holds the channel queue until the pause ends, nothing is dropped', async () => {
  const stateDir = tempDir();
  const clock = new FakeClock();
  const wechat = new ScriptedChannel('wechat').answer({ ok: false, retryable: true, error: 'errcode 45009', pauseUntilMs: clock.nowMs() + 3600_000 });
  const { notifier, statuses } = notifierWith(stateDir, clock, [wechat]);
  notifier.enqueue(alert());
  notifier.enqueue(alert());
  await notifier.whenIdle();
  clock.advance(3599_000);
  await notifier.whenIdle();
  assert.equal(wechat.received.length, 1);
  assert.equal(statuses.get('wechat')?.queueDepth, 2);
  clock.advance(1000);
  await notifier.whenIdle();
  await flush();
  await notifier.whenIdle();
  assert.equal(wechat.received.length, 3);
  assert.equal(statuses.get('wechat')?.queueDepth, 0);
});

test('secrets a channel reports in its error text are redacted', async () => {
  const clock = new FakeClock();
  const leaky = new ScriptedChannel('webhook', 'tok-123').answer({ ok: false, retryable: false, error: 'POST https://x/?token=tok-123 failed', hint: 'tok-123 rejected' });
  const { notifier, deliveries, statuses } = notifierWith(tempDir(), clock, [leaky]);
  notifier.enqueue(alert());
  await notifier.whenIdle();
  assert.ok(!JSON.stringify(deliveries).includes('tok-123'));
  assert.ok(!JSON.stringify([...statuses.values()]).includes('tok-123'));
});

test('retries stop after 24 h, with a delivery event saying so', async () => {
  const clock = new FakeClock();
  const down = new ScriptedChannel('mail').always({ ok: false, retryable: true, error: 'ECONNREFUSED' });
  const { notifier, deliveries } = notifierWith(tempDir(), clock, [down]);
  notifier.enqueue(alert());
  for (let i = 0; i < 24 * 6 + 10; i++) {
    clock.advance(600_000);
    await notifier.whenIdle();
  }
  const last = deliveries.at(-1);
  assert.equal(last?.willRetry, false);
  assert.match(last?.error ?? '', /gave up after retrying for 24h/);
  const attempts = down.received.length;
  clock.advance(3600_000);
  await notifier.whenIdle();
  assert.equal(down.received.length, attempts);
});

test('a test alert goes to every channel at once, bypassing the queue, with latency', async () => {
  const clock = new FakeClock();
  const mail = new ScriptedChannel('mail');
  const wechat = new ScriptedChannel('wechat').answer({ ok: false, retryable: false, error: 'errcode 40164', hint: 'add this server IP to the whitelist' });
  const { notifier } = notifierWith(tempDir(), clock, [mail, wechat]);
  const results = await notifier.sendTest(alert({ test: true, rule: 'test' }));
  assert.deepEqual(results.map((r) => [r.channel, r.ok, r.test]), [['mail', true, true], ['wechat', false, true]]);
  assert.equal(results[1].hint, 'add this server IP to the whitelist');
  assert.ok(results.every((r) => typeof r.latencyMs === 'number'));
});

test('a deferred send (local rate limit) is neither an attempt nor a failure; it waits and goes out', async () => {
  const clock = new FakeClock();
  const wecom = new ScriptedChannel('wecom').answer({ ok: false, retryable: true, deferred: true, retryAfterMs: 20_000, error: 'rate limited locally (20/min)' });
  const { notifier, deliveries, statuses } = notifierWith(tempDir(), clock, [wecom]);
  notifier.enqueue(alert());
  await notifier.whenIdle();
  assert.equal(deliveries.length, 0);
  assert.equal(statuses.get('wecom')?.failedTotal, 0);
  clock.advance(20_000);
  await notifier.whenIdle();
  assert.deepEqual(deliveries.map((d) => [d.ok, d.attempt]), [[true, 1]]);
});

test('notifications queued for a channel that is no longer configured are kept and reported, not dropped', async () => {
  const stateDir = tempDir();
  const clock = new FakeClock();
  const down = new ScriptedChannel('wecom').always({ ok: false, retryable: true, error: 'ECONNREFUSED' });
  const first = notifierWith(stateDir, clock, [down]);
  first.notifier.enqueue(alert());
  await first.notifier.whenIdle();
  await first.notifier.stop();
  const second = notifierWith(stateDir, clock, [new ScriptedChannel('mail')]);
  assert.equal(second.warnings.length, 1);
  assert.match(second.warnings[0], /^1 notification\(s\) wait in the outbox for channel "wecom", which is not configured/);
  assert.equal(pendingFiles(stateDir, 'wecom').length, 1);
});

test('stop() waits for the attempt under way, so a reload never sends an entry twice', async () => {
  const stateDir = tempDir();
  const clock = new FakeClock();
  const slow = new ScriptedChannel('mail');
  slow.hold();
  const first = notifierWith(stateDir, clock, [slow]);
  first.notifier.enqueue(alert());
  await flush();
  let stopped = false;
  const stopping = first.notifier.stop().then(() => (stopped = true));
  await flush();
  assert.equal(stopped, false, 'still waiting for the send under way');
  slow.release();
  await stopping;
  assert.equal(pendingFiles(stateDir, 'mail').length, 0, 'the finished attempt removed its entry');
  const fresh = new ScriptedChannel('mail');
  const second = notifierWith(stateDir, clock, [fresh]);
  await second.notifier.whenIdle();
  assert.equal(fresh.received.length, 0, 'nothing is sent again after the reload');
});
