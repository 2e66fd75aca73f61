// Takes the evidence of an alert transition in-process, from /proc (no child process):
// - cpu, load: the 3 busiest processes, the CPU time split and its diagnosis;
// - memory, swap: the 3 largest processes by RSS and whether pages are being swapped now;
// - disk, diskfull: the mount's free bytes, its growth over the last hour and the time left at that rate;
// - netRx, netTx, diskio, temperature: read from the transition's sample (sample-evidence.ts): the interface's rates
//   and the busiest interfaces, the mount's read/write rates and busy %, the hottest sensors.
// iowait, cpuCore and process count as cpu kinds, processMemory as a memory kind (evidence-kinds.ts).
//
// Cost (measured, see README "What an alert says"): the split and the swap counters are one small file each per
// sample, read only while a rule of their kind is enabled. The process table is the expensive part (about 5 ms of CPU
// for 90 processes, about 80 ms for 1,000): it is read only while a rule of a cpu kind is pending (its latest value is
// above the threshold but the window average not yet), so that the firing tick has a baseline to measure CPU % from,
// and at a transition. Without a fresh baseline the transition reads the table twice, SECOND_READ_DELAY_MS apart.
// The process reader module is loaded on first use, so a monitor whose rules never get near firing never loads it.
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { diagnose } from '../alerts/diagnosis.js';
import type { AlertEvidence, EvidenceProcess } from '../alerts/evidence.js';
import type { RuleStatus } from '../alerts/engine.js';
import type { ProcessRecord, ProcessSnapshot, ProcessRow } from '../sampler/processes.js';
import type { AlertEvent, Sample } from '../types.js';
import { buildKey, parseKey } from '../catalogue/metric-keys.js';
import { CPU_KINDS, MEMORY_KINDS, wantsEvidence } from './evidence-kinds.js';
import type { EvidenceSource } from './evidence-source.js';
import { cpuSplitPct, parseCpuSplitCounters, type CpuSplitCounters } from './cpu-split.js';
import { diskTrend, type FreePoint } from './disk-trend.js';
import { diskIoEvidence, hottestSensors, networkEvidence } from './sample-evidence.js';
import { parseSwapCounters, swapRates, type SwapCounters } from './vmstat.js';

/** Wait between the two reads of the process table when there is no baseline: long enough for whole ticks to add up. */
export const SECOND_READ_DELAY_MS = 500;
/** A baseline older than this measures too long ago to name what is busy now. */
export const BASELINE_MAX_AGE_MS = 15_000;
/** Processes named per list. */
export const TOP_PROCESSES = 3;

/** What the collector needs from the process reader (sampler/processes.ts), so that tests can script it. */
export interface ProcessReading {
  read(): Promise<ProcessSnapshot>;
  rows(previous: ProcessSnapshot | undefined, current: ProcessSnapshot): ProcessRow[];
}

export interface EvidenceCollectorOptions {
  /** @default '/proc' */
  procDir?: string;
  /** Monotonic ms, for rates. */
  monoMs: () => number;
  /** @default timers/promises setTimeout */
  sleep?: (ms: number) => Promise<void>;
  /** @default the /proc reader of sampler/processes.ts, loaded on first use */
  processes?: () => Promise<ProcessReading>;
  /** Free bytes of a mount over the last hour (per-minute rollups); none when they are off. */
  diskFreeHistory?: (mountpoint: string, nowMs: number) => FreePoint[];
}

interface Stamped<T> {
  value: T;
  atMonoMs: number;
}

export class EvidenceCollector implements EvidenceSource {
  readonly #procDir: string;
  readonly #monoMs: () => number;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #loadProcesses: () => Promise<ProcessReading>;
  readonly #diskFreeHistory: EvidenceCollectorOptions['diskFreeHistory'];
  #processes: Promise<ProcessReading> | undefined;

  #cpuBefore: Stamped<CpuSplitCounters> | undefined;
  #cpuNow: Stamped<CpuSplitCounters> | undefined;
  #swapBefore: Stamped<SwapCounters> | undefined;
  #swapNow: Stamped<SwapCounters> | undefined;
  /** The last process table read while a rule of a cpu kind was pending. */
  #baseline: ProcessSnapshot | undefined;
  #baselineRead: Promise<void> | undefined;
  /** Process table reads made, for the cost report and tests. */
  processReads = 0;

