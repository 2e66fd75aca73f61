// The alert log on disk: JSON lines of alert and delivery events, rotated at a size limit (one old file kept) so it
// stays bounded, and read back at start so the dashboard's log shows what happened before.
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { LogEntry } from '../store/monitor-store.js';
import { describe } from './state-file.js';

export const ALERT_LOG_MAX_BYTES = 1024 * 1024;

export class AlertLogFile {
  readonly path: string;
  readonly #maxBytes: number;
  readonly #onWarning: (message: string) => void;
  #sizeBytes = -1;
  #warned = false;

  constructor(stateDir: string, onWarning: (message: string) => void, maxBytes = ALERT_LOG_MAX_BYTES) {
    this.path = join(stateDir, 'alerts.jsonl');
    this.#maxBytes = maxBytes;
    this.#onWarning = onWarning;
  }

  append(entry: LogEntry): void {
    const line = `${JSON.stringify(entry)}\n`;
    try {
      if (this.#sizeBytes < 0) {
        mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
        this.#sizeBytes = existsSync(this.path) ? statSync(this.path).size : 0;
      }
      if (this.#sizeBytes + line.length > this.#maxBytes && this.#sizeBytes > 0) {
        renameSync(this.path, `${this.path}.1`);
        this.#sizeBytes = 0;
      }
      appendFileSync(this.path, line, { mode: 0o600 });
      this.#sizeBytes += Buffer.byteLength(line);
      this.#warned = false;
    } catch (error: unknown) {
      this.#sizeBytes = -1;
      if (!this.#warned) this.#onWarning(`cannot write the alert log ${this.path}: ${describe(error)}; alerts are kept in memory only`);
      this.#warned = true;
    }
  }

  /** The newest `limit` entries from the rotated and the current file; unreadable lines are skipped. */
  readRecent(limit: number): LogEntry[] {
    const entries: LogEntry[] = [];
    for (const path of [`${this.path}.1`, this.path]) {
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch {
        continue;
      }
      for (const line of text.split('\n')) {
        if (!line) continue;
        try {
          const entry = JSON.parse(line) as LogEntry;
          if (entry && (entry.type === 'alert' || entry.type === 'delivery')) entries.push(entry);
        } catch {
          // A line cut short by a crash: skip it, keep the rest.
        }
      }
    }
    return entries.slice(-limit);
  }
}
