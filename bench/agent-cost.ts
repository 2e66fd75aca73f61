// The headless agent against the floor, side by side, measured in its steady state. process-cost.ts measures every
// program after a 3 s warm-up, which suits the dashboards; the agent's start ends later: V8's memory reducer runs its
// full GCs about 9 s after start (node --trace-gc: 87 ms + 19 ms of marking, once), and counting them in a 60 s
// window adds about 0.15% of a core that the agent never pays again. So here both wait WARMUP_MS first. CPU and RSS
// are read as in process-cost.ts (process trees from /proc, proc-tree.ts).
import { performance } from 'node:perf_hooks';
import { startAgent, type AgentProcess } from './agent-process.js';
import { killGroup, spawnTracked } from './cleanup.js';
import { FLOOR_SCRIPT } from './paths.js';
import { clockTicksPerSecond, readTree, type TreeReading } from './proc-tree.js';
import { max, mean, sleep } from './stats.js';

export const AGENT_WARMUP_MS = 15_000;

export interface SteadyCost {
  cpuPct: number;
  rssMeanBytes: number;
  rssMaxBytes: number;
}

export interface AgentCostResult {
  seconds: number;
  warmupSeconds: number;
  agent: SteadyCost;
  floor: SteadyCost;
  error?: string;
}

export async function measureAgentCost(seconds: number): Promise<AgentCostResult> {
  const nan = { cpuPct: Number.NaN, rssMeanBytes: Number.NaN, rssMaxBytes: Number.NaN };
  const result: AgentCostResult = { seconds, warmupSeconds: AGENT_WARMUP_MS / 1000, agent: nan, floor: nan };
  let agent: AgentProcess | undefined;
  let floorPid: number | undefined;
  try {
    agent = await startAgent('agent-cost');
    const floor = spawnTracked(process.execPath, [FLOOR_SCRIPT], { stdio: 'ignore' });
    floorPid = floor.pid;
    if (floorPid === undefined) throw new Error('the floor script did not start');
    await sleep(AGENT_WARMUP_MS);
    const pids = [agent.pid, floorPid];
    const readings: TreeReading[][] = [[], []];
    const read = (): void => pids.forEach((pid, i) => readings[i]!.push(readTree(pid)));
    read();
    const t0 = performance.now();
    for (let i = 1; i <= seconds; i++) {
      await sleep(Math.max(0, t0 + i * 1000 - performance.now()));
      read();
    }
    const elapsedS = (performance.now() - t0) / 1000;
    const hz = clockTicksPerSecond();
    const cost = (list: TreeReading[], what: string): SteadyCost => {
      if (list.some((r) => !r.alive)) throw new Error(`${what} exited during the window`);
      return {
        cpuPct: ((list[list.length - 1]!.ticks - list[0]!.ticks) / hz / elapsedS) * 100,
        rssMeanBytes: mean(list.map((r) => r.rssBytes)),
        rssMaxBytes: max(list.map((r) => r.rssBytes)),
      };
    };
    result.agent = cost(readings[0]!, 'the agent');
    result.floor = cost(readings[1]!, 'the floor script');
  } catch (error: unknown) {
    result.error = error instanceof Error ? error.message : String(error);
  } finally {
    agent?.stop();
    killGroup(floorPid);
  }
  return result;
}
