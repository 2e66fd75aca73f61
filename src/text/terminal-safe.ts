// Text from outside srvmon (mount points, volume labels, server replies, trace keys) shown to a person: every control
// character is written as a visible escape, so a name cannot set the terminal title (OSC), colour the screen (SGR),
// move the cursor or forge a second log line (\n). Printable Unicode, CJK included, stays as it is.
//
// A backslash is left alone on purpose: the function is then idempotent, so a label escaped in a view model and again
// in the line that shows it never reads `\\x1b`. (It is for reading, not for reversing: use the JSON output for that.)

/**
 * What a terminal would act on rather than print: C0 controls and DEL, C1 controls (U+0080-U+009F; xterm honours
 * them UTF-8 encoded, U+009B is CSI), line and paragraph separators, bidirectional overrides and isolates (they
 * reorder what is shown, "Trojan Source"), and lone surrogates.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|\p{Cs}/gu;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeChar(ch: string): string {
  const named = NAMED[ch];
  if (named) return named;
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `a\x1b]0;t\x07` for a name holding ESC ] 0 ; t BEL; `/mnt/a\nb` for one holding a newline. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, escapeChar);
}

/**
 * One JSON line that is also safe on a terminal. JSON.stringify escapes C0 controls but writes DEL, C1 controls,
 * U+2028/2029 and bidi controls raw; those can only occur inside strings, where `\uXXXX` is the same JSON value.
 */
export function terminalSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
