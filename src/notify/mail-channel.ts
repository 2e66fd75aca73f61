// The SMTP mail channel: the only file that imports nodemailer. One message per notification, to all recipients
// at once; every failure is sorted into retryable or permanent (as Alertmanager's notify/email does), with a hint the
// user can act on and no secret in the text.
//
// One connection at a time, kept open only while messages follow each other: a backlog (the outbox draining after an
// outage, a burst of alerts) goes out over one SMTP session instead of paying connect, greeting and TLS for every
// message (smtp-server alone holds each greeting 100 ms: 1,000 queued mails took 108 s, see bench/results.md). Alerts
// minutes apart still get a fresh connection each: the pool closes an idle connection after POOL_IDLE_MS, long before
// any server would drop it, so a stale session never turns an alert's first attempt into a "connection closed".
// Retrying is the outbox's job: nodemailer re-queues a message only once, when its connection closed mid-send
// without an error (a server's idle close racing our send); every error reaches classifySmtpError as before.
//
// Each attempt has an overall deadline. nodemailer's timeouts bound each stage and the socket's idle time, but a
// server that trickles its replies a byte at a time is never idle: without a deadline it held the channel (and
// `srvmon test-alert`) forever. The deadline aborts the send through nodemailer's own AbortSignal support, which
// closes that connection; the pool opens a fresh one for the next message.
//
// Recipients are answered one by one (RCPT TO): a refused one is reported by address with the server's reply, and
// only the recipients still waiting for a temporary (4xx) refusal are retried (mail-recipients.ts).
import { createTransport } from 'nodemailer';
import type { Channel, ChannelDeps, Notification, SendResult } from './channel.js';
import type { MailConfig } from './mail-config.js';
import { RecipientLedger, type Refusal } from './mail-recipients.js';
import { htmlBody, subjectOf, textBody } from './notification-text.js';

/** nodemailer waits up to 2 min to connect and 10 min for a reply; an alert must fail fast and be retried. */
export const DEFAULT_MAIL_TIMEOUT_MS = 10_000;
export const ALERT_ID_HEADER = 'X-Srvmon-Alert-Id';
const MAX_ERROR_CHARS = 160;
/**
 * nodemailer's connectionTimeout bounds the whole setup (connect, greeting, STARTTLS) and the socket idle timer starts
 * with the greeting wait; equal values race, and a silent server would randomly be reported as a bare "Timeout"
 * instead of "Greeting never received". The idle timer gets this margin so the setup deadline always speaks first.
 */
const IDLE_MARGIN_MS = 250;
/** An idle pooled connection is closed after this; RFC 5321 servers wait at least 5 min, busy ones often 30-60 s. */
export const POOL_IDLE_MS = 5_000;
/**
 * The whole attempt may take the configured timeout plus this. The margin lets a stage's own timeout, which starts a
 * little later and names what went wrong ("Greeting never received"), speak first when there is one.
 */
export const ATTEMPT_MARGIN_MS = 500;

type SendFailure = Extract<SendResult, { ok: false }>;

export const MAIL_HINTS = {
  auth: 'check channels.mail.user and pass; QQ Mail and 163 want the SMTP authorization code, not the login password',
  tls: 'set channels.mail.tls.ca to your CA, or check host (the certificate must name it)',
  tlsMode: 'check channels.mail.port and secure: port 465 wants secure: true, port 587 wants secure: false (STARTTLS)',
  noStartTls: 'the server does not offer STARTTLS: use port 465 with secure: true, or check host and port',
  rejected: 'the server refused the message: check channels.mail.from (must be the account\'s own address) and to',
  recipient: 'the server refused this recipient: check channels.mail.to ("relay access denied": set user and pass)',
  size: 'the server refused the message size or the mailbox is full: check channels.mail.to',
  envelope: 'check channels.mail.from and to',
  setupTimeout: 'no SMTP session in time: check channels.mail.host, port and secure (465 = true, 587 = false), and the firewall',
  slow: 'the SMTP server answers too slowly: check channels.mail.host and port, or raise channels.mail.timeout',
} as const;

