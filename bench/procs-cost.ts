// What one read of the process table costs (src/sampler/process-table.ts), on this machine as it is and with 1,000
// extra sleeping processes, and what the alternatives would cost, so the choice of reading strategy rests on numbers:
//   node dist/bench/procs-cost.js            (Linux; READS=30 reads per figure by default)
// Per strategy: wall ms per read (median, p95), CPU ms per read (all threads: the async variants work in libuv's
// pool), heap bytes allocated per read (gc() before and after, reads with a GC in between left out), and the longest
// the event loop was held (what a dashboard's key press would wait).
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { killGroup, spawnTracked } from './cleanup.js';
import { median, sleep } from './stats.js';
import { parseCmdline, parsePidStat, parsePidStatus, PF_KTHREAD } from '../src/sampler/proc-pid.js';
import { ProcessTableReader } from '../src/sampler/process-table.js';
import { processRows } from '../src/sampler/processes.js';

const EXTRA_PROCESSES = 1000;
const READS = Number(process.env.READS ?? 30);

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

interface Figures {
  strategy: string;
  processes: number;
  wallMedianMs: number;
  wallP95Ms: number;
  cpuMs: number;
  /** Share of cpuMs spent in the kernel (generating and copying the /proc files). */
  systemPct: number;
  heapBytes: number;
  /** Per read, the longest the event loop was held: median over the reads, and the worst read. */
  blockMedianMs: number;
  blockMaxMs: number;
}

type Read = () => Promise<number>;

/** The shipped reader (sync files, batches of `batchSize` with a yield in between), plus the CPU % step. */
function shipped(batchSize: number): Read {
  const reader = new ProcessTableReader({ batchSize });
  let previous: Awaited<ReturnType<ProcessTableReader['read']>> | undefined;
  return async () => {
    const snapshot = await reader.read();
    const rows = processRows(previous, snapshot);
    previous = snapshot;
    return rows.length;
  };
}

/** The same three files and parsers through fs.promises.readFile, `concurrency` processes at a time. */
function promisesReader(concurrency: number): Read {
  const gone = (error: unknown): undefined => {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ESRCH') return undefined;
    throw error;
  };
  const one = async (pid: string): Promise<boolean> => {
    const stat = await readFile(`/proc/${pid}/stat`).then(parsePidStat, gone);
    if (!stat) return false;
    if ((stat.flags & PF_KTHREAD) !== 0) return true;
    const [status, cmdline] = await Promise.all([readFile(`/proc/${pid}/status`).catch(gone), readFile(`/proc/${pid}/cmdline`).catch(gone)]);
    return status !== undefined && cmdline !== undefined && parsePidStatus(status) !== undefined && parseCmdline(cmdline).length >= 0;
  };
  return async () => {
    const pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
    let next = 0;
    let count = 0;
    const worker = async (): Promise<void> => {
      while (next < pids.length) if (await one(pids[next++]!)) count++;
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return count;
  };
}

interface Strategy {
  name: string;
  read: Read;
}

/**
 * Round robin over the strategies, one read each per round, so that the machine's load (a shared test machine) falls
 * on every strategy alike rather than on whichever ran during a busy minute.
 */
async function measure(label: string, strategies: readonly Strategy[]): Promise<Figures[]> {
  process.stderr.write(`procs-cost: ${label}\n`);
  for (const s of strategies) for (let i = 0; i < 5; i++) await s.read();
  const figures = strategies.map(() => ({ walls: [] as number[], cpus: [] as number[], blocks: [] as number[], systemMicros: 0, totalMicros: 0, heaps: [] as number[], processes: 0 }));
  // Time, CPU and event-loop blocking, without forced GCs (a gc() would count as a block of its own).
  for (let round = 0; round < READS; round++) {
    for (const [i, s] of strategies.entries()) {
      const cpuBefore = process.cpuUsage();
      const blocks = watchEventLoop();
      const t0 = performance.now();
      figures[i]!.processes = await s.read();
      figures[i]!.walls.push(performance.now() - t0);
      figures[i]!.blocks.push(blocks.stop());
      const cpu = process.cpuUsage(cpuBefore);
      figures[i]!.cpus.push((cpu.user + cpu.system) / 1000);
      figures[i]!.systemMicros += cpu.system;
      figures[i]!.totalMicros += cpu.user + cpu.system;
      await sleep(5);
    }
  }
  // Allocation: heap growth over one read between two full GCs; a read with a GC inside it is left out.
  let gcs = 0;
  const observer = new PerformanceObserver((list) => void (gcs += list.getEntries().length));
  observer.observe({ entryTypes: ['gc'] });
  for (let round = 0; round < READS; round++) {
    for (const [i, s] of strategies.entries()) {
      gc();
      await sleep(5); // let the gc entry arrive before counting
      const gcsBefore = gcs;
      const heapBefore = process.memoryUsage().heapUsed;
      await s.read();
      const heapAfter = process.memoryUsage().heapUsed;
      await sleep(5);
      if (gcs === gcsBefore) figures[i]!.heaps.push(heapAfter - heapBefore);
    }
  }
  observer.disconnect();
  return strategies.map((s, i) => {
    const f = figures[i]!;
    const sorted = [...f.walls].sort((a, b) => a - b);
    return {
      strategy: `${label}: ${s.name}`,
      processes: f.processes,
      wallMedianMs: median(f.walls),
      wallP95Ms: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))]!,
      cpuMs: median(f.cpus),
      systemPct: f.totalMicros > 0 ? (f.systemMicros / f.totalMicros) * 100 : 0,
      heapBytes: f.heaps.length > 0 ? median(f.heaps) : Number.NaN,
      blockMedianMs: median(f.blocks),
      blockMaxMs: Math.max(...f.blocks),
    };
  });
}

