// Keeps secrets out of anything printed: check-config output, logs, channel error messages.
import { isSecretKeyName } from './secret-keys.js';

export const REDACTED = '***';

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
const SECRET_QUERY = /([?&;](?:key|access_token|token|apikey|api_key|secret|password|sig|signature)=)[^&#\s"']*/gi;

/** `scheme://user:pass@host` -> `scheme://***@host`; `?key=abc` / `access_token=` / `token=` -> `=***`. */
export function redactString(text: string): string {
  return text.replace(URL_CREDENTIALS, `$1${REDACTED}@`).replace(SECRET_QUERY, `$1${REDACTED}`);
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
