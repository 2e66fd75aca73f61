// The day of per-minute rollups on disk (`rollups.bin` in the state dir), so that a restarted monitor shows the last
// day at once. Binary, little-endian, because compact JSON of 240 metrics × 1440 minutes × 3 numbers would not fit
// the 5 MiB bound; each key's minutes are written as four columns.
//
//   header (32 bytes): magic "SRVMROLL" | version u16 | flags u16 (0) | bucketMs u32 (60000) | capacityMinutes u32
//                      | keyCount u32 | bodyBytes u32 | reserved u32 (0)
//   body, per key:     nameBytes u8 | name (UTF-8) | lastMinute u32 | minutes u16
//                      | min f32[minutes] | avg f32[minutes] | max f32[minutes] | count u16[minutes]
//                      (minute i of the key is lastMinute - minutes + 1 + i; count 0 = no sample, all values 0)
//   trailer:           SHA-256 of header and body (32 bytes)
//
// Everything is checked before anything is used: a file that is not ours, of another version, cut short, too big or
// damaged is reported in one line and the day starts afresh; it never stops the monitor. The file is opened as the
// other state files are (safe-open.ts): a symlink is not followed, a FIFO planted at its name is not waited on.
import { createHash } from 'node:crypto';
import { closeSync, constants, readSync, type Stats } from 'node:fs';
import { endianness } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../state/atomic-write.js';
import { UnsafeFileError, openRegularFile } from '../state/safe-open.js';
import { MAX_ROLLUP_KEY_BYTES } from './rollup-keys.js';
import { MAX_BUCKET_COUNT, MINUTE_MS, type RollupBucket, type RollupRing } from './rollup-ring.js';

export const ROLLUP_FILE_NAME = 'rollups.bin';
export const ROLLUP_MAGIC = 'SRVMROLL';
export const ROLLUP_FILE_VERSION = 1;
/** Largest file read or written: 24 h of rollups for the default key caps fit with room to spare. */
export const MAX_ROLLUP_FILE_BYTES = 5 * 1024 * 1024;
/** Longest window a file may hold (and so a ring may have): one day. */
export const MAX_ROLLUP_CAPACITY_MINUTES = 1440;

const BIG_ENDIAN_HOST = endianness() === 'BE';
const HEADER_BYTES = 32;
const DIGEST_BYTES = 32;
/** name length, lastMinute, minutes */
const KEY_HEADER_BYTES = 1 + 4 + 2;
const BUCKET_BYTES = 4 + 4 + 4 + 2;

/** One key as read from a file: checked, read lazily from the file's bytes. */
export interface StoredSeries {
  key: string;
  lastMinute: number;
  minutes: number;
  /** Bucket i (0 = oldest); undefined where the minute held no sample. */
  bucket(i: number): RollupBucket | undefined;
}

export interface StoredRollups {
  capacityMinutes: number;
  series: StoredSeries[];
}

/** Why a file was not used: one short phrase, shown after its path. */
export class RollupFileError extends Error {}

/** Bytes a file takes for these key names and minutes per key. */
export function rollupFileBytes(series: readonly { keyBytes: number; minutes: number }[]): number {
  let bytes = HEADER_BYTES + DIGEST_BYTES;
  for (const s of series) bytes += KEY_HEADER_BYTES + s.keyBytes + s.minutes * BUCKET_BYTES;
  return bytes;
}

/** Encodes the rings (those with a sample in their window). Throws RollupFileError if the result would exceed the bound. */
export function encodeRollups(rings: Iterable<[string, RollupRing]>, capacityMinutes: number): Buffer {
  if (!Number.isInteger(capacityMinutes) || capacityMinutes < 1 || capacityMinutes > MAX_ROLLUP_CAPACITY_MINUTES) {
    throw new RollupFileError(`window of ${capacityMinutes} minutes is outside 1-${MAX_ROLLUP_CAPACITY_MINUTES}`);
  }
  const entries: { name: Buffer; ring: RollupRing; firstMinute: number; lastMinute: number }[] = [];
  for (const [key, ring] of rings) {
    const lastMinute = ring.lastMinute;
    const name = Buffer.from(key, 'utf8');
    if (lastMinute === undefined || lastMinute < 0 || lastMinute > 0xffffffff) continue;
    if (name.length === 0 || name.length > MAX_ROLLUP_KEY_BYTES) continue;
    // From the oldest minute that still holds a sample: a key seen for an hour takes an hour's bytes, not a day's.
    const oldest = ring.firstMinute();
    if (oldest !== undefined) entries.push({ name, ring, firstMinute: Math.max(oldest, lastMinute - capacityMinutes + 1), lastMinute });
  }
  const total = rollupFileBytes(entries.map((e) => ({ keyBytes: e.name.length, minutes: e.lastMinute - e.firstMinute + 1 })));
  if (total > MAX_ROLLUP_FILE_BYTES) throw new RollupFileError(`${total} bytes would exceed the ${MAX_ROLLUP_FILE_BYTES}-byte bound`);

  const buf = Buffer.alloc(total);
  buf.write(ROLLUP_MAGIC, 0, 'latin1');
  buf.writeUInt16LE(ROLLUP_FILE_VERSION, 8);
  buf.writeUInt16LE(0, 10);
  buf.writeUInt32LE(MINUTE_MS, 12);
  buf.writeUInt32LE(capacityMinutes, 16);
  buf.writeUInt32LE(entries.length, 20);
  buf.writeUInt32LE(total - HEADER_BYTES - DIGEST_BYTES, 24);
  buf.writeUInt32LE(0, 28);
  let at = HEADER_BYTES;
  for (const { name, ring, firstMinute, lastMinute } of entries) {
    const minutes = lastMinute - firstMinute + 1;
    at = buf.writeUInt8(name.length, at);
    at += name.copy(buf, at);
    at = buf.writeUInt32LE(lastMinute, at);
    at = buf.writeUInt16LE(minutes, at);
    const columns = {
      min: new Float32Array(minutes),
      avg: new Float32Array(minutes),
      max: new Float32Array(minutes),
      count: new Uint16Array(minutes),
    };
    ring.copyColumns(firstMinute, columns);
    for (const column of [columns.min, columns.avg, columns.max, columns.count]) {
      const bytes = Buffer.from(column.buffer, column.byteOffset, column.byteLength);
      // Typed arrays use the host's byte order; the file is little-endian everywhere.
      if (BIG_ENDIAN_HOST) column.BYTES_PER_ELEMENT === 4 ? bytes.swap32() : bytes.swap16();
      at += bytes.copy(buf, at);
    }
  }
  createHash('sha256').update(buf.subarray(0, at)).digest().copy(buf, at);
  return buf;
}

