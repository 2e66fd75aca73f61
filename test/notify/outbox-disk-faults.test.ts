// The outbox when the disk says no or holds surprises: an accepted notification whose file cannot be removed leaves
// the queue (once, one warning), files that fail the entry check are set aside, the file an entry was read from is the
// one removed, temp files of unfinished writes are swept at start, and the attempt number survives a crash.
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { FakeClock } from '../../src/clock.js';
import type { Notification, SendResult } from '../../src/notify/channel.js';
import { ScriptedChannel } from '../helpers/scripted-channel.js';
import { alert, filesIn, flush, idle, notifierWith, tempStateDir } from './outbox-fixture.js';

/** Makes a pending file impossible to remove: it becomes a non-empty directory (unlink says EISDIR, even as root). */
function blockRemoval(stateDir: string, channel: string): void {
  for (const name of filesIn(stateDir, 'pending', channel)) {
    const file = join(stateDir, 'outbox', 'pending', channel, name);
    rmSync(file, { recursive: true, force: true });
    mkdirSync(join(file, 'inside'), { recursive: true });
  }
}

test('an accepted notification whose file cannot be removed is sent once, with one warning, and not again after a reload', async () => {
  const stateDir = tempStateDir();
  const clock = new FakeClock();
  const mail = new ScriptedChannel('mail');
  const first = notifierWith(stateDir, clock, [mail]);
  for (let i = 0; i < 2; i++) {
    mail.hold();
    first.notifier.enqueue(alert());
    blockRemoval(stateDir, 'mail');
    mail.release();
    mail.hold(); // a second send (the bug) would wait here instead of spinning
    await idle(first.notifier);
    mail.release();
  }
  assert.equal(mail.received.length, 2, 'each notification sent once');
  assert.deepEqual(first.deliveries.map((d) => [d.ok, d.attempt]), [[true, 1], [true, 1]]);
  assert.equal(first.statuses.get('mail')?.queueDepth, 0);
  const removeWarnings = first.warnings.filter((w) => w.includes('may be sent again after a restart'));
  assert.equal(removeWarnings.length, 1, first.warnings.join('\n'));
  assert.match(removeWarnings[0], /^cannot remove .*outbox\/pending\/mail\/.*\.json from the outbox \(EISDIR\): it was delivered/);

  await first.notifier.stop();
  const fresh = new ScriptedChannel('mail');
  const reloaded = notifierWith(stateDir, clock, [fresh], first.notifier);
  await idle(reloaded.notifier);
  clock.advance(3600_000);
  await idle(reloaded.notifier);
  assert.equal(fresh.received.length, 0, 'a reload does not read back what was delivered');
});

test('a permanently refused notification whose file cannot be moved to failed/ is attempted once, not in a loop', async () => {
  const stateDir = tempStateDir();
  const clock = new FakeClock();
  const webhook = new ScriptedChannel('webhook').always({ ok: false, retryable: false, error: 'HTTP 400' });
  webhook.hold();
  const { notifier, deliveries, warnings } = notifierWith(stateDir, clock, [webhook]);
  notifier.enqueue(alert());
  blockRemoval(stateDir, 'webhook');
  webhook.release();
  webhook.hold();
  await idle(notifier);
  webhook.release();
  assert.equal(webhook.received.length, 1);
  assert.deepEqual(deliveries.map((d) => [d.ok, d.willRetry]), [[false, false]]);
  assert.equal(warnings.filter((w) => w.includes('may be tried again after a restart')).length, 1, warnings.join('\n'));
});

/** Answers after a turn of the event loop, like a real channel: a loop of sends would show up as never idle. */
class NetworkPacedChannel extends ScriptedChannel {
  override async send(notification: Notification): Promise<SendResult> {
    await flush();
    return super.send(notification);
  }
}

test('an outbox that cannot be written: one warning, delivered from memory, retries no faster than the backoff', async () => {
  const blocker = join(tempStateDir(), 'a-file');
  writeFileSync(blocker, 'the state dir cannot be created below a file, even by root');
  const clock = new FakeClock();
  const mail = new NetworkPacedChannel('mail').answer({ ok: false, retryable: true, error: 'ECONNREFUSED' });
  const { notifier, deliveries, warnings } = notifierWith(join(blocker, 'state'), clock, [mail]);
  notifier.enqueue(alert());
  await idle(notifier);
  clock.advance(3749);
  await idle(notifier);
  assert.equal(mail.received.length, 1, 'not retried before its backoff');
  clock.advance(1);
  await idle(notifier);
  assert.deepEqual(deliveries.map((d) => [d.ok, d.attempt]), [[false, 1], [true, 2]]);
  assert.equal(warnings.length, 1, warnings.join('\n'));
  assert.match(warnings[0], /^cannot write the outbox in .* \(ENOTDIR\): notifications are kept in memory only$/);
});

