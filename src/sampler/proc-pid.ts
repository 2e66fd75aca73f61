// Pure parsing of the three files read per process: /proc/<pid>/stat, /proc/<pid>/status and /proc/<pid>/cmdline.
// They arrive as bytes because comm and argv are whatever the process chose, not necessarily UTF-8 (proc-text.ts).

import { procText } from './proc-text.js';

/** PF_KTHREAD in include/linux/sched.h: the task is a kernel thread (set since Linux 2.6.27). */
export const PF_KTHREAD = 0x00200000;

/** The fields of /proc/<pid>/stat a process table needs (proc(5) numbers them from 1). */
export interface PidStat {
  pid: number;
  /** comm (field 2), at most 15 bytes, made safe to show. */
  name: string;
  /** Field 3: R running, S sleeping, D uninterruptible (disk), Z zombie, T stopped, t traced, I idle kernel thread, X dead. */
  state: string;
  ppid: number;
  /** Field 9, the kernel's PF_* flags. */
  flags: number;
  /** utime + stime (fields 14, 15) in clock ticks (USER_HZ). Children's time (cutime, cstime) is theirs, not counted. */
  cpuTicks: number;
  threads: number;
  /** Field 22, clock ticks after boot: with the pid, it names one process (a reused pid starts later). */
  startTimeTicks: number;
}

const OPEN_PAREN = 0x28;
const CLOSE_PAREN = 0x29;
const SPACE = 0x20;
const TAB = 0x09;
const UID_LINE = Buffer.from('\nUid:');
const VMRSS_LINE = Buffer.from('\nVmRSS:');

// The numbers are read straight from the bytes: a process table parses thousands of these per read, and splitting
// each file into strings was most of the memory a read allocated (bench/procs-cost.ts).

/**
 * undefined for text that is not a stat line. comm may hold spaces, parentheses and newlines (`a) S 1 (`), so it is
 * everything between the first `(` and the LAST `)`, and the numeric fields start after that.
 */
export function parsePidStat(bytes: Buffer): PidStat | undefined {
  const open = bytes.indexOf(OPEN_PAREN);
  const close = bytes.lastIndexOf(CLOSE_PAREN);
  if (open < 0 || close < open) return undefined;
  // After ") ": [0] state (field 3), [1] ppid (4), [6] flags (9), [11] utime (14), [12] stime (15),
  // [17] num_threads (20), [19] starttime (22).
  let at = close + 2;
  const state = at < bytes.length ? String.fromCharCode(bytes[at]!) : '';
  at = skipFields(bytes, at, 1);
  const ppid = digitsAt(bytes, at);
  at = skipFields(bytes, at, 5);
  const flags = digitsAt(bytes, at);
  at = skipFields(bytes, at, 5);
  const utime = digitsAt(bytes, at);
  at = skipFields(bytes, at, 1);
  const stime = digitsAt(bytes, at);
  at = skipFields(bytes, at, 5);
  const threads = digitsAt(bytes, at);
  at = skipFields(bytes, at, 2);
  const startTimeTicks = digitsAt(bytes, at);
  const pid = digitsAt(bytes, 0);
  // NaN anywhere makes the sum NaN: one check, no array.
  if (!/^[A-Za-z]$/.test(state) || Number.isNaN(pid + ppid + flags + utime + stime + threads + startTimeTicks)) {
    return undefined;
  }
  const name = procText(bytes.subarray(open + 1, close));
  return { pid, name, state, ppid, flags, cpuTicks: utime + stime, threads, startTimeTicks };
}

/** From /proc/<pid>/status: the effective uid (what top and ps show as USER) and VmRSS. */
export interface PidStatus {
  euid: number;
  /** VmRSS in bytes; 0 for a zombie or a kernel thread, which have no memory of their own (no VmRSS line). */
  rssBytes: number;
}

/**
 * The uid comes from here rather than from the owner of /proc/<pid>: a process that switched user (a daemon's worker
 * dropping root, su) is not dumpable, and the kernel then shows its /proc/<pid> as root's.
 */
export function parsePidStatus(bytes: Buffer): PidStatus | undefined {
  const uidLine = bytes.indexOf(UID_LINE);
  if (uidLine < 0) return undefined;
  // Uid: real effective saved filesystem
  const euid = nthNumber(bytes, uidLine + UID_LINE.length, 1);
  if (Number.isNaN(euid)) return undefined;
  const rssLine = bytes.indexOf(VMRSS_LINE);
  const rssKb = rssLine < 0 ? 0 : nthNumber(bytes, rssLine + VMRSS_LINE.length, 0);
  return { euid, rssBytes: Number.isNaN(rssKb) ? 0 : rssKb * 1024 };
}

/** Position after n more single-space separators, or -1. */
function skipFields(bytes: Buffer, at: number, n: number): number {
  for (let i = 0; i < n && at >= 0; i++) {
    const space = bytes.indexOf(SPACE, at);
    at = space < 0 ? -1 : space + 1;
  }
  return at;
}

/** The decimal number starting at `at`, NaN when there is none. */
function digitsAt(bytes: Buffer, at: number): number {
  if (at < 0) return Number.NaN;
  let value = 0;
  let i = at;
  for (; i < bytes.length; i++) {
    const digit = bytes[i]! - 0x30;
    if (digit < 0 || digit > 9) break;
    value = value * 10 + digit;
  }
  return i === at ? Number.NaN : value;
}

/** The nth (from 0) blank-separated number from `at` on one line, NaN when there is none. */
function nthNumber(bytes: Buffer, at: number, n: number): number {
  for (let k = 0; ; k++) {
    while (at < bytes.length && (bytes[at] === SPACE || bytes[at] === TAB)) at++;
    if (k === n) return digitsAt(bytes, at);
    const start = at;
    while (at < bytes.length && bytes[at]! >= 0x30 && bytes[at]! <= 0x39) at++;
    if (at === start) return Number.NaN;
  }
}

/**
 * argv from /proc/<pid>/cmdline (NUL-separated, usually NUL-terminated), each argument safe to show. A process may
 * rewrite its argv area as one string with spaces (nginx: `nginx: worker process`), which stays one argument.
 */
export function parseCmdline(bytes: Buffer): string[] {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  if (end === 0) return [];
  const args: string[] = [];
  let start = 0;
  for (;;) {
    const nul = bytes.indexOf(0, start);
    if (nul < 0 || nul >= end) {
      args.push(procText(bytes.subarray(start, end)));
      return args;
    }
    args.push(procText(bytes.subarray(start, nul)));
    start = nul + 1;
  }
}

/**
 * A kernel thread by its PF_KTHREAD flag; failing that (a stat whose flags lack it), by its look: kthreadd (pid 2)
 * itself, or no command line and kthreadd as parent. A zombie has no command line either, but its parent is not pid 2.
 */
export function isKernelThread(stat: Pick<PidStat, 'pid' | 'ppid' | 'flags'>, cmdlineEmpty: boolean): boolean {
  if ((stat.flags & PF_KTHREAD) !== 0) return true;
  return cmdlineEmpty && (stat.ppid === 2 || stat.pid === 2);
}
