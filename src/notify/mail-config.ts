// Schema of channels.mail. Parsing resolves everything the mail channel needs (service shorthand, port/secure
// defaults, STARTTLS policy, the CA file, the timeout), so mail-channel.ts gets plain values and config mistakes
// are reported at startup with the key, not at 3 a.m. as a failed alert.
//
// TLS policy, decided here once:
// - secure: true  -> implicit TLS from the first byte (port 465, what QQ Mail, 163 and Gmail document).
// - secure: false -> plain connect, then STARTTLS whenever the server offers it (nodemailer's default). The upgrade
//   is REQUIRED (requireTLS: sending fails instead of going on in plaintext) on port 587, the submission port where
//   every provider offers it, and whenever user/pass are set, so that a downgraded connection never carries the
//   password. Only an unauthenticated relay on another port (a local postfix on 25) may stay in plaintext.
// - Certificates are always verified; tls.ca adds a private CA. tls.rejectUnauthorized: false switches verification
//   off and is INSECURE (anyone on the path can read the password and the alerts): for a quick test only.
import { readFileSync } from 'node:fs';
import services from 'nodemailer/lib/well-known/services.json' with { type: 'json' };
import { z } from 'zod';
import { durationField } from '../config/duration-field.js';
import { closestMatch } from '../config/did-you-mean.js';
import { DEFAULT_SUBJECT_PREFIX } from './notification-text.js';

export const SECURE_PORT = 465;
export const SUBMISSION_PORT = 587;
const MIN_TIMEOUT_MS = 1000;
const MAX_TIMEOUT_MS = 10 * 60_000;

export interface MailAddress {
  /** Display name, '' when none was written. */
  name: string;
  address: string;
}

interface WellKnownService {
  host?: string;
  port?: number;
  secure?: boolean;
  requireTLS?: boolean;
  authMethod?: string;
  aliases?: string[];
}

// One entry ("qiye.aliyun") writes its port as text, so the JSON is read as unknown and each port normalised.
const SERVICES: Record<string, WellKnownService> = Object.fromEntries(
  Object.entries(services as unknown as Record<string, WellKnownService & { port?: number | string }>).map(([name, s]) => [
    name,
    { ...s, port: s.port === undefined ? undefined : Number(s.port) },
  ]),
);

/** Same normalisation as nodemailer's well-known lookup, so "qq", "QQ" and "Google Mail" all match. */
function serviceKey(name: string): string {
  return name.replace(/[^a-zA-Z0-9.-]/g, '').toLowerCase();
}

const SERVICE_BY_KEY = new Map<string, { name: string; settings: WellKnownService }>();
for (const [name, settings] of Object.entries(SERVICES)) {
  for (const alias of [name, ...(settings.aliases ?? [])]) SERVICE_BY_KEY.set(serviceKey(alias), { name, settings });
}

/** Listed first in the error because they are what our users pick. */
const POPULAR_SERVICES = ['QQ', 'QQex', '163', '126', 'Aliyun', 'Gmail', 'Outlook365'].filter((name) => name in SERVICES);

/** "QQmail" means "QQ", not "Gmail" (which is closer by edit distance): a known name the input starts with wins. */
function guessService(name: string): string | undefined {
  const key = serviceKey(name);
  const prefixed = Object.keys(SERVICES)
    .filter((known) => key.startsWith(serviceKey(known)))
    .sort((a, b) => b.length - a.length)[0];
  return prefixed ?? closestMatch(name, Object.keys(SERVICES));
}

function unknownServiceMessage(name: string): string {
  const guess = guessService(name);
  const hint = guess ? ` (did you mean ${JSON.stringify(guess)}?)` : '';
  return `is not a known mail service${hint}, {got}; known ones include ${POPULAR_SERVICES.join(', ')} (nodemailer's services.json), or set host and port instead`;
}

// An address is local@domain with no spaces or brackets; deliberately loose, the server has the last word.
const ADDRESS = /^[^\s<>@",;]+@[^\s<>@",;]+$/;
const NAMED_ADDRESS = /^(.*?)\s*<\s*([^<>]*?)\s*>$/;

/** "监控程序 <x@qq.com>", "\"Ops\" <ops@example.com>" or a bare address; undefined when there is no address. */
export function parseMailAddress(text: string): MailAddress | undefined {
  const trimmed = text.trim();
  const named = NAMED_ADDRESS.exec(trimmed);
  const name = named ? (named[1] ?? '').trim().replace(/^"(.*)"$/, '$1') : '';
  const address = named ? (named[2] ?? '') : trimmed;
  return ADDRESS.test(address) ? { name, address } : undefined;
}