  constructor(options: EvidenceCollectorOptions) {
    this.#procDir = options.procDir ?? '/proc';
    this.#monoMs = options.monoMs;
    this.#sleep = options.sleep ?? ((ms) => sleep(ms));
    this.#loadProcesses = options.processes ?? (() => loadProcReader(options.monoMs));
    this.#diskFreeHistory = options.diskFreeHistory;
  }

  /** Whether events of this kind get evidence (resolves get their duration and peak from the engine). */
  wants(event: AlertEvent): boolean {
    return wantsEvidence(event);
  }

  /** Every sample, after the engine: the cheap counters for the enabled kinds, a process baseline when pending. */
  observe(sample: Sample, statuses: readonly RuleStatus[]): void {
    if (statuses.some((s) => CPU_KINDS.has(s.rule.kind))) {
      this.#cpuBefore = this.#cpuNow;
      this.#cpuNow = this.#readCpuCounters();
    }
    if (statuses.some((s) => MEMORY_KINDS.has(s.rule.kind))) {
      this.#swapBefore = this.#swapNow;
      this.#swapNow = this.#readSwapCounters();
    }
    const pending = statuses.some(({ rule, state }) => CPU_KINDS.has(rule.kind) && state.status === 'ok' && (sample.values[rule.metric] ?? -Infinity) > rule.threshold);
    if (pending && this.#baselineRead === undefined) {
      this.#baselineRead = this.#readTable()
        .then((snapshot) => {
          this.#baseline = snapshot;
        })
        .catch(() => undefined) // evidence is best effort: a failed read leaves the transition to read twice
        .finally(() => {
          this.#baselineRead = undefined;
        });
    }
  }

