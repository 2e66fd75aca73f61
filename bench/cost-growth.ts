// Cost growth: the same srvmon processes measured first on the host as it is, then with 1,000 extra (sleeping)
// processes and 100 extra network interfaces (host-growth.ts), each for BENCH_SECONDS after a warm-up. Measured: the
// agent (`--no-ui`, default rules) and a standalone dashboard in tmux 120x40 with its Processes view open, which reads
// every process each tick. CPU is utime+stime of the process tree over the window (proc-tree.ts); at one tick a
// second, CPU ms per second is CPU ms per tick. The host cannot be plain and grown at once, so the two windows follow
// each other on the same processes; the figure for the plain host is taken again after shrinking, and the larger of
// the two plain windows is the base, so load that came and went during the run does not flatter the ratio.
import { readdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { startAgent, type AgentProcess } from './agent-process.js';
import { tempDir } from './cleanup.js';
import { EXTRA_INTERFACES, EXTRA_PROCESSES, growHost, type GrownHost } from './host-growth.js';
import { SRVMON_CLI } from './paths.js';
import { clockTicksPerSecond, readTree } from './proc-tree.js';
import { sleep } from './stats.js';
import { TmuxServer } from './tmux.js';

export interface GrowthFigures {
  /** CPU ms per tick (1 s ticks) on the plain host: the larger of the windows before and after growth. */
  plainMsPerTick: number;
  plainBeforeMsPerTick: number;
  plainAfterMsPerTick: number;
  grownMsPerTick: number;
}

export interface CostGrowthResult {
  seconds: number;
  extraProcesses: number;
  extraInterfaces: number;
  interfaceKind: string;
  /** Processes in /proc before and while grown. */
  processesPlain: number;
  processesGrown: number;
  agent: GrowthFigures;
  processesView: GrowthFigures;
  error?: string;
}

const WARMUP_MS = 3000;

function processCount(): number {
  return readdirSync('/proc').filter((name) => /^\d+$/.test(name)).length;
}

async function cpuMsPerSecond(pids: number[], seconds: number): Promise<number[]> {
  const hz = clockTicksPerSecond();
  const first = pids.map((pid) => readTree(pid));
  const t0 = performance.now();
  await sleep(seconds * 1000);
  const elapsedS = (performance.now() - t0) / 1000;
  return pids.map((pid, i) => {
    const last = readTree(pid);
    if (!last.alive) throw new Error(`process ${pid} exited during the window`);
    return (((last.ticks - first[i]!.ticks) / hz) * 1000) / elapsedS;
  });
}

export async function measureCostGrowth(seconds: number): Promise<CostGrowthResult> {
  const nanFigures = (): GrowthFigures => ({ plainMsPerTick: Number.NaN, plainBeforeMsPerTick: Number.NaN, plainAfterMsPerTick: Number.NaN, grownMsPerTick: Number.NaN });
  const result: CostGrowthResult = {
    seconds, extraProcesses: EXTRA_PROCESSES, extraInterfaces: EXTRA_INTERFACES, interfaceKind: 'none',
    processesPlain: 0, processesGrown: 0, agent: nanFigures(), processesView: nanFigures(),
  };
  const tmux = new TmuxServer('growth');
  let agent: AgentProcess | undefined;
  let grown: GrownHost | undefined;
  try {
    agent = await startAgent('growth-agent');
    const home = tempDir('growth-view');
    const viewPid = await tmux.newSession('view', [process.execPath, SRVMON_CLI, '--standalone'], { cwd: home, env: { HOME: home, LANG: 'C.UTF-8' } });
    await tmux.waitForScreen('view', (s) => s.includes('2 Processes'), 10_000, 'the tab row');
    await tmux.sendKeys('view', '2');
    await tmux.waitForScreen('view', (s) => /\[2 Processes\]/.test(s) && /PID USER +CPU%/.test(s), 10_000, 'the processes table');
    const pids = [agent.pid, viewPid];

    await sleep(WARMUP_MS);
    result.processesPlain = processCount();
    const [agentBefore, viewBefore] = await cpuMsPerSecond(pids, seconds);

    grown = await growHost();
    result.interfaceKind = grown.interfaceKind;
    await sleep(WARMUP_MS);
    result.processesGrown = processCount();
    const [agentGrown, viewGrown] = await cpuMsPerSecond(pids, seconds);

    grown.shrink();
    grown = undefined;
    await sleep(WARMUP_MS);
    const [agentAfter, viewAfter] = await cpuMsPerSecond(pids, seconds);

    const figures = (before: number, grownMs: number, after: number): GrowthFigures => ({
      plainMsPerTick: Math.max(before, after), plainBeforeMsPerTick: before, plainAfterMsPerTick: after, grownMsPerTick: grownMs,
    });
    result.agent = figures(agentBefore!, agentGrown!, agentAfter!);
    result.processesView = figures(viewBefore!, viewGrown!, viewAfter!);
  } catch (error: unknown) {
    result.error = error instanceof Error ? error.message : String(error);
  } finally {
    grown?.shrink();
    tmux.kill();
    agent?.stop();
  }
  return result;
}
