// Agent CPU with dashboards attached: two agents run side by side in the same window, one alone and one with four
// real dashboards attached over its control socket (each in its own tmux 120x40 pane, started with the agent's HOME,
// so it finds the socket as a user's `srvmon` does). Only the agents are measured (process trees from /proc); the
// dashboards' own cost is the dashboard measurement's business. Side by side, so that the other load on the machine
// weighs on both alike.
import { performance } from 'node:perf_hooks';
import { startAgent, type AgentProcess } from './agent-process.js';
import { clockTicksPerSecond, readTree } from './proc-tree.js';
import { SRVMON_CLI } from './paths.js';
import { mean, sleep } from './stats.js';
import { TmuxServer } from './tmux.js';

export const ATTACHED_DASHBOARDS = 4;

export interface AttachedCostResult {
  seconds: number;
  dashboards: number;
  /** % of one core over the window. */
  aloneCpuPct: number;
  attachedCpuPct: number;
  aloneRssMeanBytes: number;
  attachedRssMeanBytes: number;
  error?: string;
}

const WARMUP_MS = 3000;
const FRAME_TIMEOUT_MS = 15_000;

export async function measureAttachedCost(seconds: number): Promise<AttachedCostResult> {
  const nan = Number.NaN;
  const result: AttachedCostResult = { seconds, dashboards: ATTACHED_DASHBOARDS, aloneCpuPct: nan, attachedCpuPct: nan, aloneRssMeanBytes: nan, attachedRssMeanBytes: nan };
  const tmux = new TmuxServer('attached');
  const agents: AgentProcess[] = [];
  try {
    const alone = await startAgent('agent-alone');
    agents.push(alone);
    const watched = await startAgent('agent-watched');
    agents.push(watched);
    for (let i = 0; i < ATTACHED_DASHBOARDS; i++) {
      const name = `view${i}`;
      await tmux.newSession(name, [process.execPath, SRVMON_CLI], { cwd: watched.home, env: { HOME: watched.home, LANG: 'C.UTF-8' } });
      // Attached (the title names the agent's pid) and drawing data.
      await tmux.waitForScreen(name, (s) => s.includes(`agent pid ${watched.pid}`) && /CPU %\s+\d/.test(s), FRAME_TIMEOUT_MS, `dashboard ${i + 1} attached to the agent with data`);
    }
    await sleep(WARMUP_MS);
    const hz = clockTicksPerSecond();
    const readings = { alone: [] as ReturnType<typeof readTree>[], watched: [] as ReturnType<typeof readTree>[] };
    const read = (): void => {
      readings.alone.push(readTree(alone.pid));
      readings.watched.push(readTree(watched.pid));
    };
    read();
    const t0 = performance.now();
    for (let i = 1; i <= seconds; i++) {
      await sleep(Math.max(0, t0 + i * 1000 - performance.now()));
      read();
    }
    const elapsedS = (performance.now() - t0) / 1000;
    for (const [key, list] of Object.entries(readings)) {
      if (list.some((r) => !r.alive)) throw new Error(`the ${key === 'alone' ? 'lone' : 'watched'} agent exited during the window`);
    }
    const cpu = (list: ReturnType<typeof readTree>[]): number => ((list[list.length - 1]!.ticks - list[0]!.ticks) / hz / elapsedS) * 100;
    result.aloneCpuPct = cpu(readings.alone);
    result.attachedCpuPct = cpu(readings.watched);
    result.aloneRssMeanBytes = mean(readings.alone.map((r) => r.rssBytes));
    result.attachedRssMeanBytes = mean(readings.watched.map((r) => r.rssBytes));
  } catch (error: unknown) {
    result.error = error instanceof Error ? error.message : String(error);
  } finally {
    tmux.kill();
    for (const agent of agents) agent.stop();
  }
  return result;
}