export function createMailChannel(config: MailConfig, deps: ChannelDeps): Channel {
  const timeoutMs = config.timeoutMs ?? deps.timeoutMs ?? DEFAULT_MAIL_TIMEOUT_MS;
  const transporter = createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    requireTLS: config.requireTLS,
    ...(config.authMethod ? { authMethod: config.authMethod } : {}),
    ...(config.auth ? { auth: { user: config.auth.user, pass: config.auth.pass } } : {}),
    tls: {
      rejectUnauthorized: config.tls.rejectUnauthorized,
      ...(config.tls.ca ? { ca: config.tls.ca } : {}),
    },
    pool: true,
    maxConnections: 1,
    // Below the socket's own idle timeout too, so our clean QUIT always comes before a timeout error.
    idleTimeout: Math.min(POOL_IDLE_MS, timeoutMs),
    maxRequeues: 1,
    // A connection we close is done with: destroy its socket at once rather than wait up to 5 s for the server to
    // close its side, so a stalling server never keeps a socket (or `srvmon test-alert`) alive.
    socketCloseTimeout: 0,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs + IDLE_MARGIN_MS,
    dnsTimeout: timeoutMs,
    // Our own output reports failures; nodemailer's logger would print server replies (and, in debug, AUTH lines).
    logger: false,
    debug: false,
    // Messages are built from alert text only: never let content reach into files or URLs.
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  const secretTexts = secretVariants(config.auth);
  const ledger = new RecipientLedger(config.to.map((a) => a.address));
  const deadlineMs = timeoutMs + ATTEMPT_MARGIN_MS;

  return {
    name: 'mail',
    async send(notification: Notification): Promise<SendResult> {
      const { id } = notification;
      const pending = ledger.pending(id);
      // Real time, like nodemailer's own timeouts: this bounds a network exchange, not a schedule.
      const signal = AbortSignal.timeout(deadlineMs);
      let info: { accepted?: unknown; rejected?: unknown; rejectedErrors?: unknown };
      try {
        info = await transporter.sendMail({
          from: config.from,
          // The header always names every recipient; a retry for some of them narrows only the envelope.
          to: config.to,
          ...(pending.length < config.to.length ? { envelope: { from: config.from.address, to: pending } } : {}),
          subject: subjectOf(notification, config.subjectPrefix),
          text: textBody(notification),
          html: htmlBody(notification),
          date: new Date(deps.clock.nowMs()),
          messageId: messageIdOf(notification.id, config.from.address),
          headers: { [ALERT_ID_HEADER]: oneLine(notification.id) },
          signal,
        });
      } catch (e: unknown) {
        if (signal.aborted && fieldsOf(e).code === 'EABORT') return ledger.failed(id, attemptTimeout(timeoutMs));
        // Every recipient refused: nodemailer throws, with each refusal on the error.
        const refusals = refusalsOf(e, secretTexts);
        if (refusals.length > 0) return ledger.record(id, { accepted: [], refusals });
        return ledger.failed(id, classifySmtpError(e, secretTexts));
      }
      return ledger.record(id, { accepted: stringsOf(info.accepted), refusals: refusalsOf(info, secretTexts) });
    },
    // The user name is an address, printed in From anyway; only the password is secret.
    secrets: () => (config.auth ? [config.auth.pass] : []),
    async close() {
      // force: a delivery still under way (none, when the worker stopped first) is ended, not waited for.
      transporter.close({ force: true });
    },
  };
}

