// Against a real SMTP server (smtp-server) on 127.0.0.1, ephemeral ports, fixture certificates: what the server
// receives is parsed back with mailparser, and every failure mode is produced for real, not mocked.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerOptions, type SMTPServerSession } from 'smtp-server';
import { FakeClock } from '../../src/clock.js';
import type { Channel, Notification, SendResult } from '../../src/notify/channel.js';
import { ALERT_ID_HEADER, ATTEMPT_MARGIN_MS, MAIL_HINTS, classifySmtpError, createMailChannel, messageIdOf } from '../../src/notify/mail-channel.js';
import { mailConfigSchema, type MailConfigInput } from '../../src/notify/mail-config.js';
import type { AlertEvent } from '../../src/types.js';
import { DribbleSmtp } from '../helpers/smtp-dribble.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../../test/fixtures/tls/${name}`, import.meta.url));
const TRUSTED = { key: readFileSync(fixture('server.key')), cert: readFileSync(fixture('server.crt')) };
const SELF_SIGNED = { key: readFileSync(fixture('self-signed.key')), cert: readFileSync(fixture('self-signed.crt')) };

const USER = 'alerts@example.com';
const PASS = 'S3cret-Auth-Code-9z';
const T0 = Date.UTC(2026, 0, 1, 0, 0, 0);

// --- helpers: servers that are always closed, channels that are always closed ---

const cleanups: (() => Promise<void>)[] = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

interface Delivered {
  mail: ParsedMail;
  envelopeTo: string[];
  secure: boolean;
}

interface TestServer {
  port: number;
  delivered: Delivered[];
  authMethods: string[];
}

type DataReply = (session: SMTPServerSession) => Error | null;

async function startSmtp(options: Partial<SMTPServerOptions> & { reply?: DataReply } = {}, port = 0): Promise<TestServer> {
  const delivered: Delivered[] = [];
  const authMethods: string[] = [];
  const { reply, ...serverOptions } = options;
  const server = new SMTPServer({
    logger: false,
    authOptional: true,
    ...serverOptions,
    onAuth(auth, _session, callback) {
      authMethods.push(auth.method);
      if (auth.username === USER && auth.password === PASS) return callback(null, { user: auth.username });
      return callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const refusal = reply?.(session) ?? null;
        if (refusal) return callback(refusal);
        simpleParser(Buffer.concat(chunks)).then(
          (mail) => {
            delivered.push({ mail, envelopeTo: session.envelope.rcptTo.map((r) => r.address), secure: session.secure });
            callback();
          },
          (e: unknown) => callback(e instanceof Error ? e : new Error(String(e))),
        );
      });
    },
  });
  // A client that refuses our certificate makes the server emit 'error'; that is the test's point, not a crash.
  server.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const address = server.server.address();
  assert.ok(address && typeof address === 'object');
  return { port: address.port, delivered, authMethods };
}

function smtpError(responseCode: number, text: string): Error {
  return Object.assign(new Error(text), { responseCode });
}

function channelFor(input: Partial<MailConfigInput> & { port: number }): Channel {
  const config = mailConfigSchema.parse({
    host: '127.0.0.1',
    from: '监控程序 <alerts@example.com>',
    to: ['ops@example.com', 'Oncall <oncall@example.org>'],
    timeout: '5s',
    ...input,
  });
  const channel = createMailChannel(config, { clock: new FakeClock(T0) });
  cleanups.push(async () => channel.close?.());
  return channel;
}

function notification(overrides: Partial<AlertEvent> = {}): Notification {
  const event: AlertEvent = {
    type: 'alert',
    id: 'evt-20260101-cpu-1',
    timeMs: T0,
    rule: 'cpu',
    kind: 'cpu',
    state: 'firing',
    severity: 'critical',
    value: 97.25,
    threshold: 95,
    window: 3,
    notify: true,
    muted: false,
    message: 'CPU usage 97.3% <script>alert(1)</script> is above the critical level 95%',
    sinceMs: T0,
    ...overrides,
  };
  return { id: event.id, event, host: 'web-1', locale: 'en' };
}

