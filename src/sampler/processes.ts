// A process list like top's: CPU % from two reads of the process table, memory %, sorting and filtering.
// Reading is process-table.ts; everything here but ProcessSampler is pure.

import os from 'node:os';
import { ProcessTableReader, type ProcessRecord, type ProcessSnapshot, type ProcessTableOptions } from './process-table.js';

export type { ProcessRecord, ProcessSnapshot } from './process-table.js';

export interface ProcessRow extends ProcessRecord {
  /**
   * CPU used since the previous read: % of one core (a process with busy threads goes above 100), or % of the whole
   * machine with cpuScale 'machine'. undefined on a process's first read (new, or a pid reused by a new process).
   */
  cpuPct: number | undefined;
  /** RSS / MemTotal. */
  memoryPct: number;
}

/** 'core': 100 % is one core, as top and ps show it. 'machine': 100 % is every core busy (top's Irix mode off). */
export type CpuScale = 'core' | 'machine';

export interface UsageOptions {
  /**
   * USER_HZ, the unit of the tick counters in /proc/<pid>/stat. 100 on every architecture Linux runs servers on
   * (x86, arm, arm64, ppc, s390, riscv); Node cannot call sysconf(_SC_CLK_TCK), and a child process to ask would
   * defeat the point. @default 100
   */
  clockTicksPerSec?: number;
  /** @default os.cpus().length */
  logicalCores?: number;
  /** @default 'core' */
  cpuScale?: CpuScale;
}

/**
 * Rows for the current read, with CPU % against the previous one. A process is the same process only if pid AND start
 * time match: a pid reused by a new process between two reads must not inherit (or subtract) the old one's ticks.
 */
export function processRows(
  previous: ProcessSnapshot | undefined,
  current: ProcessSnapshot,
  options: UsageOptions = {},
): ProcessRow[] {
  const ticksPerSec = options.clockTicksPerSec ?? 100;
  const cores = Math.max(1, options.logicalCores ?? os.cpus().length);
  const divisor = options.cpuScale === 'machine' ? cores : 1;
  const elapsedSec = previous ? (current.atMonoMs - previous.atMonoMs) / 1000 : 0;
  const before = new Map<number, ProcessRecord>();
  if (previous && elapsedSec > 0) for (const p of previous.processes) before.set(p.pid, p);
  // Tick counts are whole ticks read at slightly different instants: a single thread can read 102 %. Cap at what the
  // machine can give, so a rounding error never outranks a process that really used every core.
  const maxPct = (100 * cores) / divisor;
  return current.processes.map((process) => {
    const old = before.get(process.pid);
    let cpuPct: number | undefined;
    if (old && old.startTimeTicks === process.startTimeTicks && process.cpuTicks >= old.cpuTicks) {
      cpuPct = Math.min(maxPct, ((process.cpuTicks - old.cpuTicks) / ticksPerSec / elapsedSec / divisor) * 100);
    }
    const memoryPct = current.memTotalBytes > 0 ? Math.min(100, (process.rssBytes / current.memTotalBytes) * 100) : 0;
    return { ...process, cpuPct, memoryPct };
  });
}

export type ProcessSortKey = 'cpu' | 'memory' | 'pid';

export interface ProcessQuery {
  /** cpu and memory: highest first; pid: lowest first. Ties go by pid. @default 'cpu' */
  sortBy?: ProcessSortKey;
  /** Case-insensitive substring of the name (comm) or the command line; empty matches all. */
  filter?: string;
  /** @default false */
  showKernelThreads?: boolean;
}

/** The rows a view shows, in order. A process without a CPU % yet sorts below every measured one under 'cpu'. */
export function selectProcesses(rows: readonly ProcessRow[], query: ProcessQuery = {}): ProcessRow[] {
  const needle = (query.filter ?? '').toLowerCase();
  const shown = rows.filter(
    (row) =>
      (query.showKernelThreads || !row.kernelThread) &&
      (needle === '' || row.name.toLowerCase().includes(needle) || row.command.toLowerCase().includes(needle)),
  );
  const byPid = (a: ProcessRow, b: ProcessRow): number => a.pid - b.pid;
  switch (query.sortBy ?? 'cpu') {
    case 'cpu':
      return shown.sort((a, b) => (b.cpuPct ?? -1) - (a.cpuPct ?? -1) || byPid(a, b));
    case 'memory':
      return shown.sort((a, b) => b.rssBytes - a.rssBytes || byPid(a, b));
    case 'pid':
      return shown.sort(byPid);
  }
}

export interface ProcessSamplerOptions extends ProcessTableOptions, UsageOptions {}

/** Keeps the previous read, so that each read() gives CPU % over the time since the last one. */
export class ProcessSampler {
  readonly #reader: ProcessTableReader;
  readonly #usage: UsageOptions;
  #previous: ProcessSnapshot | undefined;

  constructor(options: ProcessSamplerOptions = {}) {
    this.#reader = new ProcessTableReader(options);
    this.#usage = {
      clockTicksPerSec: options.clockTicksPerSec,
      logicalCores: options.logicalCores ?? os.cpus().length,
      cpuScale: options.cpuScale,
    };
  }

  /** Every process (filter and sort with selectProcesses); the first read has no CPU % yet. */
  async read(cpuScale?: CpuScale): Promise<ProcessRow[]> {
    const current = await this.#reader.read();
    const rows = processRows(this.#previous, current, { ...this.#usage, cpuScale: cpuScale ?? this.#usage.cpuScale });
    this.#previous = current;
    return rows;
  }
}
