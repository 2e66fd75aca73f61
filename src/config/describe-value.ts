// How a bad value is quoted in an error message: exactly as written, except secrets and long or nested values.
import { redactString } from './redact.js';
import { isSecretPath } from './secret-keys.js';

const MAX_CHARS = 60;

export function describeValue(value: unknown, path: readonly PropertyKey[]): string {
  if (isSecretPath(path)) return '(redacted)';
  if (typeof value === 'string') return truncate(JSON.stringify(redactString(value)));
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  // Nested values might hold secrets under other names; say what it is rather than dumping it.
  if (typeof value === 'object') return 'a section (key: value pairs)';
  if (typeof value === 'function') return 'a function';
  return truncate(String(value));
}

function truncate(text: string): string {
  return text.length <= MAX_CHARS ? text : `${text.slice(0, MAX_CHARS - 1)}…`;
}
