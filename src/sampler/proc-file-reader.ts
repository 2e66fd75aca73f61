// Reads small /proc files (stat, meminfo, net/dev, diskstats) every tick into one reused buffer, synchronously.
// fs.promises.readFile costs five thread-pool round trips per file (open, fstat, read, read, close) and a fresh 64 KB
// buffer each time, since /proc reports size 0: four files a second made most of the idle agent's allocation and
// its wake-ups. /proc files are generated in memory by the kernel, so a synchronous read does not wait on a disk;
// process-table.ts reads /proc/<pid> the same way for the same reason.
import { closeSync, openSync, readSync } from 'node:fs';

/** Start size of the shared buffer; it doubles when a file does not fit (net/dev on a host with many interfaces). */
const INITIAL_BYTES = 16 * 1024;
/** A /proc text larger than this is not one of ours: read it no further than this. */
const MAX_BYTES = 16 * 1024 * 1024;

export class ProcFileReader {
  #buffer = Buffer.allocUnsafe(INITIAL_BYTES);

  /** The whole file as UTF-8 text. Throws the fs error (ENOENT, EACCES) as readFile would. */
  readText(path: string): string {
    const fd = openSync(path, 'r');
    try {
      let length = 0;
      for (;;) {
        if (length === this.#buffer.length) {
          if (length >= MAX_BYTES) break;
          const bigger = Buffer.allocUnsafe(length * 2);
          this.#buffer.copy(bigger, 0, 0, length);
          this.#buffer = bigger;
        }
        const read = readSync(fd, this.#buffer, length, this.#buffer.length - length, null);
        if (read === 0) break;
        length += read;
      }
      return this.#buffer.toString('utf8', 0, length);
    } finally {
      closeSync(fd);
    }
  }
}
