// The agent's budgets (issue 14): CPU and RSS of `srvmon --no-ui` against the floor, the agent with dashboards
// attached, one-shot commands, cost growth and a day of rollups. budgetLines() in report.ts adds these lines.
import { join } from 'node:path';
import type { AgentCostResult } from './agent-cost.js';
import type { AttachedCostResult } from './attached-cost.js';
import type { CostGrowthResult, GrowthFigures } from './cost-growth.js';
import type { OneShotResult } from './one-shot.js';
import type { RollupSizeResult } from './rollup-size.js';
import { ROOT } from './paths.js';
import { median, MiB } from './stats.js';

/** The agent's before/after figures and profile findings, appended to results.md after history.md. */
export const AGENT_HISTORY_MD = join(ROOT, 'bench', 'history-agent.md');

export const AGENT_BUDGETS = {
  /** Agent CPU as a share of the floor's, measured side by side. */
  cpuShareOfFloor: 0.3,
  rssBytes: 50 * MiB,
  /** Agent CPU with 4 dashboards attached, as a multiple of an agent alone beside it. */
  attachedCpuRatio: 1.5,
  oneShotMs: 150,
  /** CPU per tick on the grown host, as a multiple of the plain host's. */
  growthCpuRatio: 2,
  rollupWriteGapMs: 60_000,
  rollupFileBytes: 5 * MiB,
  rollupHeapBytes: 10 * MiB,
} as const;

export interface AgentResults {
  cost: AgentCostResult;
  attached: AttachedCostResult;
  oneShot: OneShotResult;
  growth: CostGrowthResult;
  rollups: RollupSizeResult;
}

type Verdict = 'PASS' | 'FAIL' | 'INFO';
interface Line {
  name: string;
  result: string;
  budget: string;
  verdict: Verdict;
}

const pct = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(2)}%` : 'n/a');
const mb = (bytes: number): string => (Number.isFinite(bytes) ? `${(bytes / MiB).toFixed(1)} MB` : 'n/a');
const ms = (value: number): string => (Number.isFinite(value) ? `${Math.round(value)} ms` : 'n/a');
const ms1 = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : 'n/a');
const x = (a: number, b: number): string => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}x` : 'n/a');
const check = (ok: boolean): Verdict => (ok ? 'PASS' : 'FAIL');

/** The headless agent's CPU and RSS lines, from its own side-by-side window with the floor (agent-cost.ts). */
function agentCostLines(c: AgentCostResult): Line[] {
  const cap = c.floor.cpuPct * AGENT_BUDGETS.cpuShareOfFloor;
  return [
    {
      name: 'CPU, srvmon --no-ui (default rules), steady state',
      result: c.error ?? `${pct(c.agent.cpuPct)} of one core (${x(c.agent.cpuPct, c.floor.cpuPct)} the floor's ${pct(c.floor.cpuPct)})`,
      budget: `at most ${AGENT_BUDGETS.cpuShareOfFloor}x the floor (${pct(cap)})`,
      verdict: check(!c.error && c.agent.cpuPct <= cap),
    },
    {
      name: 'RSS, srvmon --no-ui (mean), steady state',
      result: c.error ?? `${mb(c.agent.rssMeanBytes)} (max ${mb(c.agent.rssMaxBytes)}; the floor ${mb(c.floor.rssMeanBytes)})`,
      budget: `at most ${mb(AGENT_BUDGETS.rssBytes)}`,
      verdict: check(!c.error && c.agent.rssMeanBytes <= AGENT_BUDGETS.rssBytes),
    },
  ];
}

