// Where the CPU time went between two reads of /proc/stat's aggregate `cpu` line: user, system, iowait and steal as %
// of all time. Pure; the collector reads the file (sampler/proc-stat.ts keeps only busy/idle, which cannot say why).
import type { CpuSplit } from '../alerts/evidence.js';

/** Cumulative jiffies of the aggregate line, grouped as the split shows them. */
export interface CpuSplitCounters {
  user: number;
  system: number;
  idle: number;
  iowait: number;
  steal: number;
}

/** The `cpu ` line of /proc/stat, or undefined when there is none. */
export function parseCpuSplitCounters(text: string): CpuSplitCounters | undefined {
  const line = /^cpu\s+(.*)$/m.exec(text)?.[1];
  if (line === undefined) return undefined;
  const fields = line.trim().split(/\s+/).map(Number);
  if (fields.length < 4 || fields.some((n) => !Number.isFinite(n))) return undefined;
  // user nice system idle iowait irq softirq steal (guest and guest_nice are already inside user and nice)
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = fields;
  return { user: user + nice, system: system + irq + softirq, idle, iowait, steal };
}

/** % of all time per group between two reads; undefined when the counters did not advance or went back. */
export function cpuSplitPct(before: CpuSplitCounters, after: CpuSplitCounters): CpuSplit | undefined {
  const d = {
    user: after.user - before.user,
    system: after.system - before.system,
    idle: after.idle - before.idle,
    iowait: after.iowait - before.iowait,
    steal: after.steal - before.steal,
  };
  // iowait may go down on some kernels (it is an estimate per CPU); any other drop is a reset.
  if (d.user < 0 || d.system < 0 || d.idle < 0 || d.steal < 0) return undefined;
  const iowait = Math.max(0, d.iowait);
  const total = d.user + d.system + d.idle + iowait + d.steal;
  if (total <= 0) return undefined;
  // One decimal: jiffies are 10 ms, so over a second the split is no finer than that.
  const pct = (v: number): number => Math.round((v / total) * 1000) / 10;
  return { user: pct(d.user), system: pct(d.system), iowait: pct(iowait), steal: pct(d.steal) };
}
