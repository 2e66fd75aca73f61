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

/**
 * undefined for text that is not a stat line. comm may hold spaces, parentheses and newlines (`a) S 1 (`), so it is
 * everything between the first `(` and the LAST `)`, and the numeric fields start after that.
 */
export function parsePidStat(bytes: Buffer): PidStat | undefined {
  const open = bytes.indexOf(OPEN_PAREN);
  const close = bytes.lastIndexOf(CLOSE_PAREN);
  if (open < 0 || close < open) return undefined;
  const pid = Number(bytes.toString('latin1', 0, open).trim());
  // After ")": [0] state (field 3), [1] ppid (4), [6] flags (9), [11] utime (14), [12] stime (15),
  // [17] num_threads (20), [19] starttime (22).
  const f = bytes.toString('latin1', close + 2).split(' ');
  if (f.length < 20) return undefined;
  const numbers = [f[1], f[6], f[11], f[12], f[17], f[19]].map(Number);
  if (!Number.isInteger(pid) || numbers.some((n) => !Number.isFinite(n))) return undefined;
  const [ppid, flags, utime, stime, threads, startTimeTicks] = numbers as [number, number, number, number, number, number];
  return {
    pid,
    name: procText(bytes.subarray(open + 1, close)),
    state: f[0]!,
    ppid,
    flags,
    cpuTicks: utime + stime,
    threads,
    startTimeTicks,
  };
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
export function parsePidStatus(text: string): PidStatus | undefined {
  const uids = /^Uid:\s+\d+\s+(\d+)/m.exec(text);
  if (!uids) return undefined;
  const rss = /^VmRSS:\s+(\d+) kB/m.exec(text);
  return { euid: Number(uids[1]), rssBytes: rss ? Number(rss[1]) * 1024 : 0 };
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
