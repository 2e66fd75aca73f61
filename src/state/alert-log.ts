// The alert log on disk: JSON lines of alert and delivery events, rotated at a size limit (one old file kept) so it
// stays bounded, and read back at start so the dashboard's log shows what happened before. Opened only as a regular
// file of its own (never through a symlink), and read back through a schema: the state dir is not trusted blindly.
import { closeSync, constants, readSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { LogEntry } from '../store/monitor-store.js';
import { describeError } from './describe-error.js';
import { ensureDir } from './ensure-dir.js';
import { parseLogLine } from './log-entry-schema.js';
import { openRegularFile, readRegularFile } from './safe-open.js';

export const ALERT_LOG_MAX_BYTES = 1024 * 1024;

const APPEND = constants.O_RDWR | constants.O_APPEND | constants.O_CREAT;

export class AlertLogFile {
  readonly path: string;
  readonly #maxBytes: number;
  readonly #onWarning: (message: string) => void;
  #warned = false;

  constructor(stateDir: string, onWarning: (message: string) => void, maxBytes = ALERT_LOG_MAX_BYTES) {
    this.path = join(stateDir, 'alerts.jsonl');
    this.#maxBytes = maxBytes;
    this.#onWarning = onWarning;
  }

  append(entry: LogEntry): void {
    const line = `${JSON.stringify(entry)}\n`;
    try {
      ensureDir(dirname(this.path));
      const opened = openRegularFile(this.path, APPEND);
      let fd = opened.fd;
      let sizeBytes = opened.stats.size;
      if (sizeBytes > 0 && sizeBytes + Buffer.byteLength(line) > this.#maxBytes) {
        closeSync(fd);
        renameSync(this.path, `${this.path}.1`);
        fd = openRegularFile(this.path, APPEND).fd;
        sizeBytes = 0;
      }
      try {
        // A line cut short by a crash must not swallow the next one.
        writeFileSync(fd, endsWithNewline(fd, sizeBytes) ? line : `\n${line}`);
      } finally {
        closeSync(fd);
      }
      this.#warned = false;
    } catch (error: unknown) {
      this.#warn(`cannot write the alert log ${this.path}: ${describeError(error)}; alerts are kept in memory only`);
    }
  }

  /**
   * The newest `limit` entries from the current and then the rotated file, read from the end so that only the lines
   * needed are validated. Lines that are not whole entries are skipped, with one warning counting them.
   */
  readRecent(limit: number): LogEntry[] {
    const newestFirst: LogEntry[] = [];
    const skipped: string[] = [];
    for (const path of [this.path, `${this.path}.1`]) {
      if (newestFirst.length >= limit) break;
      const lines = this.#readLines(path);
      let bad = 0;
      for (let i = lines.length - 1; i >= 0 && newestFirst.length < limit; i--) {
        if (!lines[i]) continue;
        const entry = parseLogLine(lines[i]!);
        if (entry) newestFirst.push(entry);
        else bad++;
      }
      if (bad > 0) skipped.push(`${bad} in ${path}`);
    }
    if (skipped.length > 0) this.#onWarning(`the alert log has invalid lines, skipped: ${skipped.join(', ')}`);
    return newestFirst.reverse();
  }

  #readLines(path: string): string[] {
    try {
      return readRegularFile(path).split('\n');
    } catch (error: unknown) {
      const code = (error as NodeJS.ErrnoException).code;
      // The current file refused here would be refused for writing too: say it once, with the consequence.
      if (code === 'EUNSAFE' && path === this.path) this.#warn(`cannot use the alert log ${path}: ${describeError(error)}; alerts are kept in memory only`);
      // ENOTDIR: the state dir is a file, which the first write reports.
      else if (code !== 'ENOENT' && code !== 'ENOTDIR') this.#onWarning(`cannot read the alert log ${path}: ${describeError(error)}`);
      return [];
    }
  }

  #warn(message: string): void {
    if (this.#warned) return;
    this.#warned = true;
    this.#onWarning(message);
  }
}

function endsWithNewline(fd: number, sizeBytes: number): boolean {
  if (sizeBytes === 0) return true;
  const last = Buffer.alloc(1);
  return readSync(fd, last, 0, 1, sizeBytes - 1) === 1 && last[0] === 0x0a;
}
