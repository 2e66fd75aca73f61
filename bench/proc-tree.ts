// Reads the cost of a process and all its descendants from /proc (Linux). gtop's cost lives mostly in the
// short-lived children it spawns every second (cat, sh, grep, ps, df), so a process is always measured as a tree:
//   cpu ticks = sum over the live tree of utime + stime + cutime + cstime
// A child that ran and was reaped between two readings is counted through its parent's cutime/cstime; a child alive
// at one reading and reaped by the next moves from its own line to its parent's c-times, so nothing counts twice.
//   rss = sum of VmRSS over the live tree (shared pages count once per process, as top and ps report them).
import { readdirSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

export interface ProcStat {
  pid: number;
  ppid: number;
  /** utime + stime + cutime + cstime, in clock ticks. */
  ticks: number;
}

export interface TreeReading {
  /** Whether the root process still exists. */
  alive: boolean;
  ticks: number;
  rssBytes: number;
  /** Processes in the tree at this reading. */
  processes: number;
}

let clockTicks: number | undefined;

/** USER_HZ, almost always 100. */
export function clockTicksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** Parses /proc/<pid>/stat text; the command name may hold spaces and parentheses, so fields start after the last ")". */
export function parseStat(text: string): ProcStat | undefined {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < 0) return undefined;
  const pid = Number(text.slice(0, open).trim());
  // Fields after the name: [0] state (field 3), [1] ppid (4), ... [11] utime (14), [12] stime, [13] cutime, [14] cstime.
  const f = text.slice(close + 2).split(' ');
  const num = (i: number): number => Number(f[i] ?? 0);
  return { pid, ppid: num(1), ticks: num(11) + num(12) + num(13) + num(14) };
}

/** VmRSS of /proc/<pid>/status in bytes; 0 for kernel threads and zombies. */
export function parseRssBytes(statusText: string): number {
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(statusText);
  return match ? Number(match[1]) * 1024 : 0;
}

function readAllStats(): Map<number, ProcStat> {
  const stats = new Map<number, ProcStat>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = parseStat(readFileSync(`/proc/${name}/stat`, 'utf8'));
      if (stat) stats.set(stat.pid, stat);
    } catch {
      // exited while listing
    }
  }
  return stats;
}

/** One reading of the tree rooted at rootPid. */
export function readTree(rootPid: number): TreeReading {
  const stats = readAllStats();
  if (!stats.has(rootPid)) return { alive: false, ticks: 0, rssBytes: 0, processes: 0 };
  const children = new Map<number, number[]>();
  for (const stat of stats.values()) {
    const list = children.get(stat.ppid);
    if (list) list.push(stat.pid);
    else children.set(stat.ppid, [stat.pid]);
  }
  let ticks = 0;
  let rssBytes = 0;
  let processes = 0;
  const todo = [rootPid];
  while (todo.length > 0) {
    const pid = todo.pop() as number;
    const stat = stats.get(pid);
    if (!stat) continue;
    processes++;
    ticks += stat.ticks;
    try {
      rssBytes += parseRssBytes(readFileSync(`/proc/${pid}/status`, 'utf8'));
    } catch {
      // exited between the two reads: its ticks are in its parent's cutime at the next reading
    }
    todo.push(...(children.get(pid) ?? []));
  }
  return { alive: true, ticks, rssBytes, processes };
}
