// Config files are UTF-8. Read as text with the usual lossy decoding, a Latin-1 "é" becomes U+FFFD without a word,
// inside a password or a mail sender name; so the bytes are checked first and the first bad one is named.
import { isUtf8 } from 'node:buffer';

export interface Utf8Problem {
  /** 0-based offset of the first byte that is not valid UTF-8. */
  byteOffset: number;
  /** 1-based line of that byte. */
  line: number;
}

/** The first invalid byte, or undefined when the bytes are valid UTF-8. */
export function findInvalidUtf8(bytes: Uint8Array): Utf8Problem | undefined {
  if (isUtf8(bytes)) return undefined;
  const byteOffset = firstBadSequence(bytes);
  let line = 1;
  for (let i = 0; i < byteOffset; i++) if (bytes[i] === 0x0a) line++;
  return { byteOffset, line };
}

/**
 * Offset of the sequence that breaks decoding. A prefix decodes in stream mode (a sequence cut at its end may still
 * go on) exactly when it ends before the first bad byte, so a binary search over TextDecoder finds that byte; when
 * the prefix before it ends inside a sequence (a Latin-1 "é" followed by ASCII), that sequence is the culprit.
 */
function firstBadSequence(bytes: Uint8Array): number {
  if (decodes(bytes, true)) return lastSequenceStart(bytes, bytes.length); // only cut short at the very end
  let good = 0;
  let bad = bytes.length;
  while (bad - good > 1) {
    const mid = Math.floor((good + bad) / 2);
    if (decodes(bytes.subarray(0, mid), true)) good = mid;
    else bad = mid;
  }
  return decodes(bytes.subarray(0, good), false) ? good : lastSequenceStart(bytes, good);
}

function decodes(bytes: Uint8Array, stream: boolean): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream });
    return true;
  } catch {
    return false;
  }
}

/** Start of the incomplete sequence ending at end: step back over continuation bytes (10xxxxxx) to its lead byte. */
function lastSequenceStart(bytes: Uint8Array, end: number): number {
  let start = end - 1;
  while (start > 0 && ((bytes[start] as number) & 0xc0) === 0x80) start--;
  return start;
}