/** The deadline passed: retryable like any timeout, in the same "CODE (KIND): text" shape as nodemailer's. */
function attemptTimeout(timeoutMs: number): SendFailure {
  const seconds = `${Number((timeoutMs / 1000).toFixed(1))}s`;
  return {
    ok: false,
    retryable: true,
    error: `ETIMEDOUT (ATTEMPT_TIMEOUT): the SMTP exchange did not finish within the ${seconds} timeout`,
    hint: MAIL_HINTS.slow,
  };
}

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The recipients nodemailer reports as refused (`rejected`), each with its RCPT TO reply (`rejectedErrors`). */
function refusalsOf(source: unknown, secrets: readonly string[]): Refusal[] {
  if (typeof source !== 'object' || source === null) return [];
  const record = source as Record<string, unknown>;
  const errors = Array.isArray(record.rejectedErrors) ? (record.rejectedErrors as unknown[]) : [];
  return stringsOf(record.rejected).map((address) => {
    const error = errors.find((e) => typeof e === 'object' && e !== null && (e as Record<string, unknown>).recipient === address);
    return { address, failure: classifySmtpError(error ?? new Error('refused by the server'), secrets) };
  });
}

/**
 * Stable across retries and restarts, so a resend after a crash carries the same Message-ID and mail clients and
 * servers can recognise (and often drop) the duplicate. Characters outside a safe subset are =XX-encoded, which
 * keeps distinct ids distinct.
 */
export function messageIdOf(alertId: string, fromAddress: string): string {
  const local = Array.from(alertId, (ch) => (/[A-Za-z0-9._-]/.test(ch) ? ch : encodeChar(ch))).join('');
  const domain = fromAddress.split('@').pop()?.replace(/[^A-Za-z0-9.-]/g, '') || 'srvmon.invalid';
  return `<${local}.srvmon@${domain}>`;
}

