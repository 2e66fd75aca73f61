// Measurement 1: CPU % of one core and RSS of the monitors running side by side, all at once, for BENCH_SECONDS
// (default 60) at a 1 s refresh: srvmon --no-ui, the srvmon dashboard in tmux 120x40 (on its Overview tab and, as a
// second instance, on its Processes tab, which reads the whole process table every tick), the floor script, btop
// (Debian package, default layout, update_ms 1000) and gtop 1.1.5 in tmux 120x40 panes of the same tmux server. Each is measured as a process tree (see proc-tree.ts). A short warm-up after start is excluded, so
// the figures are the steady state a user pays for every hour, not the one-off start.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { killGroup, spawnTracked, tempDir } from './cleanup.js';
import { BTOP, DASHBOARD_MODULE, FLOOR_SCRIPT, GTOP, isolatedEnv, SRVMON_CLI } from './paths.js';
import { clockTicksPerSecond, readTree, type TreeReading } from './proc-tree.js';
import { max, mean, sleep } from './stats.js';
import { TmuxServer } from './tmux.js';

export type ProcessKey = 'headless' | 'dashboard' | 'processes' | 'floor' | 'btop' | 'gtop';

export interface ProcessCost {
  key: ProcessKey;
  label: string;
  /** Mean CPU over the window, % of one core. */
  cpuPct: number;
  /** Highest one-second CPU reading. */
  cpuMaxPct: number;
  rssMeanBytes: number;
  rssMaxBytes: number;
  /** Most processes seen in the tree at once (gtop's children show here). */
  maxProcesses: number;
  /** Set when the program could not be measured (not built, crashed). */
  error?: string;
}

export interface ProcessCostResult {
  seconds: number;
  warmupSeconds: number;
  costs: ProcessCost[];
}

const WARMUP_MS = 3000;

interface Target {
  key: ProcessKey;
  label: string;
  pid?: number;
  error?: string;
  readings: { atMs: number; reading: TreeReading }[];
}

