// Reads a recorded trace: JSON lines, one sample a line, e.g.
//   {"time": "2026-03-01T02:00:00Z", "cpu": 91.2, "memory": 40.1, "disk": {"/": 71}}
// Keys and their ranges are in trace-fields.ts; a missing (or null) metric is a gap. The file is read as a stream,
// line by line, so a trace of any size replays in flat memory. Every problem is a TraceError (exit 65) naming the
// file, the line and the key, with the bad value cut short and shown terminal-safe.
import { createReadStream } from 'node:fs';
import { availableParallelism } from 'node:os';
import { closestMatch, unknownKeyDetail } from '../config/did-you-mean.js';
import { cutShort, quoteJsonValue } from '../text/cut-short.js';
import { terminalSafe } from '../text/terminal-safe.js';
import type { Sample } from '../types.js';
import { CORES, DISK_ENTRY, type FieldRange, KNOWN_KEYS, lookupField } from './trace-fields.js';
import { LineTooLongError, readLines } from './trace-lines.js';

import { TraceError } from './trace-error.js';
import { buildKey } from '../catalogue/metric-keys.js';

export { TraceError };

/** A sample line is a few hundred bytes; a longer one is refused before it fills memory. */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

// The range Date can print; a trace from before 1970 or after 9999 is a unit mistake (seconds, microseconds).
const MIN_TIME_MS = 0;
const MAX_TIME_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** Turns the lines of one trace into samples, one line at a time; order and emptiness are checked across lines. */
export class TraceParser {
  readonly #file: string;
  readonly #defaultCores: number;
  #previousMs = -Infinity;
  #samples = 0;

  constructor(file: string, cores = availableParallelism()) {
    this.#file = terminalSafe(file);
    this.#defaultCores = cores;
  }