/** Checks a whole file and returns its series; throws RollupFileError naming the first problem found. */
export function decodeRollups(buf: Buffer): StoredRollups {
  if (buf.length > MAX_ROLLUP_FILE_BYTES) throw new RollupFileError(`${buf.length} bytes is over the ${MAX_ROLLUP_FILE_BYTES}-byte bound`);
  if (buf.length < ROLLUP_MAGIC.length || buf.toString('latin1', 0, ROLLUP_MAGIC.length) !== ROLLUP_MAGIC) {
    throw new RollupFileError('not a srvmon rollup file (no SRVMROLL magic)');
  }
  if (buf.length < HEADER_BYTES + DIGEST_BYTES) throw new RollupFileError(`cut short at ${buf.length} bytes`);
  const version = buf.readUInt16LE(8);
  if (version !== ROLLUP_FILE_VERSION) throw new RollupFileError(`version ${version}, this srvmon reads version ${ROLLUP_FILE_VERSION}`);
  const bodyBytes = buf.readUInt32LE(24);
  const expected = HEADER_BYTES + bodyBytes + DIGEST_BYTES;
  if (buf.length !== expected) throw new RollupFileError(buf.length < expected ? `cut short at ${buf.length} of ${expected} bytes` : `${buf.length - expected} bytes of trailing data`);
  const digestAt = HEADER_BYTES + bodyBytes;
  if (!createHash('sha256').update(buf.subarray(0, digestAt)).digest().equals(buf.subarray(digestAt))) {
    throw new RollupFileError('checksum mismatch (damaged)');
  }
  // Past the checksum a bad field means a writer bug or a crafted file; still a reason to start afresh, not to crash.
  const flags = buf.readUInt16LE(10);
  const bucketMs = buf.readUInt32LE(12);
  const capacityMinutes = buf.readUInt32LE(16);
  const keyCount = buf.readUInt32LE(20);
  if (flags !== 0 || buf.readUInt32LE(28) !== 0) throw new RollupFileError('unknown flags');
  if (bucketMs !== MINUTE_MS) throw new RollupFileError(`buckets of ${bucketMs} ms, expected ${MINUTE_MS}`);
  if (capacityMinutes < 1 || capacityMinutes > MAX_ROLLUP_CAPACITY_MINUTES) throw new RollupFileError(`window of ${capacityMinutes} minutes`);

  const decoder = new TextDecoder('utf-8', { fatal: true });
  const seen = new Set<string>();
  const series: StoredSeries[] = [];
  let at = HEADER_BYTES;
  for (let k = 0; k < keyCount; k++) {
    if (at + KEY_HEADER_BYTES > digestAt) throw new RollupFileError(`key ${k + 1} of ${keyCount} runs past the end`);
    const nameBytes = buf.readUInt8(at);
    if (nameBytes === 0 || at + KEY_HEADER_BYTES + nameBytes > digestAt) throw new RollupFileError(`key ${k + 1} has a bad name length`);
    let key: string;
    try {
      key = decoder.decode(buf.subarray(at + 1, at + 1 + nameBytes));
    } catch {
      throw new RollupFileError(`key ${k + 1} is not UTF-8`);
    }
    if (seen.has(key)) throw new RollupFileError(`key ${JSON.stringify(key)} appears twice`);
    seen.add(key);
    at += 1 + nameBytes;
    const lastMinute = buf.readUInt32LE(at);
    const minutes = buf.readUInt16LE(at + 4);
    at += 6;
    if (minutes < 1 || minutes > capacityMinutes || minutes - 1 > lastMinute) throw new RollupFileError(`key ${JSON.stringify(key)} holds ${minutes} minutes`);
    if (at + minutes * BUCKET_BYTES > digestAt) throw new RollupFileError(`key ${JSON.stringify(key)} runs past the end`);
    const stored = storedSeries(buf, key, lastMinute, minutes, at);
    for (let i = 0; i < minutes; i++) checkBucket(stored, i);
    series.push(stored);
    at += minutes * BUCKET_BYTES;
  }
  if (at !== digestAt) throw new RollupFileError(`${digestAt - at} bytes after the last key`);
  return { capacityMinutes, series };
}