/** The longest time between two turns of the event loop from now until stop(): how long a key press would wait. */
function watchEventLoop(): { stop(): number } {
  let last = performance.now();
  let longest = 0;
  let running = true;
  const turn = (): void => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (running) setImmediate(turn);
  };
  setImmediate(turn);
  return {
    stop() {
      running = false;
      return Math.max(longest, performance.now() - last);
    },
  };
}

function strategies(): Strategy[] {
  return [
    { name: 'sync, batches of 64 (shipped)', read: shipped(64) },
    { name: 'sync, one batch', read: shipped(1e9) },
    { name: 'fs.promises, 16 at a time', read: promisesReader(16) },
    { name: 'fs.promises, 64 at a time', read: promisesReader(64) },
  ];
}

function countProcesses(): number {
  return readdirSync('/proc').filter((name) => /^\d+$/.test(name)).length;
}

async function withSleepers<T>(count: number, run: () => Promise<T>): Promise<T> {
  const before = countProcesses();
  // One shell in its own process group starts them all; killing the group ends every sleep with it.
  const shell = spawnTracked('sh', ['-c', `i=0; while [ $i -lt ${count} ]; do sleep 300 & i=$((i+1)); done; wait`], { stdio: 'ignore' });
  try {
    const deadline = performance.now() + 60_000;
    while (countProcesses() < before + count) {
      if (performance.now() > deadline) throw new Error(`only ${countProcesses() - before} of ${count} sleepers started`);
      await sleep(100);
    }
    return await run();
  } finally {
    killGroup(shell.pid);
    // SIGKILL is delivered at once but reaping takes a moment: leave the machine as it was found.
    const deadline = performance.now() + 10_000;
    while (countProcesses() > before + 5 && performance.now() < deadline) await sleep(100);
  }
}

function table(rows: readonly Figures[]): string {
  const lines = [
    '| strategy | processes | wall ms/read (median) | p95 | CPU ms/read | of it in the kernel | heap KiB/read | event loop held ms (median, worst) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.strategy} | ${r.processes} | ${r.wallMedianMs.toFixed(1)} | ${r.wallP95Ms.toFixed(1)} | ${r.cpuMs.toFixed(1)} | ${r.systemPct.toFixed(0)} % | ${(r.heapBytes / 1024).toFixed(0)} | ${r.blockMedianMs.toFixed(1)}, ${r.blockMaxMs.toFixed(1)} |`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<number> {
  if (process.platform !== 'linux') {
    process.stderr.write('procs-cost: Linux only (reads /proc)\n');
    return 1;
  }
  const load = (): string => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  const loadBefore = load();
  const now = await measure(`${countProcesses()} processes`, strategies());
  const more = await withSleepers(EXTRA_PROCESSES, () => measure(`+${EXTRA_PROCESSES} sleeping`, strategies()));
  const cores = readFileSync('/proc/cpuinfo', 'utf8').match(/^processor\s*:/gm)?.length ?? 0;
  process.stdout.write(`${cores} cores; load average ${loadBefore} before, ${load()} after; ${READS} reads per row\n\n${table([...now, ...more])}\n`);
  return 0;
}

process.exitCode = await main();
