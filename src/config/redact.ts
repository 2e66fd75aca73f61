// The one redaction module: check-config output, logs, channel errors, the outbox and state files all go through
// it. Which URL parts carry credentials is written once here (SECRET_PARAMS, SECRET_PATHS) and serves both the
// text rules (redactString) and the per-channel secret lists (urlSecrets).
import { isSecretKeyName } from './secret-keys.js';

export const REDACTED = '***';

/**
 * Query parameters whose value is a credential: API keys, tokens (DingTalk access_token), signatures (DingTalk
 * sign=, which lets anyone who sees it replay the request within the hour) and ServerChan's sendkey.
 */
const SECRET_PARAMS = ['key', 'access_token', 'token', 'apikey', 'api_key', 'secret', 'password', 'sig', 'signature', 'sign', 'sendkey', 'device_key'];

/**
 * Path segments that are credentials: Telegram's /bot<token>/, Feishu's /bot/v2/hook/<token>, ServerChan's
 * /<sendkey>.send, PushPlus's /send/<token>. Each regex captures the secret as group 2, between prefix and suffix.
 */
const SECRET_PATHS: readonly RegExp[] = [
  /(\/bot)(\d+:[\w-]+)(?=[/?#\s"']|$)/g,
  /(\/hook\/)([\w-]{8,})(?=[/?#\s"']|$)/g,
  /(\/)((?:SCT|sctp)[\w-]+)(?=\.send)/g,
];

export function isSecretParam(name: string): boolean {
  return SECRET_PARAMS.includes(name.toLowerCase());
}

/** Deep copy with secret values replaced by "***"; strings elsewhere lose URL credentials and token parameters. */
export function redactSecrets<T>(value: T): T {
  return redactNode(value, false) as T;
}

function redactNode(value: unknown, secret: boolean): unknown {
  if (Array.isArray(value)) return value.map((item) => redactNode(item, secret));
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      const childSecret = secret || isSecretKeyName(key) || key.toLowerCase() === 'headers';
      copy[key] = redactNode(child, childSecret);
    }
    return copy;
  }
  if (secret) return value === undefined || value === null || value === '' ? value : REDACTED;
  return typeof value === 'string' ? redactString(value) : value;
}

const URL_CREDENTIALS = /(\b[a-z][a-z0-9+.-]*:\/\/)([^\s/@:]+)(?::[^\s/@]*)?@/gi;
const SECRET_QUERY = new RegExp(`([?&;](?:${SECRET_PARAMS.join('|')})=)[^&#\\s"']*`, 'gi');
/** The same names as JSON members, for request bodies a server echoes back (Feishu's {"sign": ...}). */
const SECRET_JSON_MEMBER = new RegExp(`("(?:${SECRET_PARAMS.join('|')})"\\s*:\\s*")(?:[^"\\\\]|\\\\.)*"`, 'gi');

/** `scheme://user:pass@host` -> `scheme://***@host`; `?key=abc`, `sign=`, `/bot123:abc/` -> `***`. */
export function redactString(text: string): string {
  let result = text
    .replace(URL_CREDENTIALS, `$1${REDACTED}@`)
    .replace(SECRET_QUERY, `$1${REDACTED}`)
    .replace(SECRET_JSON_MEMBER, `$1${REDACTED}"`);
  for (const pattern of SECRET_PATHS) result = result.replace(pattern, `$1${REDACTED}`);
  return result;
}

/**
 * Replaces every occurrence of the given secret strings (e.g. a channel's password and token) in free text, such as
 * an SMTP server's error reply that echoes the login. Also applies the URL rules of redactString.
 */
export function redactText(text: string, secrets: readonly string[]): string {
  // Longest first, so a secret that contains another is replaced whole; very short strings would shred normal text.
  const needles = [...new Set(secrets)].filter((s) => s.length >= 3).sort((a, b) => b.length - a.length);
  let result = text;
  for (const needle of needles) result = result.split(needle).join(REDACTED);
  return redactString(result);
}

/**
 * The credentials inside a URL, for a channel's secrets(): the password (as written, decoded, and as the Basic auth
 * header axios makes of it, which servers echo back), secret query values, and tokens in the path.
 */
export function urlSecrets(url: string): string[] {
  const parsed = new URL(url);
  const found: string[] = [];
  if (parsed.password) {
    const basic = Buffer.from(`${safeDecode(parsed.username)}:${safeDecode(parsed.password)}`).toString('base64');
    found.push(parsed.password, safeDecode(parsed.password), basic);
  }
  for (const [name, value] of parsed.searchParams) {
    if (isSecretParam(name) && value) found.push(value, encodeURIComponent(value));
  }
  for (const pattern of SECRET_PATHS) {
    for (const match of parsed.pathname.matchAll(pattern)) if (match[2]) found.push(match[2]);
  }
  return [...new Set(found)];
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