function failure(result: SendResult): Extract<SendResult, { ok: false }> {
  assert.equal(result.ok, false, 'expected the send to fail');
  if (result.ok) throw new Error('unreachable');
  return result;
}

function addresses(field: AddressObject | AddressObject[] | undefined): { name: string; address: string | undefined }[] {
  return [field ?? []].flat().flatMap((group) => group.value.map((a) => ({ name: a.name, address: a.address })));
}

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const address = probe.address();
  assert.ok(address && typeof address === 'object');
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return address.port;
}

function assertDelivered(d: Delivered | undefined): void {
  assert.ok(d, 'nothing delivered');
  const { mail } = d;
  assert.deepEqual(addresses(mail.from), [{ name: '监控程序', address: 'alerts@example.com' }]);
  assert.deepEqual(addresses(mail.to), [
    { name: '', address: 'ops@example.com' },
    { name: 'Oncall', address: 'oncall@example.org' },
  ]);
  assert.deepEqual(d.envelopeTo, ['ops@example.com', 'oncall@example.org'], 'one message to all recipients');
  assert.equal(mail.subject, '[srvmon] web-1: CRITICAL CPU firing');
  assert.ok(mail.text?.startsWith('CPU usage 97.3% <script>alert(1)</script> is above the critical level 95%\n'));
  assert.match(mail.text ?? '', /^Alert id: evt-20260101-cpu-1$/m);
  assert.equal(typeof mail.html, 'string');
  const html = mail.html || '';
  assert.ok(html.includes('CPU usage 97.3% &lt;script&gt;alert(1)&lt;/script&gt; is above'));
  assert.doesNotMatch(html, /<script/);
  assert.equal(mail.headers.get(ALERT_ID_HEADER.toLowerCase()), 'evt-20260101-cpu-1');
  assert.equal(mail.messageId, '<evt-20260101-cpu-1.srvmon@example.com>');
  assert.equal(mail.date?.getTime(), T0, 'Date comes from the injected clock');
  const contentType = mail.headers.get('content-type');
  assert.ok(contentType && typeof contentType === 'object' && 'value' in contentType);
  assert.equal(contentType.value, 'multipart/alternative');
}

// --- real deliveries ---