/** Splits "a@x.com, \"Doe, J\" <j@y.com>" on commas outside quotes. */
function splitAddressList(text: string): string[] {
  return text
    .split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

const addressText = z.string().transform((text, ctx) => {
  const parsed = parseMailAddress(text);
  if (!parsed) ctx.issues.push({ code: 'custom', message: 'must contain an email address, like "srvmon <alerts@example.com>", {got}', input: text });
  return parsed ?? { name: '', address: '' };
});

const recipients = z
  .union([z.string().transform(splitAddressList), z.array(z.string()).min(1)])
  .transform((list, ctx) => {
    const parsed: MailAddress[] = [];
    for (const text of list) {
      const address = parseMailAddress(text);
      if (address) parsed.push(address);
      else ctx.issues.push({ code: 'custom', message: `must list email addresses; ${JSON.stringify(text)} is not one`, input: list });
    }
    if (list.length === 0) ctx.issues.push({ code: 'custom', message: 'must list at least one address', input: list });
    return parsed;
  });

const PEM_CERT = '-----BEGIN CERTIFICATE-----';

/** PEM text as is; anything else is a file path (relative to the working directory) read once at startup. */
const caText = z.string().transform((value, ctx) => {
  if (value.includes(PEM_CERT)) return value;
  let text: string;
  try {
    text = readFileSync(value, 'utf8');
  } catch (e: unknown) {
    const code = e instanceof Error && 'code' in e ? String(e.code) : 'unreadable';
    ctx.issues.push({ code: 'custom', message: `must be PEM text or a readable file (${code}), {got}`, input: value });
    return z.NEVER;
  }
  if (!text.includes(PEM_CERT)) {
    ctx.issues.push({ code: 'custom', message: `must be PEM text or a file holding a PEM certificate ("${PEM_CERT}"), {got}`, input: value });
    return z.NEVER;
  }
  return text;
});

const timeoutText = durationField({ minMs: MIN_TIMEOUT_MS, maxMs: MAX_TIMEOUT_MS });

export const mailConfigSchema = z
  .strictObject({
    /** SMTP server; required unless `service` names one. */
    host: z.string().trim().min(1).optional(),
    /** @default 465 when secure, else 587 (or the service's port) */
    port: z.int().min(1).max(65535).optional(),
    /** Implicit TLS. @default true on port 465, else false (STARTTLS, see the header comment) */
    secure: z.boolean().optional(),
    /** SMTP login, usually the address itself. Both user and pass, or neither (no AUTH). */
    user: z.string().min(1).optional(),
    /** Password; QQ Mail and 163 want the SMTP authorization code. A secret: write "${SMTP_PASS}". */
    pass: z.string().min(1).optional(),
    from: addressText,
    to: recipients,
    /** nodemailer well-known service ("QQ", "163", "Gmail"): fills host, port and secure not written here. */
    service: z.string().optional(),
    tls: z
      .strictObject({
        /** A private CA, as PEM text or a file path. */
        ca: caText.optional(),
        /** false disables certificate checks: INSECURE, for testing only. @default true */
        rejectUnauthorized: z.boolean().default(true),
      })
      .optional(),
    /**
     * SMTP timeout for each stage (connect, greeting, each reply) and, plus 0.5 s, for the whole attempt, so that a
     * server trickling its replies is cut off too. @default the channel default, 10s
     */
    timeout: timeoutText,
    /** @default "[srvmon]" */
    subjectPrefix: z.string().default(DEFAULT_SUBJECT_PREFIX),
  })
  .transform((c, ctx) => {
    let settings: WellKnownService = {};
    let service: string | undefined;
    if (c.service !== undefined) {
      const found = SERVICE_BY_KEY.get(serviceKey(c.service));
      if (!found) {
        ctx.issues.push({ code: 'custom', message: unknownServiceMessage(c.service), input: c.service, path: ['service'] });
        return z.NEVER;
      }
      settings = found.settings;
      service = found.name;
    }
    const host = c.host ?? settings.host;
    if (host === undefined) {
      const message = service ? `is required (service ${JSON.stringify(service)} has no host)` : 'is required unless service is set';
      ctx.issues.push({ code: 'custom', message, input: undefined, path: ['host'] });
    }
    if ((c.user === undefined) !== (c.pass === undefined)) {
      const missing = c.user === undefined ? 'user' : 'pass';
      const present = missing === 'user' ? 'pass' : 'user';
      ctx.issues.push({ code: 'custom', message: `is required when ${present} is set (give both, or neither for no AUTH)`, input: undefined, path: [missing] });
    }
    if (host === undefined || ctx.issues.length > 0) return z.NEVER;

    // Written values win over the service's: "service: QQ, port: 587" means STARTTLS on 587.
    const port = c.port ?? (c.secure === undefined ? settings.port : undefined) ?? (c.secure ? SECURE_PORT : SUBMISSION_PORT);
    const secure = c.secure ?? (c.port === undefined ? settings.secure : undefined) ?? port === SECURE_PORT;
    const auth = c.user !== undefined && c.pass !== undefined ? { user: c.user, pass: c.pass } : undefined;
    const requireTLS = !secure && (port === SUBMISSION_PORT || auth !== undefined || settings.requireTLS === true);
    return {
      host,
      port,
      secure,
      requireTLS,
      service,
      authMethod: settings.authMethod,
      auth,
      from: c.from,
      to: c.to,
      tls: { ca: c.tls?.ca, rejectUnauthorized: c.tls?.rejectUnauthorized ?? true },
      /** undefined: the channel's default (ChannelDeps.timeoutMs, 10 s). */
      timeoutMs: c.timeout,
      subjectPrefix: c.subjectPrefix,
    };
  });

export type MailConfig = z.output<typeof mailConfigSchema>;
export type MailConfigInput = z.input<typeof mailConfigSchema>;
