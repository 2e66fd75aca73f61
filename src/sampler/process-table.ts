// Reads the process table from /proc in-process, as top does: no `ps`, no child process.
//
// Cost (bench/procs-cost.ts): files are read with synchronous open/read/close into one shared buffer, in batches of
// processes with a yield to the event loop between batches. With 1,085 processes on the 2-core test machine a read
// took 86 ms of CPU this way and 550-600 ms through fs.promises (each async readFile is four thread-pool round trips for
// a 300-byte file), and the batches held the event loop for 14 ms (median) instead of 110 ms for one synchronous pass.
// A process's command line is read when it is first seen and again only when its comm changes (exec: a read between
// fork and exec saw the parent's argv), or every COMMAND_REFRESH_READS reads (setproctitle, as postgres and nginx
// workers do): two files a process per read instead of three (the Processes view's CPU, bench/results.md "Dashboard").

import { closeSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { parseMeminfo } from './meminfo.js';
import { isKernelThread, parseCmdline, parsePidStat, parsePidStatus, PF_KTHREAD } from './proc-pid.js';
import { UserNames } from './user-names.js';

/** One process as read, before any rate: what a second read is compared with. */
export interface ProcessRecord {
  pid: number;
  ppid: number;
  /** One letter from stat: R running, S sleeping, D disk wait, Z zombie, T stopped, I idle kernel thread. */
  state: string;
  /** comm, safe to show. */
  name: string;
  /** The arguments joined by spaces, safe to show, cut at cmdlineMaxBytes with `…`; `[name]` without a command line. */
  command: string;
  kernelThread: boolean;
  /** Effective uid. */
  uid: number;
  /** From /etc/passwd, else the uid as a number. */
  user: string;
  rssBytes: number;
  threads: number;
  /** utime + stime in clock ticks (USER_HZ). */
  cpuTicks: number;
  startTimeTicks: number;
}

export interface ProcessSnapshot {
  /** Monotonic time the read started, ms (Clock.monoMs). */
  atMonoMs: number;
  /** MemTotal, the base of memory %. */
  memTotalBytes: number;
  processes: ProcessRecord[];
  /** Processes listed but not readable (hidepid, EACCES) or not parseable: skipped and counted. */
  unreadable: number;
}

export interface ProcessTableOptions {
  /** @default '/proc' */
  procDir?: string;
  /** @default '/etc/passwd' */
  passwdPath?: string;
  /** Monotonic clock for atMonoMs. @default performance.now */
  monoMs?: () => number;
  /** Processes read between two yields to the event loop. @default 64 */
  batchSize?: number;
  /** Longest command line read, in bytes; a table cell shows far less, and argv can be megabytes. @default 4096 */
  cmdlineMaxBytes?: number;
}

/** A command line is read again after this many reads at the latest, staggered by pid (see the header). */
export const COMMAND_REFRESH_READS = 10;

interface KnownCommand {
  startTimeTicks: number;
  /** comm when the command line was read: exec changes it. */
  name: string;
  command: string;
  /** The command line was empty (a kernel thread's, or a zombie's). */
  noArgs: boolean;
  /** The read that last saw the process, to forget the ones gone. */
  seenRead: number;
}

/** The reader keeps the user-name cache, the command lines and a read buffer between reads; one instance per view. */
export class ProcessTableReader {
  readonly #procDir: string;
  readonly #monoMs: () => number;
  readonly #batchSize: number;
  readonly #cmdlineMaxBytes: number;
  readonly #users: UserNames;
  readonly #buffer: Buffer;
  readonly #commands = new Map<number, KnownCommand>();
  #reads = 0;

  constructor(options: ProcessTableOptions = {}) {
    this.#procDir = options.procDir ?? '/proc';
    this.#monoMs = options.monoMs ?? (() => performance.now());
    this.#batchSize = Math.max(1, options.batchSize ?? 64);
    this.#cmdlineMaxBytes = Math.max(1, options.cmdlineMaxBytes ?? 4096);
    const passwdPath = options.passwdPath ?? '/etc/passwd';
    this.#users = new UserNames(() => readFileSync(passwdPath, 'utf8'));
    this.#buffer = Buffer.allocUnsafe(Math.max(16 * 1024, this.#cmdlineMaxBytes + 1));
  }

  async read(): Promise<ProcessSnapshot> {
    const atMonoMs = this.#monoMs();
    const memTotalKb = parseMeminfo(readFileSync(`${this.#procDir}/meminfo`, 'utf8')).get('MemTotal');
    if (!memTotalKb) throw new Error(`${this.#procDir}/meminfo has no MemTotal`);
    const pids = readdirSync(this.#procDir).filter((name) => /^\d+$/.test(name));
    const processes: ProcessRecord[] = [];
    let unreadable = 0;
    const readNo = ++this.#reads;
    for (let i = 0; i < pids.length; i++) {
      if (i > 0 && i % this.#batchSize === 0) await yieldToEventLoop();
      const outcome = this.#readProcess(pids[i]!);
      if (outcome === 'gone') continue;
      if (outcome === 'unreadable') unreadable++;
      else processes.push(outcome);
    }
    for (const [pid, known] of this.#commands) if (known.seenRead !== readNo) this.#commands.delete(pid);
    return { atMonoMs, memTotalBytes: memTotalKb * 1024, processes, unreadable };
  }

  #readProcess(pid: string): ProcessRecord | 'gone' | 'unreadable' {
    const dir = `${this.#procDir}/${pid}`;
    try {
      const parsed = parsePidStat(this.#readFile(`${dir}/stat`, this.#buffer.length));
      if (!parsed) return 'unreadable';
      const { flags, ...stat } = parsed;
      // A kernel thread has no memory, no command line and runs as root: one file is enough.
      if ((flags & PF_KTHREAD) !== 0) {
        return { ...stat, command: `[${stat.name}]`, kernelThread: true, uid: 0, user: this.#users.name(0), rssBytes: 0 };
      }
      const status = parsePidStatus(this.#readFile(`${dir}/status`, this.#buffer.length));
      if (!status) return 'unreadable';
      let known = this.#commands.get(stat.pid);
      const stale = known === undefined || known.startTimeTicks !== stat.startTimeTicks || known.name !== stat.name || (this.#reads + stat.pid) % COMMAND_REFRESH_READS === 0;
      if (stale) {
        const cmdlineBytes = this.#readFile(`${dir}/cmdline`, this.#cmdlineMaxBytes + 1);
        const cut = cmdlineBytes.length > this.#cmdlineMaxBytes;
        const args = parseCmdline(cut ? cmdlineBytes.subarray(0, this.#cmdlineMaxBytes) : cmdlineBytes);
        const command = args.length === 0 ? `[${stat.name}]` : `${args.join(' ')}${cut ? '…' : ''}`;
        known = { startTimeTicks: stat.startTimeTicks, name: stat.name, command, noArgs: args.length === 0, seenRead: this.#reads };
        this.#commands.set(stat.pid, known);
      }
      const seen = known as KnownCommand;
      seen.seenRead = this.#reads;
      return {
        ...stat,
        command: seen.command,
        kernelThread: isKernelThread(parsed, seen.noArgs),
        uid: status.euid,
        user: this.#users.name(status.euid),
        rssBytes: status.rssBytes,
      };
    } catch (error: unknown) {
      const code = (error as NodeJS.ErrnoException).code;
      // Exited between the directory listing and this read (ESRCH: while its files were being read).
      if (code === 'ENOENT' || code === 'ESRCH') return 'gone';
      if (code === 'EACCES' || code === 'EPERM') return 'unreadable';
      throw error;
    }
  }

  /** Up to maxBytes of a file, as a view of the shared buffer: valid until the next read, so parse before reading on. */
  #readFile(path: string, maxBytes: number): Buffer {
    const fd = openSync(path, 'r');
    try {
      // One read is the whole file: stat and status (seq_file, single_open) and cmdline (get_mm_cmdline) hand over all
      // they have that fits the buffer. The usual loop until read returns 0 costs one more syscall per file for nothing.
      return this.#buffer.subarray(0, readSync(fd, this.#buffer, 0, maxBytes, null));
    } finally {
      closeSync(fd);
    }
  }
}