export function agentLines(r: AgentResults): Line[] {
  const lines: Line[] = agentCostLines(r.cost);
  const a = r.attached;
  lines.push({
    name: `CPU, srvmon --no-ui with ${a.dashboards} dashboards attached`,
    result: a.error ?? `${pct(a.attachedCpuPct)} of one core (${x(a.attachedCpuPct, a.aloneCpuPct)} the agent alone beside it, ${pct(a.aloneCpuPct)}); RSS ${mb(a.attachedRssMeanBytes)}`,
    budget: `at most ${AGENT_BUDGETS.attachedCpuRatio}x the agent alone`,
    verdict: check(!a.error && a.attachedCpuPct <= a.aloneCpuPct * AGENT_BUDGETS.attachedCpuRatio),
  });

  const o = r.oneShot;
  if (o.error) lines.push({ name: 'One-shot commands', result: o.error, budget: `each within ${AGENT_BUDGETS.oneShotMs} ms`, verdict: 'FAIL' });
  for (const command of o.commands) {
    const m = median(command.wallMs);
    lines.push({
      name: `One-shot \`srvmon ${command.args}\` (median of ${command.wallMs.length}, wall)`,
      result: `${ms(m)} (runs: ${command.wallMs.map((v) => Math.round(v)).join(', ')} ms)`,
      budget: `within ${AGENT_BUDGETS.oneShotMs} ms`,
      verdict: check(m <= AGENT_BUDGETS.oneShotMs),
    });
  }

  const g = r.growth;
  const growthLine = (label: string, f: GrowthFigures): Line => ({
    name: `Cost growth, ${label}: +${g.extraProcesses.toLocaleString('en')} processes, +${g.extraInterfaces} interfaces (${g.interfaceKind})`,
    result: g.error ?? `CPU ${ms1(f.grownMsPerTick)} per tick vs ${ms1(f.plainMsPerTick)} plain (${x(f.grownMsPerTick, f.plainMsPerTick)}; plain before ${ms1(f.plainBeforeMsPerTick)}, after ${ms1(f.plainAfterMsPerTick)}; ${g.processesPlain} -> ${g.processesGrown} processes)`,
    budget: `at most ${AGENT_BUDGETS.growthCpuRatio}x the plain host`,
    verdict: check(!g.error && f.grownMsPerTick <= f.plainMsPerTick * AGENT_BUDGETS.growthCpuRatio),
  });
  lines.push(growthLine('agent (--no-ui)', g.agent), growthLine('dashboard with the Processes view open', g.processesView));

  const d = r.rollups;
  lines.push(
    {
      name: `A day of rollups: writes (${d.keys} keys, ${d.samples.toLocaleString('en')} samples)`,
      result: d.error ?? `${d.writes} writes, at least ${ms(d.minWriteGapMs)} apart`,
      budget: 'at most once a minute',
      verdict: check(!d.error && d.minWriteGapMs >= AGENT_BUDGETS.rollupWriteGapMs),
    },
    {
      name: 'A day of rollups: on disk',
      result: d.error ?? mb(d.fileBytes),
      budget: `at most ${mb(AGENT_BUDGETS.rollupFileBytes)}`,
      verdict: check(!d.error && d.fileBytes <= AGENT_BUDGETS.rollupFileBytes),
    },
    {
      name: 'A day of rollups: in the heap (JS heap + typed arrays, after gc)',
      result: d.error ?? mb(d.heapHeldBytes),
      budget: `at most ${mb(AGENT_BUDGETS.rollupHeapBytes)}`,
      verdict: check(!d.error && d.heapHeldBytes <= AGENT_BUDGETS.rollupHeapBytes),
    },
  );
  return lines;
}

export function agentMethodText(r: AgentResults): string {
  return `- **Agent CPU and RSS:** \`srvmon --no-ui\` (default config, temp HOME) and the floor script side by side for
  ${r.cost.seconds} s after a ${r.cost.warmupSeconds} s warm-up (the agent's start ends with V8's one-off memory-reducing GCs about 9 s in;
  see agent-cost.ts); process trees from /proc as above.
- **Agent with dashboards attached:** two agents side by side for ${r.attached.seconds} s (after a 3 s warm-up), each in a
  temp HOME; ${r.attached.dashboards} real dashboards in tmux 120x40 panes run with the second agent's HOME, so they attach over its
  control socket (each seen drawing data with "agent pid N" in its title before the window starts). Only the agents'
  process trees are measured.
- **One-shot commands:** wall time from spawn to exit of \`node dist/src/cli/main.js <args>\`, one warm-up then
  ${r.oneShot.runs} runs each; \`status\`, \`mute 10m\` and \`unmute\` against a running agent in the same temp HOME.
- **Cost growth:** an agent and a standalone dashboard on its Processes tab, measured ${r.growth.seconds} s on the host as it is,
  ${r.growth.seconds} s with ${r.growth.extraProcesses.toLocaleString('en')} sleeping processes (perl-forked) and ${r.growth.extraInterfaces} extra interfaces (${r.growth.interfaceKind};
  dummy links are refused by this kernel), and ${r.growth.seconds} s after removing them; CPU ms per 1 s tick from /proc; the base is
  the larger plain window.
- **A day of rollups:** in a child with --expose-gc, ${r.rollups.samples.toLocaleString('en')} samples of ${r.rollups.keys} charted keys (the recorder's cap) through the real
  RollupRecorder with a FakeClock; every write is counted with its monotonic time, the last one (at stop) goes to a
  real RollupFile; heap = heapUsed + arrayBuffers after gc(), minus before the recorder existed.`;
}
