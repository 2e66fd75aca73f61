// Bytes from /proc (a process's comm and argv, which its owner chooses freely) turned into text that is safe to show.
// A process can name itself `\x1b]0;pwned\x07` or put a newline in an argument, and argv need not be UTF-8 at all: every
// control character comes out as a visible escape (`\x1b`, `\n`) and every byte that is not part of valid UTF-8 as
// `\xNN`, so a table row can neither drive the terminal nor split into two rows, and no byte is silently replaced.
//
// A minimal stand-in: the escape branch (issue 9 item 17) brings src/text/terminal-safe.ts with the same character
// class; once it is merged, escapeControls() should become its terminalSafe().

import { isUtf8 } from 'node:buffer';

/**
 * What a terminal would act on rather than print: C0 controls and DEL, C1 controls (U+0080-U+009F; U+009B is CSI),
 * line and paragraph separators, bidirectional overrides and isolates, and lone surrogates.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|\p{Cs}/gu;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeChar(ch: string): string {
  const named = NAMED[ch];
  if (named) return named;
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Every control character of text as a visible escape; printable Unicode (CJK included) unchanged. */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE, escapeChar);
}

// One well-formed UTF-8 sequence (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF) over the bytes read
// as latin1, else any single byte (group 1), which is then not UTF-8 and becomes \xNN.
const UTF8_OR_BYTE =
  /([\x00-\x7f]|[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2})|([\s\S])/g;

/** Bytes as safe text: valid UTF-8 decoded, other bytes as `\xNN`, control characters escaped. */
export function procText(bytes: Uint8Array): string {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The common case costs one native check and one decode.
  if (isUtf8(buffer)) return escapeControls(buffer.toString('utf8'));
  const latin1 = buffer.toString('latin1');
  const text = latin1.replace(UTF8_OR_BYTE, (_, valid: string | undefined, byte: string | undefined) =>
    valid !== undefined
      ? Buffer.from(valid, 'latin1').toString('utf8')
      : `\\x${byte!.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
  return escapeControls(text);
}