export async function measureProcessCosts(seconds: number): Promise<ProcessCostResult> {
  const tmux = new TmuxServer('cost');
  const pids: number[] = [];
  try {
    const targets: Target[] = [];
    const add = (key: ProcessKey, label: string, start: () => Promise<number>): Promise<void> =>
      start().then(
        (pid) => void (pids.push(pid), targets.push({ key, label, pid, readings: [] })),
        (error: unknown) => void targets.push({ key, label, error: String(error instanceof Error ? error.message : error), readings: [] }),
      );

    const headlessHome = tempDir('headless');
    await add('headless', 'srvmon --no-ui', async () => {
      // stdout is read and dropped, as journald would read it.
      const child = spawnTracked(process.execPath, [SRVMON_CLI, '--no-ui'], { cwd: headlessHome, env: isolatedEnv(headlessHome), stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout?.resume();
      child.stderr?.resume();
      if (child.pid === undefined) throw new Error('srvmon did not start');
      return child.pid;
    });
    await add('dashboard', 'srvmon dashboard (tmux 120x40)', async () => {
      if (!existsSync(DASHBOARD_MODULE)) throw new Error('the dashboard is not built (dist/src/ui/dashboard.js missing)');
      const home = tempDir('dashboard');
      return tmux.newSession('dashboard', [process.execPath, SRVMON_CLI], { cwd: home, env: { HOME: home, LANG: 'C.UTF-8' } });
    });
    await add('processes', 'srvmon dashboard, Processes tab (tmux 120x40)', async () => {
      if (!existsSync(DASHBOARD_MODULE)) throw new Error('the dashboard is not built (dist/src/ui/dashboard.js missing)');
      const home = tempDir('processes');
      const pid = await tmux.newSession('processes', [process.execPath, SRVMON_CLI], { cwd: home, env: { HOME: home, LANG: 'C.UTF-8' } });
      // Key 2 once the tab row is drawn; the window counts only once the table is on screen.
      await tmux.waitForScreen('processes', (s) => s.includes('2 Processes'), 10_000, 'the tab row');
      await tmux.sendKeys('processes', '2');
      await tmux.waitForScreen('processes', (s) => /\[2 Processes\]/.test(s) && /PID USER +CPU%/.test(s), 10_000, 'the processes table');
      return pid;
    });
    await add('floor', 'floor: systeminformation currentLoad()+mem() 1/s', async () => {
      const child = spawnTracked(process.execPath, [FLOOR_SCRIPT], { stdio: 'ignore' });
      if (child.pid === undefined) throw new Error('the floor script did not start');
      return child.pid;
    });
    await add('btop', 'btop (tmux 120x40)', async () => {
      if (!existsSync(BTOP)) throw new Error('btop is not installed (apt-get install btop; bash scripts/ensure-bench-deps.sh)');
      const home = tempDir('btop');
      // btop's own default refresh is 2 s; the comparison is at srvmon's 1 s. Everything else is btop's default.
      mkdirSync(join(home, '.config', 'btop'), { recursive: true });
      writeFileSync(join(home, '.config', 'btop', 'btop.conf'), 'update_ms = 1000\n');
      const pid = await tmux.newSession('btop', [BTOP], { cwd: home, env: { HOME: home, LANG: 'C.UTF-8' } });
      // btop draws its boxes once it has read its config and the terminal size; the window counts from then.
      await tmux.waitForScreen('btop', (s) => /cpu/i.test(s) && /proc/i.test(s), 10_000, "btop's screen");
      return pid;
    });
    await add('gtop', 'gtop 1.1.5 (tmux 120x40)', async () => {
      if (!existsSync(GTOP)) throw new Error('gtop is not installed (npm install)');
      const home = tempDir('gtop');
      return tmux.newSession('gtop', [process.execPath, GTOP], { cwd: home, env: { HOME: home, LANG: 'C.UTF-8' } });
    });

    await sleep(WARMUP_MS);
    const live = targets.filter((t) => t.pid !== undefined);
    const read = (): void => {
      const atMs = performance.now();
      for (const target of live) target.readings.push({ atMs, reading: readTree(target.pid as number) });
    };
    read();
    const startMs = performance.now();
    for (let i = 1; i <= seconds; i++) {
      // Read on the second from the start, so timer drift does not pile up.
      await sleep(Math.max(0, startMs + i * 1000 - performance.now()));
      read();
    }

    const order: ProcessKey[] = ['headless', 'dashboard', 'processes', 'floor', 'btop', 'gtop'];
    const costs = order.map((key) => {
      const target = targets.find((t) => t.key === key) as Target;
      return costOf(target);
    });
    return { seconds, warmupSeconds: WARMUP_MS / 1000, costs };
  } finally {
    tmux.kill();
    for (const pid of pids) killGroup(pid);
  }
}

function costOf(target: Target): ProcessCost {
  const base = { key: target.key, label: target.label };
  const empty = { cpuPct: Number.NaN, cpuMaxPct: Number.NaN, rssMeanBytes: Number.NaN, rssMaxBytes: Number.NaN, maxProcesses: 0 };
  if (target.error) return { ...base, ...empty, error: target.error };
  const readings = target.readings;
  const died = readings.findIndex((r) => !r.reading.alive);
  if (died >= 0) return { ...base, ...empty, error: `exited ${died === 0 ? 'during the warm-up' : `after ${died} s`}` };
  const hz = clockTicksPerSecond();
  const first = readings[0];
  const last = readings[readings.length - 1];
  if (!first || !last || readings.length < 2) return { ...base, ...empty, error: 'no readings' };
  const pct = (a: (typeof readings)[number], b: (typeof readings)[number]): number => ((b.reading.ticks - a.reading.ticks) / hz / ((b.atMs - a.atMs) / 1000)) * 100;
  const perSecond = readings.slice(1).map((r, i) => pct(readings[i] as (typeof readings)[number], r));
  const rss = readings.map((r) => r.reading.rssBytes);
  return {
    ...base,
    cpuPct: pct(first, last),
    cpuMaxPct: max(perSecond),
    rssMeanBytes: mean(rss),
    rssMaxBytes: max(rss),
    maxProcesses: max(readings.map((r) => r.reading.processes)),
  };
}
