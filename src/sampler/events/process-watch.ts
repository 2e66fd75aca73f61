// The process kinds' readings from the /proc process table (sampler/process-table.ts, the reader the dashboard's
// processes view and the evidence collector use; no `ps`, no child process):
// - `processCpu`: CPU % (of one core) of the busiest process not excluded, with the process as its subject
//   (name, pid, user, and how long it has been above the process rule's threshold);
// - `procMissing:<name>`: 1 while no process of that name runs, 0 while one does (rules.running).
//
// Cadence (measured with bench-style reads on the 2-core test VM: 513 processes took 35 ms of CPU and 120 ms of wall
// time per read, the table being read in batches with yields; so about 7 ms of CPU per 100 processes, ~10 ms for
// 150): the table is read at most every PROCESS_READ_INTERVAL_MS, in the background; ticks in between carry the last
// values, as disk values are carried between disk reads. At 5 s that is about 0.2% of one core for 150 processes.
import { basename } from 'node:path';
import type { SampleSubject } from '../../types.js';
import type { ProcessRow, ProcessSnapshot } from '../processes.js';
import { buildKey } from '../../catalogue/metric-keys.js';

/** Shortest time between two reads of the process table; ticks in between carry the last values. */
export const PROCESS_READ_INTERVAL_MS = 5000;
/** /proc/<pid>/comm holds at most this many bytes of the name. */
const COMM_MAX_BYTES = 15;

/** What the watch needs from the process reader (the same seam as the evidence collector's), so tests can script it. */
export interface ProcessReading {
  read(): Promise<ProcessSnapshot>;
  rows(previous: ProcessSnapshot | undefined, current: ProcessSnapshot): ProcessRow[];
}

export interface ProcessWatchSettings {
  /** The process rule, when on. */
  busiest?: { threshold: number; exclude: readonly string[] };
  /** The processMemory rule, when on. */
  largest?: { threshold: number; exclude: readonly string[] };
  /** The names of rules.running, when on. */
  running?: readonly string[];
}

export interface ProcessReadingValues {
  values: Record<string, number>;
  subjects: Record<string, SampleSubject>;
}

/**
 * Whether a process goes by `name`: its comm (cut at 15 bytes by the kernel, so a longer name matches its first 15
 * bytes), or the file name of its command (argv[0]: `/usr/sbin/nginx` is nginx).
 */
export function processHasName(row: Pick<ProcessRow, 'name' | 'command'>, name: string): boolean {
  if (row.name === name) return true;
  if (Buffer.byteLength(name) > COMM_MAX_BYTES && Buffer.byteLength(row.name) === COMM_MAX_BYTES && name.startsWith(row.name)) return true;
  if (row.command.startsWith('[')) return false;
  const argv0 = row.command.split(' ', 1)[0] ?? '';
  return argv0 !== '' && basename(argv0) === name;
}

/** A process that counts: not a kernel thread, not a zombie (it has exited; only its parent has not reaped it). */
function live(row: ProcessRow): boolean {
  return !row.kernelThread && row.state !== 'Z';
}

/**
 * The readings of one read. `aboveSince` holds, per process (pid and start time), when it was first seen above the
 * threshold; it is rebuilt from this read (a process that dropped below starts again).
 */