  /** The evidence of one transition; never rejects (a part that cannot be read is left out). */
  async collect(event: AlertEvent, sample: Sample): Promise<AlertEvidence | undefined> {
    if (!this.wants(event)) return undefined;
    const evidence: AlertEvidence = {};
    // The mount, interface or sensor of a keyed rule: its id is `<kind>:<instance>` (disk events also carry it).
    const instance = event.mountpoint ?? parseKey(event.rule)?.instance;
    if (CPU_KINDS.has(event.kind)) {
      await this.#addCpu(evidence);
    } else if (MEMORY_KINDS.has(event.kind)) {
      await this.#addMemory(evidence);
    } else if ((event.kind === 'disk' || event.kind === 'diskfull') && instance !== undefined) {
      const freeBytes = sample.values[buildKey('diskFree', instance)];
      if (freeBytes !== undefined) evidence.disk = diskTrend(instance, freeBytes, sample.timeMs, this.#diskFreeHistory?.(instance, sample.timeMs) ?? []);
    } else if ((event.kind === 'netRx' || event.kind === 'netTx') && instance !== undefined) {
      const network = networkEvidence(sample.values, instance, event.kind === 'netRx' ? 'rx' : 'tx');
      if (network) evidence.network = network;
    } else if (event.kind === 'diskio' && instance !== undefined) {
      const diskIo = diskIoEvidence(sample.values, instance);
      if (diskIo) evidence.diskIo = diskIo;
    } else if (event.kind === 'temperature') {
      const hottest = hottestSensors(sample.values);
      if (hottest.length > 0) evidence.temperatures = hottest;
    }
    return Object.keys(evidence).length > 0 ? evidence : undefined;
  }

  async #addCpu(evidence: AlertEvidence): Promise<void> {
    // The split over the last sample interval; without one (the first samples, counters that did not move) over the
    // process reads below, which take at least SECOND_READ_DELAY_MS.
    const lastInterval = this.#cpuBefore && this.#cpuNow ? cpuSplitPct(this.#cpuBefore.value, this.#cpuNow.value) : undefined;
    const splitFrom = lastInterval ? undefined : (this.#cpuNow ?? this.#readCpuCounters());
    try {
      await this.#baselineRead;
      let before = this.#baseline;
      this.#baseline = undefined; // used once: the next episode measures from its own
      if (!before || this.#monoMs() - before.atMonoMs > BASELINE_MAX_AGE_MS) before = await this.#readTable();
      // A baseline taken a moment ago (a short interval) measures too few ticks to rank processes: wait the rest.
      const ageMs = this.#monoMs() - before.atMonoMs;
      if (ageMs < SECOND_READ_DELAY_MS) await this.#sleep(SECOND_READ_DELAY_MS - ageMs);
      const after = await this.#readTable();
      const reader = await this.#reader();
      const rows = reader.rows(before, after).filter((row) => row.cpuPct !== undefined);
      rows.sort((a, b) => b.cpuPct! - a.cpuPct! || a.pid - b.pid);
      evidence.topByCpu = rows.slice(0, TOP_PROCESSES).map((row) => ({ ...named(row), cpuPercent: round1(row.cpuPct!) }));
      evidence.cpuMeasuredMs = Math.round(after.atMonoMs - before.atMonoMs);
    } catch {
      // No process list (hidepid, a sandbox): the split alone still says something.
    }
    const splitTo = splitFrom ? this.#readCpuCounters() : undefined;
    const split = lastInterval ?? (splitFrom && splitTo ? cpuSplitPct(splitFrom.value, splitTo.value) : undefined);
    if (split) {
      evidence.cpuSplit = split;
      const diagnosis = diagnose(split);
      if (diagnosis) evidence.diagnosis = diagnosis;
    }
  }

  async #addMemory(evidence: AlertEvidence): Promise<void> {
    // The first samples have no interval yet: the rate is then measured over the process table read below, so that
    // the notification does not wait for an interval of its own (a memory alert on the first sample is common).
    const from = this.#swapBefore ?? this.#swapNow ?? this.#readSwapCounters();
    try {
      const snapshot = await this.#readTable();
      const rows = [...snapshot.processes].sort((a, b) => b.rssBytes - a.rssBytes || a.pid - b.pid);
      evidence.topByRss = rows.slice(0, TOP_PROCESSES).map((row) => ({ ...named(row), rssBytes: row.rssBytes }));
    } catch {
      // No process list (hidepid, a sandbox): the swap rate alone still says something.
    }
    const to = this.#swapBefore ? this.#swapNow : this.#readSwapCounters();
    const rates = from && to ? swapRates(from.value, to.value, to.atMonoMs - from.atMonoMs) : undefined;
    if (rates) Object.assign(evidence, { swappingNow: rates.swappingNow, swapInPagesPerSec: rates.swapInPagesPerSec, swapOutPagesPerSec: rates.swapOutPagesPerSec });
  }

  async #readTable(): Promise<ProcessSnapshot> {
    const reader = await this.#reader();
    this.processReads++;
    return reader.read();
  }

  #reader(): Promise<ProcessReading> {
    this.#processes ??= this.#loadProcesses();
    return this.#processes;
  }

  #readCpuCounters(): Stamped<CpuSplitCounters> | undefined {
    return this.#readStamped(() => parseCpuSplitCounters(readFileSync(`${this.#procDir}/stat`, 'utf8')));
  }

  #readSwapCounters(): Stamped<SwapCounters> | undefined {
    return this.#readStamped(() => parseSwapCounters(readFileSync(`${this.#procDir}/vmstat`, 'utf8')));
  }

  /** A counter file that cannot be read (not Linux, a sandbox) leaves that part out. */
  #readStamped<T>(read: () => T | undefined): Stamped<T> | undefined {
    try {
      const value = read();
      return value === undefined ? undefined : { value, atMonoMs: this.#monoMs() };
    } catch {
      return undefined;
    }
  }
}

function named(row: ProcessRecord): EvidenceProcess {
  return { name: row.name, pid: row.pid, user: row.user };
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

async function loadProcReader(monoMs: () => number): Promise<ProcessReading> {
  const { ProcessTableReader } = await import('../sampler/process-table.js');
  const { processRows } = await import('../sampler/processes.js');
  const reader = new ProcessTableReader({ monoMs });
  return { read: () => reader.read(), rows: (previous, current) => processRows(previous, current) };
}
