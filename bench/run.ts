// `npm run bench`: measures srvmon's own cost against a floor and a peer (gtop), its startup, alert latency, memory
// over a simulated day and outbox drain; prints the table with PASS/FAIL per budget, writes bench/results.md, and
// exits 1 if a budget is missed. BENCH_SECONDS shortens the side-by-side window (default 60) for quick runs.
// Every child process, tmux server and temp dir is removed at the end, also on errors and Ctrl+C (cleanup.ts).
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { measureAgentCost } from './agent-cost.js';
import { measureAlertLatency } from './alert-latency.js';
import { measureAttachedCost } from './attached-cost.js';
import { measureCostGrowth } from './cost-growth.js';
import { measureOneShot } from './one-shot.js';
import { measureRollupSize } from './rollup-size.js';
import { cleanupAll } from './cleanup.js';
import { machineInfo } from './machine.js';
import { measureOutboxDrain } from './outbox-drain.js';
import { HISTORY_MD, RESULTS_MD } from './paths.js';
import { measureProcessCosts } from './process-cost.js';
import { budgetLines, budgetTable, costTable, machineText, resultsMarkdown, type BenchResults } from './report.js';
import { measureSimulatedDay } from './simulated-day.js';
import { measureStartup } from './startup.js';

const DEFAULT_SECONDS = 60;
const STARTUP_RUNS = 5;
const LATENCY_RUNS = 8;
/** The cost-growth measurement takes three windows; each is BENCH_SECONDS up to this. */
const GROWTH_MAX_SECONDS = 30;
const ATTACHED_DASHBOARDS_TEXT = 'four';

function benchSeconds(env: NodeJS.ProcessEnv): number {
  const text = env.BENCH_SECONDS;
  if (text === undefined || text === '') return DEFAULT_SECONDS;
  const seconds = Number(text);
  if (!Number.isInteger(seconds) || seconds < 2 || seconds > 600) throw new Error(`BENCH_SECONDS must be a whole number of seconds from 2 to 600, got ${JSON.stringify(text)}`);
  return seconds;
}

async function main(): Promise<number> {
  if (process.platform !== 'linux') {
    process.stderr.write('bench: Linux only (reads /proc, runs tmux)\n');
    return 1;
  }
  const seconds = benchSeconds(process.env);
  const t0 = performance.now();
  const machine = machineInfo();
  const step = (text: string): void => void process.stderr.write(`bench: ${text}\n`);
  step(`machine: ${machineText(machine)}`);

  // The side-by-side window first, while nothing else of the benchmark runs.
  step(`1/5 cost: srvmon --no-ui, dashboard (Overview and Processes tab), floor, btop and gtop side by side for ${seconds} s...`);
  const cost = await measureProcessCosts(seconds);
  step(`2/5 startup: ${STARTUP_RUNS} runs each, headless and dashboard...`);
  const startup = await measureStartup(STARTUP_RUNS);
  step(`3/5 alert latency: ${LATENCY_RUNS} runs against a local SMTP server...`);
  const latency = await measureAlertLatency(LATENCY_RUNS);
  step('4/5 a day in a second: 86,400 samples...');
  const day = await measureSimulatedDay();
  step('5/5 outbox drain: 1,000 queued mails...');
  const drain = await measureOutboxDrain();
  step(`agent 0/4: srvmon --no-ui and the floor side by side, ${seconds} s after a 15 s warm-up...`);
  const agentCost = await measureAgentCost(seconds);
  step(`agent 1/4: an agent alone beside one with ${ATTACHED_DASHBOARDS_TEXT} dashboards attached, ${seconds} s...`);
  const attached = await measureAttachedCost(seconds);
  step(`agent 2/4 one-shot commands: ${STARTUP_RUNS} runs each...`);
  const oneShot = await measureOneShot(STARTUP_RUNS);
  const growthSeconds = Math.min(seconds, GROWTH_MAX_SECONDS);
  step(`agent 3/4 cost growth: plain, grown (+1,000 processes, +100 interfaces), plain again, ${growthSeconds} s each...`);
  const growth = await measureCostGrowth(growthSeconds);
  step('agent 4/4 a day of rollups at the key cap...');
  const rollups = await measureRollupSize();

  const agent = { cost: agentCost, attached, oneShot, growth, rollups };
  const results: BenchResults = { machine, cost, startup, latency, day, drain, agent, totalSeconds: (performance.now() - t0) / 1000 };
  const lines = budgetLines(results);
  process.stdout.write(`\n${costTable(cost)}\n\n${budgetTable(lines)}\n\n`);
  for (const line of lines) process.stdout.write(`${line.verdict.padEnd(4)}  ${line.name}: ${line.result} (budget: ${line.budget})\n`);
  writeFileSync(RESULTS_MD, resultsMarkdown(results, HISTORY_MD));
  process.stdout.write(`\nwrote ${RESULTS_MD}\n`);
  return lines.some((l) => l.verdict === 'FAIL') ? 1 : 0;
}

let code = 1;
try {
  code = await main();
} catch (error: unknown) {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  code = 1;
} finally {
  cleanupAll();
}
// The SMTP sockets and timers of the measurements must not keep the process alive.
process.exit(code);
