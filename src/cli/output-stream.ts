// stdout and stderr that fail once and say so, instead of throwing or looping. Node reports a failed write (EPIPE: the
// reader left; EIO: the terminal hung up; ENOSPC: the disk is full) as an 'error' event on the stream, and with no
// listener that is an uncaught exception. Each stream here gets its listener when this module is first imported, so
// every failed write, ours or a library's (blessed writes to process.stdout itself), ends in one recorded failure
// whose owner (main.ts, the monitor command) decides what it means. Writes after a failure are dropped.
import { fstatSync, writeSync } from 'node:fs';

export type StreamName = 'stdout' | 'stderr';

export interface OutputFailure {
  stream: StreamName;
  /** The errno code: EPIPE, EIO, ENOSPC... */
  code: string;
  /** The stream is a terminal: EIO there means it hung up. */
  tty: boolean;
}

/** What this needs of a stream: process.stdout and process.stderr, or a test's Writable. */
export interface WritableLike {
  write(text: string, callback: (error?: Error | null) => void): boolean;
  on(event: 'error', listener: (error: Error) => void): unknown;
  isTTY?: boolean;
}

export class OutputStream {
  readonly name: StreamName;
  readonly #stream: WritableLike;
  #failure: OutputFailure | null = null;
  readonly #listeners: ((failure: OutputFailure) => void)[] = [];
  /** Set when the stream is a file or a device: written here directly, see writeAllSync. */
  readonly #fileFd: number | undefined;

  constructor(name: StreamName, stream: WritableLike, fd?: number) {
    this.name = name;
    this.#stream = stream;
    this.#fileFd = fd !== undefined && !stream.isTTY && isFileOrDevice(fd) ? fd : undefined;
    stream.on('error', (error) => this.#fail(error));
  }

  get failure(): OutputFailure | null {
    return this.#failure;
  }

  get isTTY(): boolean {
    return this.#stream.isTTY === true;
  }

  write(text: string): void {
    if (this.#failure) return;
    try {
      if (this.#fileFd !== undefined) {
        writeAllSync(this.#fileFd, text);
        return;
      }
      this.#stream.write(text, (error) => {
        if (error) this.#fail(error);
      });
    } catch (error: unknown) {
      this.#fail(error);
    }
  }

  line(text: string): void {
    this.write(`${text}\n`);
  }

  /** Called once, at the first failure (at once if it has already happened). Returns an unsubscribe function. */
  onFailure(listener: (failure: OutputFailure) => void): () => void {
    if (this.#failure) {
      listener(this.#failure);
      return () => {};
    }
    this.#listeners.push(listener);
    return () => {
      const index = this.#listeners.indexOf(listener);
      if (index >= 0) this.#listeners.splice(index, 1);
    };
  }

  /** Resolves once everything written so far has reached the OS, with the failure if there was one. */
  flush(): Promise<OutputFailure | null> {
    // Through the stream even for a file: a write made straight to process.stdout (test-alert's) may have failed
    // with its 'error' event still on its way; this callback comes after it.
    if (this.#failure) return Promise.resolve(this.#failure);
    return new Promise((resolve) => this.#whenWritten(resolve));
  }

  #whenWritten(resolve: (failure: OutputFailure | null) => void): void {
    try {
      // A stream's callbacks run in order: this one runs after every earlier write has completed or failed.
      this.#stream.write('', (error) => {
        if (error) this.#fail(error);
        resolve(this.#failure);
      });
    } catch (error: unknown) {
      this.#fail(error);
      resolve(this.#failure);
    }
  }

  #fail(error: unknown): void {
    if (this.#failure) return;
    const failure: OutputFailure = { stream: this.name, code: errnoCode(error), tty: this.isTTY };
    this.#failure = failure;
    for (const listener of this.#listeners.splice(0)) listener(failure);
  }
}

/**
 * Node writes a file stdout with one write() call and takes a short write for success, so a disk that fills up in the
 * last line cuts it with exit 0. Writing the rest again makes the kernel say ENOSPC.
 */
export function writeAllSync(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
}

function isFileOrDevice(fd: number): boolean {
  try {
    const stat = fstatSync(fd);
    return stat.isFile() || stat.isCharacterDevice() || stat.isBlockDevice();
  } catch {
    return false; // closed or odd: leave it to the stream
  }
}

function errnoCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
}

/**
 * The reader of stdout left (EPIPE): the status a shell reports for a program ended by SIGPIPE (128 + 13), as for
 * `cat` or `grep` in a pipe whose end stopped reading. `set -o pipefail` scripts see the output was cut, and systemd
 * (Restart=on-failure) restarts a monitor whose log stream broke. Nothing is printed: the reader chose to leave.
 */
export const EXIT_BROKEN_PIPE = 141;

/** The message for a write failure that is worth telling (not EPIPE: the reader chose to leave). */
export function cannotWrite(failure: OutputFailure): string {
  return `cannot write to ${failure.stream}: ${failure.code}`;
}

export const stdout = new OutputStream('stdout', process.stdout, 1);
export const stderr = new OutputStream('stderr', process.stderr, 2);
