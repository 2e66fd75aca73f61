// Values quoted in a message are cut short: a bad 300 MB field must not be echoed whole to a terminal or a journal.
import { terminalSafe } from './terminal-safe.js';

/** What a message quotes at most, in characters. */
export const QUOTE_MAX_CHARS = 60;

/** At most maxChars code points, the last one an ellipsis when something was cut. */
export function cutShort(text: string, maxChars = QUOTE_MAX_CHARS): string {
  // Look at no more than needed: the text may be hundreds of megabytes.
  const head = Array.from(text.slice(0, maxChars * 2 + 2));
  return head.length <= maxChars && text.length <= maxChars * 2 + 2 ? text : `${head.slice(0, maxChars - 1).join('')}…`;
}

/** A JSON value as a message quotes it: cut short, terminal-safe; a list or an object is named, not dumped. */
export function quoteJsonValue(value: unknown): string {
  if (typeof value === 'string') return terminalSafe(cutShort(JSON.stringify(value.slice(0, QUOTE_MAX_CHARS * 2))));
  if (Array.isArray(value)) return 'a list';
  if (value !== null && typeof value === 'object') return 'an object';
  return terminalSafe(cutShort(String(value)));
}