function encodeChar(ch: string): string {
  return Array.from(Buffer.from(ch, 'utf8'), (byte) => `=${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}

function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ');
}

/** The password as it could appear in a server echo or a protocol line: plain, base64, and inside AUTH PLAIN. */
function secretVariants(auth: MailConfig['auth']): string[] {
  if (!auth) return [];
  const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
  return [`${auth.user}:${auth.pass}`, b64(`\u0000${auth.user}\u0000${auth.pass}`), b64(auth.pass), auth.pass];
}

function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret !== '') out = out.split(secret).join('***');
  return out;
}

// --- error classification ---

interface SmtpErrorFields {
  code?: string;
  /** The system error code nodemailer replaced with its own (ECONNREFUSED under ECONNECTION). */
  originalCode?: string;
  /** Which ETIMEDOUT: CONNECT_TIMEOUT, GREETING_TIMEOUT, UPGRADE_TIMEOUT (setup) or SOCKET_TIMEOUT (idle). */
  timeoutType?: string;
  responseCode?: number;
  command?: string;
  response?: string;
  message: string;
}

function fieldsOf(e: unknown): SmtpErrorFields {
  if (!(e instanceof Error)) return { message: String(e) };
  const record = e as Error & Record<string, unknown>;
  const text = (key: string) => (typeof record[key] === 'string' ? (record[key] as string) : undefined);
  const responseCode = typeof record.responseCode === 'number' ? record.responseCode : undefined;
  return {
    code: text('code'),
    originalCode: text('originalCode'),
    timeoutType: text('timeoutType'),
    responseCode,
    command: text('command'),
    response: text('response'),
    message: e.message,
  };
}

/** Node's codes for a certificate the client refused. */
const CERT_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_REVOKED',
  'CERT_SIGNATURE_FAILURE',
  'INVALID_CA',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'HOSTNAME_MISMATCH',
]);
// After STARTTLS nodemailer rewraps the TLS error as a new Error and only the message survives.
const CERT_MESSAGE =
  /self[- ]signed certificate|unable to verify the first certificate|unable to get (?:local )?issuer certificate|certificate has expired|certificate is not yet valid|Hostname\/IP does not match|altnames/i;
const TLS_MODE_CODES = new Set(['ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG', 'EPROTO']);
const SETUP_TIMEOUTS = new Set(['CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'UPGRADE_TIMEOUT']);
const AUTH_CODES = new Set([530, 534, 535]);
const SIZE_CODES = new Set([552]);
const REJECT_CODES = new Set([550, 551, 553, 554]);
/** Failures of the connection itself: the same message may go through later. */
const NETWORK_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'EPROTOCOL']);

/**
 * Retryable or permanent, with a short secret-free error and, when the user can fix it, a hint. Exported for
 * unit tests; the order matters: a certificate error also arrives as a socket error, an auth reply as a 5xx.
 */
export function classifySmtpError(e: unknown, secrets: readonly string[] = []): SendFailure {
  const f = fieldsOf(e);
  const error = scrub(describe(f), secrets);
  const fail = (retryable: boolean, hint?: string): SendFailure => (hint ? { ok: false, retryable, error, hint } : { ok: false, retryable, error });

  if ((f.originalCode && CERT_CODES.has(f.originalCode)) || (f.code && CERT_CODES.has(f.code)) || CERT_MESSAGE.test(f.message)) {
    return fail(false, MAIL_HINTS.tls);
  }
  if ((f.originalCode && TLS_MODE_CODES.has(f.originalCode)) || /wrong version number|packet length too long/i.test(f.message)) {
    return fail(false, MAIL_HINTS.tlsMode);
  }
  if (f.command === 'STARTTLS' && f.responseCode !== undefined && f.responseCode >= 500) return fail(false, MAIL_HINTS.noStartTls);
  if (f.responseCode !== undefined) {
    if (AUTH_CODES.has(f.responseCode)) return fail(false, MAIL_HINTS.auth);
    // 4xx: "try again later" by definition (421 closing, 450 mailbox busy, 451 local error, 452 storage).
    if (f.responseCode >= 400 && f.responseCode < 500) return fail(true);
    if (SIZE_CODES.has(f.responseCode)) return fail(false, MAIL_HINTS.size);
    if (f.command === 'RCPT TO' && f.responseCode >= 500 && f.responseCode !== 503) return fail(false, MAIL_HINTS.recipient);
    if (REJECT_CODES.has(f.responseCode)) return fail(false, MAIL_HINTS.rejected);
    // 503 bad sequence is a session hiccup, not a verdict on the message (as nodemailer's isPermanentResponseCode).
    if (f.responseCode === 503) return fail(true);
    if (f.responseCode >= 500) return fail(false, f.code === 'EAUTH' ? MAIL_HINTS.auth : undefined);
  }
  if (f.code === 'EAUTH' || f.code === 'ENOAUTH') return fail(false, MAIL_HINTS.auth);
  if (f.code === 'EENVELOPE' || f.code === 'EMESSAGE') return fail(false, MAIL_HINTS.envelope);
  if (f.code === 'ETIMEDOUT' && f.timeoutType && SETUP_TIMEOUTS.has(f.timeoutType)) return fail(true, MAIL_HINTS.setupTimeout);
  if (f.code && NETWORK_CODES.has(f.code)) return fail(true);
  // Unknown: retry, bounded by the outbox's retry limit; a lost alert is worse than a duplicate attempt.
  return fail(true);
}

/** "SMTP 535 at AUTH PLAIN: 5.7.8 authentication failed" or "ESOCKET (ECONNREFUSED): connect ECONNREFUSED ...". */
function describe(f: SmtpErrorFields): string {
  let text: string;
  if (f.responseCode !== undefined) {
    const reply = firstLine(f.response ?? '').replace(/^\d{3}[ -]?/, '');
    text = `SMTP ${f.responseCode}${f.command ? ` at ${f.command}` : ''}: ${reply || firstLine(f.message)}`;
  } else {
    const detail = f.originalCode ?? f.timeoutType;
    const code = f.code ? `${f.code}${detail ? ` (${detail})` : ''}: ` : '';
    text = `${code}${firstLine(f.message)}`;
  }
  return text.length <= MAX_ERROR_CHARS ? text : `${text.slice(0, MAX_ERROR_CHARS - 1)}…`;
}

function firstLine(text: string): string {
  return (text.split(/\r?\n/)[0] ?? '').trim();
}