function storedSeries(buf: Buffer, key: string, lastMinute: number, minutes: number, at: number): StoredSeries {
  const minAt = at;
  const avgAt = minAt + 4 * minutes;
  const maxAt = avgAt + 4 * minutes;
  const countAt = maxAt + 4 * minutes;
  return {
    key,
    lastMinute,
    minutes,
    bucket(i) {
      const count = buf.readUInt16LE(countAt + 2 * i);
      if (count === 0) return undefined;
      return {
        minute: lastMinute - minutes + 1 + i,
        min: buf.readFloatLE(minAt + 4 * i),
        avg: buf.readFloatLE(avgAt + 4 * i),
        max: buf.readFloatLE(maxAt + 4 * i),
        count,
      };
    },
  };
}

function checkBucket(stored: StoredSeries, i: number): void {
  const b = stored.bucket(i);
  if (b === undefined) return;
  if (!(Number.isFinite(b.min) && Number.isFinite(b.avg) && Number.isFinite(b.max) && b.min <= b.avg && b.avg <= b.max) || b.count > MAX_BUCKET_COUNT) {
    throw new RollupFileError(`key ${JSON.stringify(stored.key)} has a bad bucket at minute ${b.minute}`);
  }
}

/**
 * Reads a regular file of at most maxBytes (through openRegularFile: no symlink followed, no FIFO waited on, no hard
 * link used); undefined if there is none.
 */
export function readBoundedFile(path: string, maxBytes: number): Buffer | undefined {
  let opened: { fd: number; stats: Stats };
  try {
    opened = openRegularFile(path, constants.O_RDONLY);
  } catch (error: unknown) {
    if (error instanceof UnsafeFileError) throw new RollupFileError(error.message);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === undefined) throw error;
    throw new RollupFileError(`unreadable (${code})`);
  }
  const { fd, stats } = opened;
  try {
    if (stats.size > maxBytes) throw new RollupFileError(`${stats.size} bytes is over the ${maxBytes}-byte bound`);
    // Read one byte beyond the bound, so that a file growing while it is read is still caught.
    const buf = Buffer.alloc(stats.size + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buf, length, buf.length - length, null);
      if (n === 0) break;
      length += n;
      if (length === buf.length) break;
    }
    if (length > maxBytes) throw new RollupFileError(`over the ${maxBytes}-byte bound`);
    return buf.subarray(0, length);
  } catch (error: unknown) {
    const code = (error as NodeJS.ErrnoException).code;
    if (error instanceof RollupFileError || code === undefined) throw error;
    throw new RollupFileError(`unreadable (${code})`);
  } finally {
    closeSync(fd);
  }
}

/** The rollup file of a state dir: load once at start, save at most once a minute (the recorder decides when). */
export class RollupFile {
  readonly path: string;
  readonly #onWarning: (message: string) => void;
  #saveWarned = false;

  constructor(stateDir: string, onWarning: (message: string) => void) {
    this.path = join(stateDir, ROLLUP_FILE_NAME);
    this.#onWarning = onWarning;
  }

  /** The stored rollups, or undefined (after one warning if a file was there but unusable) for a fresh start. */
  load(): StoredRollups | undefined {
    try {
      const buf = readBoundedFile(this.path, MAX_ROLLUP_FILE_BYTES);
      return buf === undefined ? undefined : decodeRollups(buf);
    } catch (error: unknown) {
      if (!(error instanceof RollupFileError)) throw error;
      this.#onWarning(`ignoring ${this.path}: ${error.message}; the charts start a fresh day`);
      return undefined;
    }
  }

  /** Returns false (after one warning until a save succeeds again) when the file cannot be written. */
  save(rings: Iterable<[string, RollupRing]>, capacityMinutes: number): boolean {
    try {
      writeFileAtomic(this.path, encodeRollups(rings, capacityMinutes));
      this.#saveWarned = false;
      return true;
    } catch (error: unknown) {
      const code = (error as NodeJS.ErrnoException).code;
      // Expected: the disk (ENOSPC, EROFS, EACCES...) or the bound. Anything else is a bug and must surface.
      if (!(error instanceof RollupFileError) && code === undefined) throw error;
      if (!this.#saveWarned) {
        this.#saveWarned = true;
        const reason = error instanceof RollupFileError ? error.message : code;
        this.#onWarning(`cannot write ${this.path}: ${reason}; the day of chart history is kept in memory only`);
      }
      return false;
    }
  }
}