describe('mail channel against a real SMTP server', () => {
  test('(1) implicit TLS, the private CA trusted through tls.ca (a file path)', async () => {
    const server = await startSmtp({ secure: true, ...TRUSTED });
    const channel = channelFor({ port: server.port, secure: true, tls: { ca: fixture('ca.crt') } });
    assert.deepEqual(await channel.send(notification()), { ok: true });
    assert.equal(server.delivered.length, 1);
    assertDelivered(server.delivered[0]);
    assert.equal(server.delivered[0]?.secure, true);
  });

  for (const method of ['PLAIN', 'LOGIN'] as const) {
    test(`(2) STARTTLS with AUTH ${method}`, async () => {
      const server = await startSmtp({ secure: false, ...TRUSTED, authMethods: [method], authOptional: false });
      const ca = readFileSync(fixture('ca.crt'), 'utf8');
      const channel = channelFor({ port: server.port, secure: false, user: USER, pass: PASS, tls: { ca } });
      assert.deepEqual(await channel.send(notification()), { ok: true });
      assert.deepEqual(server.authMethods, [method]);
      assert.equal(server.delivered.length, 1);
      assert.equal(server.delivered[0]?.secure, true, 'upgraded with STARTTLS before AUTH and DATA');
      assertDelivered(server.delivered[0]);
    });
  }

  test('(2b) with user/pass, a server without STARTTLS is refused rather than sent the password in clear', async () => {
    const server = await startSmtp({ secure: false, hideSTARTTLS: true, disabledCommands: ['STARTTLS'], allowInsecureAuth: true });
    const channel = channelFor({ port: server.port, secure: false, user: USER, pass: PASS });
    const result = failure(await channel.send(notification()));
    assert.equal(result.retryable, false);
    assert.equal(result.hint, MAIL_HINTS.noStartTls);
    assert.deepEqual(server.authMethods, [], 'no AUTH attempted');
    assert.equal(server.delivered.length, 0);
  });

  test('(3) wrong password: permanent, with the authorization-code hint, and no password in the text', async () => {
    const server = await startSmtp({ secure: true, ...TRUSTED, authOptional: false });
    const wrong = 'Wr0ng-Passw0rd-xyz';
    const channel = channelFor({ port: server.port, secure: true, user: USER, pass: wrong, tls: { ca: fixture('ca.crt') } });
    const result = failure(await channel.send(notification()));
    assert.equal(result.retryable, false);
    assert.match(result.error, /^SMTP 535 at AUTH PLAIN: /);
    assert.equal(result.hint, MAIL_HINTS.auth);
    const everything = JSON.stringify(result);
    for (const secret of [wrong, Buffer.from(wrong).toString('base64'), Buffer.from(`\0${USER}\0${wrong}`).toString('base64')]) {
      assert.ok(!everything.includes(secret), `secret ${secret} leaked: ${everything}`);
    }
    assert.deepEqual(channel.secrets(), [wrong]);
    assert.equal(server.delivered.length, 0);
  });

  test('(4) server down is retryable; once a server listens on that port the same send is delivered', async () => {
    const port = await freePort();
    const channel = channelFor({ port, secure: false, tls: { ca: fixture('ca.crt') } });
    const down = failure(await channel.send(notification()));
    assert.equal(down.retryable, true);
    // nodemailer 10 reports it as ESOCKET, older versions as ECONNECTION: the system code is what matters.
    assert.match(down.error, /^E[A-Z]+ \(ECONNREFUSED\): connect ECONNREFUSED 127\.0\.0\.1:/);
    assert.equal(down.hint, undefined);

    const server = await startSmtp({ secure: false, ...TRUSTED }, port);
    assert.equal(server.port, port);
    assert.deepEqual(await channel.send(notification()), { ok: true });
    assertDelivered(server.delivered[0]);
  });

  test('(5) 452 at DATA is retryable', async () => {
    const server = await startSmtp({ secure: true, ...TRUSTED, reply: () => smtpError(452, 'Insufficient system storage') });
    const channel = channelFor({ port: server.port, secure: true, tls: { ca: fixture('ca.crt') } });
    const result = failure(await channel.send(notification()));
    assert.equal(result.retryable, true);
    assert.equal(result.error, 'SMTP 452 at DATA: Insufficient system storage');
  });

  test('(6) 552 at DATA is permanent, with a hint', async () => {
    const server = await startSmtp({ secure: true, ...TRUSTED, reply: () => smtpError(552, 'Mailbox full') });
    const channel = channelFor({ port: server.port, secure: true, tls: { ca: fixture('ca.crt') } });
    const result = failure(await channel.send(notification()));
    assert.equal(result.retryable, false);
    assert.equal(result.error, 'SMTP 552 at DATA: Mailbox full');
    assert.equal(result.hint, MAIL_HINTS.size);
  });

  test('(7) an untrusted self-signed certificate without tls.ca is permanent, with the tls hint (TLS and STARTTLS)', async () => {
    const implicit = await startSmtp({ secure: true, ...SELF_SIGNED });
    const viaImplicit = failure(await channelFor({ port: implicit.port, secure: true }).send(notification()));
    assert.equal(viaImplicit.retryable, false);
    assert.equal(viaImplicit.hint, MAIL_HINTS.tls);
    assert.match(viaImplicit.error, /self-signed certificate/);

    const starttls = await startSmtp({ secure: false, ...SELF_SIGNED });
    const viaStartTls = failure(await channelFor({ port: starttls.port, secure: false }).send(notification()));
    assert.equal(viaStartTls.retryable, false);
    assert.equal(viaStartTls.hint, MAIL_HINTS.tls);
    assert.match(viaStartTls.error, /self-signed certificate/);

    // The trusted CA does not vouch for a different self-signed certificate either.
    const withCa = failure(await channelFor({ port: implicit.port, secure: true, tls: { ca: fixture('ca.crt') } }).send(notification()));
    assert.equal(withCa.hint, MAIL_HINTS.tls);
    assert.equal(implicit.delivered.length + starttls.delivered.length, 0);
  });

  test('(8) a server that never greets fails in seconds with timeout "1s", retryable', async () => {
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {});
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    cleanups.push(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    });
    const address = silent.address();
    assert.ok(address && typeof address === 'object');

    const channel = channelFor({ port: address.port, secure: false, timeout: '1s' });
    const startMs = performance.now();
    const result = failure(await channel.send(notification()));
    const elapsedMs = performance.now() - startMs;
    assert.equal(result.retryable, true);
    assert.equal(result.error, 'ETIMEDOUT (GREETING_TIMEOUT): Greeting never received');
    assert.equal(result.hint, MAIL_HINTS.setupTimeout);
    assert.ok(elapsedMs < 5000, `took ${Math.round(elapsedMs)} ms; nodemailer's default would be 30 s`);
    assert.ok(elapsedMs >= 900, `took ${Math.round(elapsedMs)} ms, before the 1 s timeout`);
  });
});