export function processReadings(
  rows: readonly ProcessRow[],
  settings: ProcessWatchSettings,
  aboveSince: Map<string, number>,
  nowMonoMs: number,
): ProcessReadingValues {
  const values: Record<string, number> = {};
  const subjects: Record<string, SampleSubject> = {};
  if (settings.busiest) {
    const { threshold, exclude } = settings.busiest;
    const measured = rows.filter((row) => live(row) && row.cpuPct !== undefined && !exclude.some((name) => processHasName(row, name)));
    const since = new Map<string, number>();
    for (const row of measured) {
      if (row.cpuPct! <= threshold) continue;
      const key = `${row.pid}:${row.startTimeTicks}`;
      since.set(key, aboveSince.get(key) ?? nowMonoMs);
    }
    for (const key of [...aboveSince.keys()]) if (!key.startsWith('rss:')) aboveSince.delete(key);
    for (const [key, atMs] of since) aboveSince.set(key, atMs);
    // No CPU % yet (the first read is the baseline): a gap, not a 0.
    if (measured.length > 0) {
      const top = measured.reduce((a, b) => (b.cpuPct! > a.cpuPct! || (b.cpuPct === a.cpuPct && b.pid < a.pid) ? b : a));
      values['processCpu'] = top.cpuPct!;
      const startedMs = aboveSince.get(`${top.pid}:${top.startTimeTicks}`);
      subjects['processCpu'] = {
        name: top.name,
        pid: top.pid,
        user: top.user,
        ...(startedMs !== undefined ? { forMs: nowMonoMs - startedMs } : {}),
      };
    }
  }
  if (settings.largest) {
    const { threshold, exclude } = settings.largest;
    const candidates = rows.filter((row) => live(row) && !exclude.some((name) => processHasName(row, name)));
    const since = new Map<string, number>();
    for (const row of candidates) {
      if (row.memoryPct <= threshold) continue;
      const key = `rss:${row.pid}:${row.startTimeTicks}`;
      since.set(key, aboveSince.get(key) ?? nowMonoMs);
    }
    for (const key of [...aboveSince.keys()]) if (key.startsWith('rss:')) aboveSince.delete(key);
    for (const [key, atMs] of since) aboveSince.set(key, atMs);
    if (candidates.length > 0) {
      const top = candidates.reduce((a, b) => (b.rssBytes > a.rssBytes || (b.rssBytes === a.rssBytes && b.pid < a.pid) ? b : a));
      values['processMemory'] = top.memoryPct;
      const startedMs = aboveSince.get(`rss:${top.pid}:${top.startTimeTicks}`);
      subjects['processMemory'] = { name: top.name, pid: top.pid, user: top.user, ...(startedMs !== undefined ? { forMs: nowMonoMs - startedMs } : {}) };
    }
  }
  for (const name of settings.running ?? []) {
    values[buildKey('procMissing', name)] = rows.some((row) => live(row) && processHasName(row, name)) ? 0 : 1;
  }
  return { values, subjects };
}

export interface ProcessWatchOptions {
  /** Monotonic ms. */
  monoMs: () => number;
  /** @default the /proc reader of sampler/processes.ts, loaded on first use */
  reading?: () => Promise<ProcessReading>;
  /** @default PROCESS_READ_INTERVAL_MS */
  readIntervalMs?: number;
}

/** Reads the table in the background on its own cadence; poll() never waits for a read. */
export class ProcessWatch {
  readonly #monoMs: () => number;
  readonly #loadReading: () => Promise<ProcessReading>;
  readonly #readIntervalMs: number;
  #reading: Promise<ProcessReading> | undefined;
  #previous: ProcessSnapshot | undefined;
  #lastStartMonoMs: number | undefined;
  #inFlight = false;
  #latest: ProcessReadingValues = { values: {}, subjects: {} };
  #error: unknown;
  readonly #aboveSince = new Map<string, number>();
  /** Reads completed: a test's positive signal. */
  reads = 0;

  constructor(options: ProcessWatchOptions) {
    this.#monoMs = options.monoMs;
    this.#loadReading = options.reading ?? defaultReading;
    this.#readIntervalMs = options.readIntervalMs ?? PROCESS_READ_INTERVAL_MS;
  }

  /** The latest readings for these settings, and the error of the last read if it failed. Starts a read when due. */
  poll(settings: ProcessWatchSettings): ProcessReadingValues & { error?: unknown } {
    const nowMonoMs = this.#monoMs();
    if (!this.#inFlight && (this.#lastStartMonoMs === undefined || nowMonoMs - this.#lastStartMonoMs >= this.#readIntervalMs)) {
      this.#lastStartMonoMs = nowMonoMs;
      this.#inFlight = true;
      void this.#read(settings).finally(() => (this.#inFlight = false));
    }
    return this.#error === undefined ? this.#latest : { ...this.#latest, error: this.#error };
  }

  /** Rules turned off: forget the baseline and the readings, so that turning them on again starts clean. */
  reset(): void {
    this.#previous = undefined;
    this.#latest = { values: {}, subjects: {} };
    this.#aboveSince.clear();
    this.#error = undefined;
  }

  async #read(settings: ProcessWatchSettings): Promise<void> {
    try {
      this.#reading ??= this.#loadReading();
      const reading = await this.#reading;
      const current = await reading.read();
      const rows = reading.rows(this.#previous, current);
      this.#previous = current;
      this.#latest = processReadings(rows, settings, this.#aboveSince, current.atMonoMs);
      this.#error = undefined;
      this.reads++;
    } catch (error: unknown) {
      this.#reading = undefined;
      this.#error = error;
    }
  }
}

async function defaultReading(): Promise<ProcessReading> {
  const { ProcessTableReader } = await import('../process-table.js');
  const { processRows } = await import('../processes.js');
  const reader = new ProcessTableReader();
  return { read: () => reader.read(), rows: (previous, current) => processRows(previous, current) };
}
