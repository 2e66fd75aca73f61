// Bytes from /proc (a process's comm and argv, which its owner chooses freely) turned into text that is safe to show.
// A process can name itself `\x1b]0;pwned\x07` or put a newline in an argument, and argv need not be UTF-8 at all: every
// control character comes out as a visible escape (`\x1b`, `\n`) and every byte that is not part of valid UTF-8 as
// `\xNN`, so a table row can neither drive the terminal nor split into two rows, and no byte is silently replaced.
// Control characters are escaped by the shared src/text/terminal-safe.ts; this file adds what bytes need.

import { isUtf8 } from 'node:buffer';
import { terminalSafe } from '../text/terminal-safe.js';

// A run of well-formed UTF-8 sequences (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF) over the bytes
// read as latin1 (group 1), else a single byte (group 2), which is then not UTF-8 and becomes \xNN.
const UTF8_OR_BYTE =
  /((?:[\x00-\x7f]|[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2})+)|([\s\S])/g;

/** Bytes as safe text: valid UTF-8 decoded, other bytes as `\xNN`, control characters escaped. */
export function procText(bytes: Uint8Array): string {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The common case costs one native check and one decode.
  if (isUtf8(buffer)) return terminalSafe(buffer.toString('utf8'));
  const latin1 = buffer.toString('latin1');
  const text = latin1.replace(UTF8_OR_BYTE, (_, valid: string | undefined, byte: string | undefined) =>
    valid !== undefined
      ? Buffer.from(valid, 'latin1').toString('utf8')
      : `\\x${byte!.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
  return terminalSafe(text);
}

