// The per-recipient bookkeeping of the mail channel, without a server: who is still pending, what is reported.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SendResult } from '../../src/notify/channel.js';
import { normaliseAddress, RecipientLedger, type Refusal } from '../../src/notify/mail-recipients.js';

type SendFailure = Extract<SendResult, { ok: false }>;
const temporary = (address: string): Refusal => ({ address, failure: { ok: false, retryable: true, error: 'SMTP 450 at RCPT TO: busy' } });
const permanent = (address: string): Refusal => ({
  address,
  failure: { ok: false, retryable: false, error: 'SMTP 550 at RCPT TO: unknown', hint: 'check channels.mail.to' },
});

test('a temporary refusal keeps only that recipient pending; a permanent one is never retried and ends as a failure', () => {
  const ledger = new RecipientLedger(['a@x.com', 'b@x.com', 'c@x.com']);
  assert.deepEqual(ledger.pending('n1'), ['a@x.com', 'b@x.com', 'c@x.com']);
  const first = ledger.record('n1', { accepted: ['a@x.com'], refusals: [temporary('b@x.com'), permanent('c@x.com')] });
  assert.deepEqual(first, {
    ok: false,
    retryable: true,
    error: 'to b@x.com: SMTP 450 at RCPT TO: busy; to c@x.com: SMTP 550 at RCPT TO: unknown (1 of 3 recipients got it)',
    hint: 'check channels.mail.to',
  });
  assert.deepEqual(ledger.pending('n1'), ['b@x.com']);
  assert.deepEqual(ledger.pending('n2'), ['a@x.com', 'b@x.com', 'c@x.com'], 'other notifications are not affected');

  const second = ledger.record('n1', { accepted: ['b@x.com'], refusals: [] }) as SendFailure;
  assert.equal(second.retryable, false, 'partly delivered is a failure, not a success');
  assert.equal(second.error, 'to c@x.com: SMTP 550 at RCPT TO: unknown (2 of 3 recipients got it)');
  assert.deepEqual(ledger.pending('n1'), ['a@x.com', 'b@x.com', 'c@x.com'], 'settled: forgotten');
});

test('every recipient accepted is ok; one configured recipient gets no count; a whole-message failure keeps the progress only while retryable', () => {
  const ledger = new RecipientLedger(['a@x.com', 'b@x.com']);
  assert.deepEqual(ledger.record('n1', { accepted: ['a@x.com', 'b@x.com'], refusals: [] }), { ok: true });

  ledger.record('n2', { accepted: ['a@x.com'], refusals: [temporary('b@x.com')] });
  const network: SendFailure = { ok: false, retryable: true, error: 'ESOCKET: reset' };
  assert.equal(ledger.failed('n2', network), network);
  assert.deepEqual(ledger.pending('n2'), ['b@x.com'], 'a network error does not resend to a@x.com');
  ledger.failed('n2', { ok: false, retryable: false, error: 'SMTP 552 at DATA: too big' });
  assert.deepEqual(ledger.pending('n2'), ['a@x.com', 'b@x.com']);

  const single = new RecipientLedger(['a@x.com']);
  assert.deepEqual(single.record('n3', { accepted: [], refusals: [permanent('a@x.com')] }), { ...permanent('a@x.com').failure, error: 'to a@x.com: SMTP 550 at RCPT TO: unknown' });
});

test('long refusal lists are cut; addresses match whatever case or IDN form the server echoes for the domain', () => {
  const all = ['a@x.com', 'b@x.com', 'c@x.com', 'd@x.com', 'e@x.com'];
  const ledger = new RecipientLedger(all);
  const result = ledger.record('n1', { accepted: [], refusals: all.map(permanent) }) as SendFailure;
  assert.match(result.error, /^to a@x\.com: .*; to c@x\.com: SMTP 550 at RCPT TO: unknown; and 2 more refused \(0 of 5 recipients got it\)$/);

  const idn = new RecipientLedger(['ops@Example.COM', '运维@例子.测试']);
  idn.record('n2', { accepted: ['ops@example.com'], refusals: [temporary('运维@xn--fsqu00a.xn--0zwm56d')] });
  assert.deepEqual(idn.pending('n2'), ['运维@例子.测试']);
  assert.equal(normaliseAddress('Ops@Example.COM'), 'Ops@example.com', 'the local part keeps its case');
});