function entryJson(fields: Record<string, unknown>): string {
  const event = alert({ id: String(fields.id) });
  return JSON.stringify({ channel: 'mail', event, host: 'web-1', locale: 'en', createdMs: Date.UTC(2026, 0, 1), attempts: 0, nextAttemptMs: 0, ...fields });
}

test('outbox files are checked when read: bad ones go to bad/ with one warning; a good one under any name is sent once and that file removed', async () => {
  const stateDir = tempStateDir();
  const pending = join(stateDir, 'outbox', 'pending', 'mail');
  mkdirSync(pending, { recursive: true });
  writeFileSync(join(pending, 'copy of an alert.json'), entryJson({ id: 'copied' }));
  writeFileSync(join(pending, 'duplicate.json'), entryJson({ id: 'copied' }));
  const { createdMs: _dropped, ...noCreated } = JSON.parse(entryJson({ id: 'no-created' })) as Record<string, unknown>;
  writeFileSync(join(pending, '000000000000001-no-created.json'), JSON.stringify(noCreated));
  writeFileSync(join(pending, '000000000000002-junk.json'), '{"id": "half a fi');
  writeFileSync(join(pending, '000000000000003-empty.json'), '');
  writeFileSync(join(pending, '000000000000004-elsewhere.json'), entryJson({ id: 'elsewhere', channel: 'wecom' }));

  const clock = new FakeClock();
  const mail = new ScriptedChannel('mail');
  const first = notifierWith(stateDir, clock, [mail]);
  await idle(first.notifier);
  clock.advance(3600_000);
  await idle(first.notifier);
  assert.deepEqual(mail.received.map((r) => r.id), ['copied']);
  assert.deepEqual(filesIn(stateDir, 'pending', 'mail'), [], 'the file the entry was read from is the one removed');
  assert.deepEqual(filesIn(stateDir, 'bad', 'mail'), ['000000000000001-no-created.json', '000000000000002-junk.json', '000000000000003-empty.json', '000000000000004-elsewhere.json', 'duplicate.json']);
  assert.equal(first.warnings.length, 1, first.warnings.join('\n'));
  assert.match(first.warnings[0], /^5 invalid outbox file\(s\) moved to .*outbox\/bad\/mail: 000000000000001-no-created\.json \(createdMs: .*\), 000000000000002-junk\.json \(not JSON\), 000000000000003-empty\.json \(empty file\) and 2 more$/);

  await first.notifier.stop();
  const again = new ScriptedChannel('mail');
  const second = notifierWith(stateDir, clock, [again]);
  await idle(second.notifier);
  assert.equal(again.received.length, 0, 'nothing is sent again at the next start');
  assert.deepEqual(second.warnings, []);
});

test('temp files of unfinished writes are swept at start (both name patterns); a fresh one, maybe a write under way, stays', async () => {
  const stateDir = tempStateDir();
  const pending = join(stateDir, 'outbox', 'pending', 'mail');
  const failed = join(stateDir, 'outbox', 'failed', 'mail');
  mkdirSync(pending, { recursive: true });
  mkdirSync(failed, { recursive: true });
  const old = new Date(Date.now() - 5 * 60_000);
  const leftovers = [join(pending, '000000000000001-a1.json.4242.tmp'), join(pending, '000000000000002-a2.json.Xq81kZ.tmp'), join(failed, '000000000000003-a3.json.77.tmp')];
  for (const file of leftovers) {
    writeFileSync(file, '');
    utimesSync(file, old, old);
  }
  writeFileSync(join(pending, '000000000000004-a4.json.4243.tmp'), '');
  notifierWith(stateDir, new FakeClock(Date.now()), [new ScriptedChannel('mail')]);
  assert.deepEqual(filesIn(stateDir, 'pending', 'mail'), ['000000000000004-a4.json.4243.tmp']);
  assert.deepEqual(filesIn(stateDir, 'failed', 'mail'), []);
});

test('a redelivery after a crash mid-attempt is labelled with its real attempt number, after the backoff', async () => {
  const stateDir = tempStateDir();
  const clock = new FakeClock();
  const hung = new ScriptedChannel('mail');
  hung.hold();
  const crashed = notifierWith(stateDir, clock, [hung]);
  crashed.notifier.enqueue(alert()); // attempt 1 under way when the process dies (never stopped)
  const up = new ScriptedChannel('mail');
  const restarted = notifierWith(stateDir, clock, [up]);
  await idle(restarted.notifier);
  assert.equal(up.received.length, 0, 'no retry at once: the crashed attempt earned a backoff');
  clock.advance(3750);
  await idle(restarted.notifier);
  assert.deepEqual(restarted.deliveries.map((d) => [d.ok, d.attempt]), [[true, 2]]);
});