  /** The sample of one line, or undefined for a blank line or a `#` comment. */
  line(text: string, lineNo: number): Sample | undefined {
    const line = text.trim();
    if (!line || line.startsWith('#')) return undefined;
    const where = `${this.#file}:${lineNo}`;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      row = undefined;
    }
    if (typeof row !== 'object' || row === null || Array.isArray(row)) throw new TraceError(`${where}: not a JSON object: ${terminalSafe(cutShort(line))}`);
    const sample = toSample(row as Record<string, unknown>, line, where, this.#defaultCores);
    if (sample.timeMs < this.#previousMs) throw new TraceError(`${where}: time goes backwards (${new Date(sample.timeMs).toISOString()})`);
    this.#previousMs = sample.timeMs;
    this.#samples++;
    return sample;
  }

  /** Call after the last line. */
  end(): void {
    if (this.#samples === 0) throw new TraceError(`${this.#file}: the trace has no samples`);
  }
}

/** All samples of a trace held in memory (tests, small inputs). */
export function parseTrace(text: string, file: string, cores = availableParallelism()): Sample[] {
  const parser = new TraceParser(file, cores);
  const samples: Sample[] = [];
  text.split('\n').forEach((line, i) => {
    const sample = parser.line(line, i + 1);
    if (sample) samples.push(sample);
  });
  parser.end();
  return samples;
}

export interface ReadTraceOptions {
  cores?: number;
  maxLineBytes?: number;
}

/** The samples of a trace file, streamed in batches (one read chunk, 64 KiB, at a time): memory stays flat. */
export async function* readTrace(file: string, options: ReadTraceOptions = {}): AsyncGenerator<Sample[]> {
  const parser = new TraceParser(file, options.cores);
  const input = createReadStream(file);
  try {
    for await (const lines of readLines(input, options.maxLineBytes ?? MAX_LINE_BYTES)) {
      const samples: Sample[] = [];
      for (const { lineNo, text } of lines) {
        const sample = parser.line(text, lineNo);
        if (sample) samples.push(sample);
      }
      if (samples.length > 0) yield samples;
    }
  } catch (error: unknown) {
    throw readError(error, terminalSafe(file));
  } finally {
    input.destroy();
  }
  parser.end();
}

function readError(error: unknown, file: string): unknown {
  if (error instanceof LineTooLongError) {
    return new TraceError(`${file}:${error.lineNo}: the line is longer than ${error.maxLineBytes / 1024 / 1024} MiB (a trace has one sample a line)`);
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (!(error instanceof TraceError) && typeof code === 'string') return new TraceError(`${file}: cannot read the trace (${code})`);
  return error;
}

function toSample(row: Record<string, unknown>, line: string, where: string, defaultCores: number): Sample {
  const timeMs = parseTime(row.time, where);
  const values: Record<string, number> = {};
  let cores = defaultCores;
  for (const [key, raw] of Object.entries(row)) {
    if (key === 'time' || raw === null) continue;
    if (key === 'cores') {
      cores = numberIn(raw, CORES, key, line, key, where);
      if (!Number.isInteger(cores)) throw new TraceError(`${where}: "cores" must be ${CORES.expected}, got ${quoteJsonValue(raw)}`);
    } else if (key === 'disk') {
      if (typeof raw !== 'object' || Array.isArray(raw)) throw new TraceError(`${where}: "disk" must be an object of mount point to percentage, got ${quoteJsonValue(raw)}`);
      for (const [mountpoint, pct] of Object.entries(raw as Record<string, unknown>)) {
        if (!mountpoint.startsWith('/')) throw new TraceError(`${where}: ${quoteJsonValue(`disk.${mountpoint}`)}: a mount point starts with "/"`);
        if (pct !== null) values[buildKey('disk', mountpoint)] = numberIn(pct, DISK_ENTRY, `disk.${mountpoint}`, line, mountpoint, where);
      }
    } else {
      const field = lookupField(key);
      if ('unknown' in field) throw new TraceError(`${where}: ${quoteJsonValue(key)}: ${unknownKeyDetailOf(key)}`);
      if ('badName' in field) throw new TraceError(`${where}: ${quoteJsonValue(key)}: ${field.badName}`);
      values[key] = numberIn(raw, field.range, key, line, key, where);
    }
  }
  if (values.load1 !== undefined && values.load1PerCore === undefined) values.load1PerCore = values.load1 / cores;
  return { timeMs, values };
}

/** `cpuu` -> did you mean "cpu"; `netrx:eth0` -> did you mean "netRx:eth0". */
function unknownKeyDetailOf(key: string): string {
  const colon = key.indexOf(':');
  if (colon > 0) {
    const family = closestMatch(key.slice(0, colon), KNOWN_KEYS);
    if (family) return `unknown key (did you mean ${quoteJsonValue(`${family}${key.slice(colon)}`)}?)`;
  }
  return unknownKeyDetail(cutShort(key), KNOWN_KEYS);
}

function parseTime(raw: unknown, where: string): number {
  if (raw === undefined) throw new TraceError(`${where}: "time" is missing (an ISO 8601 time or epoch milliseconds)`);
  const ms = typeof raw === 'number' ? raw : typeof raw === 'string' ? Date.parse(raw) : Number.NaN;
  if (Number.isNaN(ms)) throw new TraceError(`${where}: "time" must be an ISO 8601 time or epoch milliseconds, got ${quoteJsonValue(raw)}`);
  if (!(ms >= MIN_TIME_MS && ms <= MAX_TIME_MS)) {
    throw new TraceError(`${where}: "time" must be between 1970-01-01 and 9999-12-31 (epoch milliseconds, not seconds or microseconds), got ${quoteJsonValue(raw)}`);
  }
  return ms;
}

/** keyPath names the value in the message (`cpu`, `disk./data`); key is how it is written in the line. */
function numberIn(raw: unknown, range: FieldRange, keyPath: string, line: string, key: string, where: string): number {
  if (typeof raw === 'number' && raw >= range.min && raw <= range.max) return raw;
  const must = `${where}: ${quoteJsonValue(keyPath)} must be ${range.expected}, got`;
  // JSON.parse reads 1e309 as Infinity; quote what the line says rather than a value it does not hold.
  if (raw === Infinity || raw === -Infinity) throw new TraceError(`${must} ${numberLiteral(line, key) ?? String(raw)} (beyond the largest number)`);
  throw new TraceError(`${must} ${quoteJsonValue(raw)}`);
}

/** The number as written after `"key":` in the line, when it can be found. */
function numberLiteral(line: string, key: string): string | undefined {
  const needle = JSON.stringify(key);
  const at = line.indexOf(needle);
  if (at < 0) return undefined;
  const match = /^\s*:\s*(-?[0-9][0-9.eE+-]*)/.exec(line.slice(at + needle.length, at + needle.length + 400));
  return match ? cutShort(match[1]!) : undefined;
}