/** The promise's value, or a failure naming the wait if it is still pending after ms (a hang fails fast). */
async function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`still pending after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, guard]);
  } finally {
    clearTimeout(timer);
  }
}

describe('mail channel: an attempt has an overall deadline', () => {
  test('(9) a server trickling its replies 1 byte/s is cut off at timeout + margin: retryable, socket destroyed, next send works', async () => {
    const dribble = await new DribbleSmtp().start();
    cleanups.push(() => dribble.stop());
    const channel = channelFor({ port: dribble.port, secure: false, timeout: '1s' });

    const startMs = performance.now();
    const result = failure(await within(channel.send(notification()), 5000));
    const elapsedMs = performance.now() - startMs;
    assert.equal(result.retryable, true);
    assert.equal(result.error, 'ETIMEDOUT (ATTEMPT_TIMEOUT): the SMTP exchange did not finish within the 1s timeout');
    assert.equal(result.hint, MAIL_HINTS.slow);
    assert.ok(elapsedMs >= 1000, `took ${Math.round(elapsedMs)} ms, before the 1 s timeout`);
    assert.ok(elapsedMs < 1000 + ATTEMPT_MARGIN_MS + 500, `took ${Math.round(elapsedMs)} ms`);
    // The server ignores a FIN and keeps trickling: the socket closes only because the client destroyed it.
    await dribble.allClosed(500);

    // The pool is not wedged: the next attempt opens a fresh connection and is delivered.
    dribble.slow = false;
    assert.deepEqual(await within(channel.send(notification()), 5000), { ok: true });
    assert.equal(dribble.messages.length, 1);
    await channel.close?.();
    await dribble.allClosed(1000);
  });
});

describe('mail channel: recipients refused at RCPT TO', () => {
  type Verdict = (address: string, attempt: number) => Error | null;
  /** A TLS server that answers RCPT TO with `verdict` (attempt counts RCPTs per address, from 1). */
  async function refusingServer(verdict: Verdict): Promise<TestServer> {
    const rcpts = new Map<string, number>();
    return startSmtp({
      secure: true,
      ...TRUSTED,
      onRcptTo(address, _session, callback) {
        const attempt = (rcpts.get(address.address) ?? 0) + 1;
        rcpts.set(address.address, attempt);
        callback(verdict(address.address, attempt) ?? undefined);
      },
    });
  }
  const tlsChannel = (port: number, to?: string[]) => channelFor({ port, secure: true, tls: { ca: fixture('ca.crt') }, ...(to ? { to } : {}) });
  const noSuchUser = (address: string) => smtpError(550, `5.1.1 <${address}>: Recipient address rejected: User unknown`);
  const mailboxBusy = (address: string) => smtpError(450, `4.2.1 <${address}>: Mailbox busy, try again later`);

  test('(10a) one of two refused with 550: a permanent partial failure naming the address, the reply and a hint', async () => {
    const server = await refusingServer((a) => (a === 'oncall@example.org' ? noSuchUser(a) : null));
    const result = failure(await tlsChannel(server.port).send(notification()));
    assert.deepEqual(result, {
      ok: false,
      retryable: false,
      error: 'to oncall@example.org: SMTP 550 at RCPT TO: 5.1.1 <oncall@example.org>: Recipient address rejected: User unknown (1 of 2 recipients got it)',
      hint: MAIL_HINTS.recipient,
    });
    assert.deepEqual(server.delivered.map((d) => d.envelopeTo), [['ops@example.com']]);
  });

  test('(10b) 450 for one recipient: retryable, and the retry goes to that recipient only, with the same message', async () => {
    const server = await refusingServer((a, attempt) => (a === 'oncall@example.org' && attempt === 1 ? mailboxBusy(a) : null));
    const channel = tlsChannel(server.port);
    const first = failure(await channel.send(notification()));
    assert.equal(first.retryable, true);
    assert.equal(first.error, 'to oncall@example.org: SMTP 450 at RCPT TO: 4.2.1 <oncall@example.org>: Mailbox busy, try again later (1 of 2 recipients got it)');
    assert.equal(first.hint, undefined);
    assert.deepEqual(await channel.send(notification()), { ok: true });
    assert.deepEqual(server.delivered.map((d) => d.envelopeTo), [['ops@example.com'], ['oncall@example.org']], 'nobody got it twice');
    for (const { mail } of server.delivered) {
      assert.deepEqual(addresses(mail.to).map((a) => a.address), ['ops@example.com', 'oncall@example.org'], 'To names everyone');
      assert.equal(mail.messageId, '<evt-20260101-cpu-1.srvmon@example.com>');
    }
  });

  test('(10c) every recipient refused with 550: permanent, each address named', async () => {
    const server = await refusingServer((a) => noSuchUser(a));
    const result = failure(await tlsChannel(server.port).send(notification()));
    assert.equal(result.retryable, false);
    assert.equal(result.hint, MAIL_HINTS.recipient);
    assert.match(result.error, /^to ops@example\.com: SMTP 550 at RCPT TO: 5\.1\.1 <ops@example\.com>: .*; to oncall@example\.org: SMTP 550 .* \(0 of 2 recipients got it\)$/);
    assert.equal(server.delivered.length, 0);
  });

  test('(10d) 550 for one, 450 for another: retried for the 450 one only, then a permanent partial failure for the 550 one', async () => {
    const to = ['ops@example.com', 'gone@example.com', 'busy@example.com'];
    const server = await refusingServer((a, attempt) => {
      if (a === 'gone@example.com') return noSuchUser(a);
      if (a === 'busy@example.com' && attempt === 1) return mailboxBusy(a);
      return null;
    });
    const channel = tlsChannel(server.port, to);
    const first = failure(await channel.send(notification()));
    assert.equal(first.retryable, true);
    assert.match(first.error, /^to busy@example\.com: SMTP 450 .*; to gone@example\.com: SMTP 550 .* \(1 of 3 recipients got it\)$/);
    assert.equal(first.hint, MAIL_HINTS.recipient);
    const second = failure(await channel.send(notification()));
    assert.equal(second.retryable, false);
    assert.match(second.error, /^to gone@example\.com: SMTP 550 at RCPT TO: .*User unknown \(2 of 3 recipients got it\)$/);
    assert.deepEqual(server.delivered.map((d) => d.envelopeTo), [['ops@example.com'], ['busy@example.com']]);
  });
});

// --- classification of errors the local server cannot easily produce ---

describe('classifySmtpError', () => {
  const classify = (fields: Record<string, unknown>, message = 'failed') => classifySmtpError(Object.assign(new Error(message), fields));

  test('network and 4xx failures are retryable', () => {
    assert.equal(classify({ code: 'EDNS', originalCode: 'ENOTFOUND' }, 'getaddrinfo ENOTFOUND smtp.example').retryable, true);
    assert.deepEqual(classify({ code: 'ETIMEDOUT', command: 'CONN', timeoutType: 'CONNECT_TIMEOUT' }, 'Connection timeout'), {
      ok: false,
      retryable: true,
      error: 'ETIMEDOUT (CONNECT_TIMEOUT): Connection timeout',
      hint: MAIL_HINTS.setupTimeout,
    });
    assert.deepEqual(classify({ code: 'ETIMEDOUT', command: 'CONN', timeoutType: 'SOCKET_TIMEOUT' }, 'Timeout'), {
      ok: false,
      retryable: true,
      error: 'ETIMEDOUT (SOCKET_TIMEOUT): Timeout',
    });
    assert.equal(classify({ code: 'ESOCKET', originalCode: 'ECONNRESET' }, 'read ECONNRESET').retryable, true);
    assert.equal(classify({ code: 'ETLS' }, 'Error initiating TLS - socket hang up').retryable, true);
    for (const responseCode of [421, 450, 451, 452]) {
      assert.equal(classify({ code: 'EENVELOPE', responseCode, command: 'RCPT TO', response: `${responseCode} try later` }).retryable, true);
    }
  });

  test('auth replies are permanent with the auth hint', () => {
    for (const responseCode of [530, 534, 535]) {
      const result = classify({ code: 'EAUTH', responseCode, command: 'AUTH LOGIN', response: `${responseCode} nope` });
      assert.deepEqual(result, { ok: false, retryable: false, error: `SMTP ${responseCode} at AUTH LOGIN: nope`, hint: MAIL_HINTS.auth });
    }
    assert.equal(classify({ code: 'EAUTH', command: 'API' }, 'Missing credentials for "PLAIN"').hint, MAIL_HINTS.auth);
  });

  test('550-554 are permanent with hints; EENVELOPE without a reply too', () => {
    for (const responseCode of [550, 551, 553, 554]) {
      const result = classify({ code: 'EENVELOPE', responseCode, command: 'MAIL FROM', response: `${responseCode} 5.7.1 refused` });
      assert.equal(result.retryable, false);
      assert.equal(result.hint, MAIL_HINTS.rejected);
    }
    assert.equal(classify({ code: 'EMESSAGE', responseCode: 552, command: 'DATA', response: '552 too big' }).hint, MAIL_HINTS.size);
    assert.deepEqual(classify({ code: 'EENVELOPE', command: 'API' }, 'No recipients defined'), {
      ok: false,
      retryable: false,
      error: 'EENVELOPE: No recipients defined',
      hint: MAIL_HINTS.envelope,
    });
  });

  test('certificate errors are permanent with the tls hint, by code or by message', () => {
    const altname = classify({ code: 'ESOCKET', originalCode: 'ERR_TLS_CERT_ALTNAME_INVALID' }, "Hostname/IP does not match certificate's altnames");
    assert.equal(altname.retryable, false);
    assert.equal(altname.hint, MAIL_HINTS.tls);
    assert.equal(classify({ code: 'ETLS' }, 'Error initiating TLS - certificate has expired').hint, MAIL_HINTS.tls);
    const wrongMode = classify({ code: 'ESOCKET', originalCode: 'ERR_SSL_WRONG_VERSION_NUMBER' }, 'wrong version number');
    assert.deepEqual([wrongMode.retryable, wrongMode.hint], [false, MAIL_HINTS.tlsMode]);
  });

  test('a secret echoed by the server is scrubbed, and the text stays short', () => {
    const result = classifySmtpError(
      Object.assign(new Error('Invalid login'), { code: 'EAUTH', responseCode: 535, command: 'AUTH PLAIN', response: `535 bad password hunter22 ${'x'.repeat(300)}` }),
      ['hunter22'],
    );
    assert.ok(!result.error.includes('hunter22'));
    assert.ok(result.error.startsWith('SMTP 535 at AUTH PLAIN: bad password *** x'));
    assert.ok(result.error.length <= 160);
  });

  test('non-Error values and unknown codes are retryable', () => {
    assert.deepEqual(classifySmtpError('boom'), { ok: false, retryable: true, error: 'boom' });
    assert.equal(classify({ code: 'ESTREAM' }).retryable, true);
  });
});

test('Message-ID is stable per alert id and keeps distinct ids distinct', () => {
  assert.equal(messageIdOf('evt-1', 'x@qq.com'), '<evt-1.srvmon@qq.com>');
  assert.equal(messageIdOf('evt-1', 'x@qq.com'), messageIdOf('evt-1', 'x@qq.com'));
  assert.equal(messageIdOf('a b/监', 'x@qq.com'), '<a=20b=2F=E7=9B=91.srvmon@qq.com>');
  assert.notEqual(messageIdOf('a b', 'x@qq.com'), messageIdOf('a=20b', 'x@qq.com'));
});
