// The lines of a trace file, read as a stream so that memory stays flat whatever the file's size.
// Not node:readline: it has no limit on a line's length, and one line of hundreds of megabytes (a bad field, a file
// without newlines) would be gathered into one string, past V8's ~512 MB string limit. Here a line longer than
// maxLineBytes is refused as soon as it gets that long.
import type { Readable } from 'node:stream';

export interface TraceLine {
  /** 1-based. */
  lineNo: number;
  text: string;
}

export class LineTooLongError extends Error {
  constructor(
    readonly lineNo: number,
    readonly maxLineBytes: number,
  ) {
    super(`line ${lineNo} is longer than ${maxLineBytes} bytes`);
  }
}

const NEWLINE = 0x0a;

/** The lines of the input, in batches (those that end in one chunk): one await per chunk, not per line. */
export async function* readLines(input: Readable, maxLineBytes: number): AsyncGenerator<TraceLine[]> {
  let parts: Buffer[] = [];
  let pendingBytes = 0;
  let lineNo = 0;
  for await (const chunk of input as AsyncIterable<Buffer>) {
    const lines: TraceLine[] = [];
    let start = 0;
    while (start < chunk.length) {
      const newline = chunk.indexOf(NEWLINE, start);
      const end = newline === -1 ? chunk.length : newline;
      pendingBytes += end - start;
      if (pendingBytes > maxLineBytes) throw new LineTooLongError(lineNo + 1, maxLineBytes);
      if (newline === -1) {
        parts.push(chunk.subarray(start, end));
        break;
      }
      // Decoded whole: a UTF-8 character split across two chunks stays one character.
      const text = parts.length === 0 ? chunk.toString('utf8', start, end) : Buffer.concat([...parts, chunk.subarray(start, end)], pendingBytes).toString('utf8');
      lines.push({ lineNo: ++lineNo, text });
      parts = [];
      pendingBytes = 0;
      start = newline + 1;
    }
    if (lines.length > 0) yield lines;
  }
  if (pendingBytes > 0) yield [{ lineNo: ++lineNo, text: Buffer.concat(parts, pendingBytes).toString('utf8') }];
}
