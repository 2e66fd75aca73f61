// Turns the measurements into budget verdicts and the results.md text (also printed by run.ts).
import { existsSync, readFileSync } from 'node:fs';
import { agentLines, agentMethodText, AGENT_HISTORY_MD, type AgentResults } from './agent-report.js';
import type { AlertLatencyResult } from './alert-latency.js';
import type { MachineInfo } from './machine.js';
import type { OutboxDrainResult } from './outbox-drain.js';
import type { ProcessCost, ProcessCostResult, ProcessKey } from './process-cost.js';
import type { SimulatedDayResult } from './simulated-day.js';
import type { StartupResult } from './startup.js';
import { max, median, MiB } from './stats.js';

export interface BenchResults {
  machine: MachineInfo;
  cost: ProcessCostResult;
  startup: StartupResult;
  latency: AlertLatencyResult;
  day: SimulatedDayResult;
  drain: OutboxDrainResult;
  /** The agent's measurements (agent-report.ts). */
  agent: AgentResults;
  totalSeconds: number;
}

export type Verdict = 'PASS' | 'FAIL' | 'INFO';

export interface BudgetLine {
  name: string;
  result: string;
  budget: string;
  verdict: Verdict;
}

export const BUDGETS = {
  firstFrameMs: 300,
  attachedFirstFrameMs: 200,
  /** Dashboard CPU (Overview) as a share of btop's, both in 120x40 tmux panes of one window at a 1 s refresh. */
  dashboardCpuShareOfBtop: 1,
  /** The same with the Processes tab open. */
  processesCpuShareOfBtop: 1.5,
  dashboardRssBytes: 60 * MiB,
  heapGrowthBytes: 2 * MiB,
  alertExtraMs: 200,
  drainSeconds: 30,
} as const;

const pct = (value: number): string => (Number.isFinite(value) ? `${value.toFixed(2)}%` : 'n/a');
const mb = (bytes: number): string => (Number.isFinite(bytes) ? `${(bytes / MiB).toFixed(1)} MB` : 'n/a');
const ms = (value: number): string => (Number.isFinite(value) ? `${Math.round(value)} ms` : 'n/a');
const ratio = (a: number, b: number): string => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}x` : 'n/a');
const check = (ok: boolean): Verdict => (ok ? 'PASS' : 'FAIL');

export function budgetLines(r: BenchResults): BudgetLine[] {
  const cost = (key: ProcessKey): ProcessCost => r.cost.costs.find((c) => c.key === key) as ProcessCost;
  const [headless, dashboard, processes, floor, btop] = (['headless', 'dashboard', 'processes', 'floor', 'btop'] as const).map(cost) as [ProcessCost, ProcessCost, ProcessCost, ProcessCost, ProcessCost];
  const err = (...costs: ProcessCost[]): string | undefined => costs.map((c) => (c.error ? `${c.label}: ${c.error}` : '')).filter(Boolean).join('; ') || undefined;
  const lines: BudgetLine[] = [];

  // The agent's CPU and RSS budgets are judged on its own steady-state window (agent-report.ts); this one is for reference.
  lines.push({
    name: 'CPU, srvmon --no-ui (in the 5-program window)',
    result: err(headless, floor) ?? `${pct(headless.cpuPct)} of one core (${ratio(headless.cpuPct, floor.cpuPct)} the floor), RSS ${mb(headless.rssMeanBytes)}`,
    budget: 'none (for reference)',
    verdict: err(headless, floor) ? 'FAIL' : 'INFO',
  });
  // The dashboard against btop, the terminal monitor people pick instead: btop draws a full screen (processes
  // included) in its default layout, so the Overview must cost no more, and the Processes tab (the whole process
  // table read every tick) at most half as much again.
  const dashErr = err(dashboard, btop);
  const overviewCap = btop.cpuPct * BUDGETS.dashboardCpuShareOfBtop;
  lines.push({
    name: 'CPU, dashboard (Overview)',
    result: dashErr ?? `${pct(dashboard.cpuPct)} of one core (${ratio(dashboard.cpuPct, btop.cpuPct)} btop)`,
    budget: `at most btop's (${pct(overviewCap)})`,
    verdict: check(!dashErr && dashboard.cpuPct <= overviewCap),
  });
  const procsErr = err(processes, btop);
  const procsCap = btop.cpuPct * BUDGETS.processesCpuShareOfBtop;
  lines.push({
    name: 'CPU, dashboard on the Processes tab',
    result: procsErr ?? `${pct(processes.cpuPct)} of one core (${ratio(processes.cpuPct, btop.cpuPct)} btop)`,
    budget: `at most 1.5x btop's (${pct(procsCap)})`,
    verdict: check(!procsErr && processes.cpuPct <= procsCap),
  });
  const rssErr = err(dashboard);
  lines.push({
    name: 'RSS, dashboard (mean)',
    result: rssErr ?? `${mb(dashboard.rssMeanBytes)} (max ${mb(dashboard.rssMaxBytes)}; btop ${mb(btop.rssMeanBytes)})`,
    budget: `at most ${mb(BUDGETS.dashboardRssBytes)}`,
    verdict: check(!rssErr && dashboard.rssMeanBytes <= BUDGETS.dashboardRssBytes),
  });

  const s = r.startup;
  lines.push({
    name: `First frame with data, dashboard in tmux (median of ${s.dashboardMs.length})`,
    result: s.dashboardError ?? `${ms(median(s.dashboardMs))} (max ${ms(max(s.dashboardMs))}; CPU used by then ${ms(median(s.dashboardCpuMs))})`,
    budget: `within ${BUDGETS.firstFrameMs} ms`,
    verdict: check(!s.dashboardError && median(s.dashboardMs) <= BUDGETS.firstFrameMs),
  });
  lines.push({
    name: `First frame with data, dashboard attached to an agent (median of ${s.attachedMs.length})`,
    result: s.attachedError ?? `${ms(median(s.attachedMs))} (max ${ms(max(s.attachedMs))}; CPU used by then ${ms(median(s.attachedCpuMs))})`,
    budget: `within ${BUDGETS.attachedFirstFrameMs} ms`,
    verdict: check(!s.attachedError && median(s.attachedMs) <= BUDGETS.attachedFirstFrameMs),
  });
  lines.push({
    name: `First sample, headless (median of ${s.headlessFirstSampleMs.length})`,
    result: s.headlessError ?? `${ms(median(s.headlessFirstSampleMs))} (max ${ms(max(s.headlessFirstSampleMs))}; start line ${ms(median(s.headlessStartLineMs))})`,
    budget: 'none (for reference)',
    verdict: s.headlessError ? 'FAIL' : 'INFO',
  });

  const l = r.latency;
  const latencyCap = l.intervalMs + l.groupWaitMs + BUDGETS.alertExtraMs;
  lines.push({
    name: `Alert latency, threshold crossed to mail accepted (max of ${l.endToEndMs.length})`,
    result: l.error ?? `${ms(max(l.endToEndMs))} (median ${ms(median(l.endToEndMs))}; handleSample to accepted: median ${ms(median(l.pipelineMs))}, max ${ms(max(l.pipelineMs))})`,
    budget: `within one interval + groupWait ${l.groupWaitMs} ms + ${BUDGETS.alertExtraMs} ms (${latencyCap} ms)`,
    verdict: check(!l.error && max(l.endToEndMs) <= latencyCap),
  });

  const d = r.day;
  lines.push({
    name: `A day in a second: ${d.samples.toLocaleString('en')} samples, ${d.keys} keys`,
    result: d.error ?? `heap ${d.heapGrowthBytes >= 0 ? '+' : ''}${(d.heapGrowthBytes / MiB).toFixed(2)} MB, ${(d.elapsedMs / 1000).toFixed(2)} s (${d.alerts} alert transitions)`,
    budget: `heap growth within ${BUDGETS.heapGrowthBytes / MiB} MB`,
    verdict: check(!d.error && d.heapGrowthBytes <= BUDGETS.heapGrowthBytes),
  });

  const o = r.drain;
  lines.push({
    name: `Outbox drain, ${o.count.toLocaleString('en')} queued mails`,
    result: o.error ?? `${o.seconds.toFixed(2)} s`,
    budget: `within ${BUDGETS.drainSeconds} s`,
    verdict: check(!o.error && o.seconds <= BUDGETS.drainSeconds),
  });
  lines.push(...agentLines(r.agent));
  return lines;
}

export function costTable(cost: ProcessCostResult): string {
  const byKey = (key: ProcessKey): ProcessCost | undefined => cost.costs.find((c) => c.key === key);
  const floor = byKey('floor');
  const gtop = byKey('gtop');
  const btop = byKey('btop');
  const rows = cost.costs.map((c) =>
    c.error
      ? `| ${c.label} | ${c.error} | | | | | | | | | |`
      : `| ${c.label} | ${pct(c.cpuPct)} | ${pct(c.cpuMaxPct)} | ${mb(c.rssMeanBytes)} | ${mb(c.rssMaxBytes)} | ${c.maxProcesses} | ${ratio(c.cpuPct, floor?.cpuPct ?? NaN)} | ${ratio(c.cpuPct, btop?.cpuPct ?? NaN)} | ${ratio(c.cpuPct, gtop?.cpuPct ?? NaN)} | ${ratio(c.rssMeanBytes, floor?.rssMeanBytes ?? NaN)} | ${ratio(c.rssMeanBytes, gtop?.rssMeanBytes ?? NaN)} |`,
  );
  return [
    '| Program | CPU % of one core | busiest second | RSS mean | RSS max | processes (max) | CPU / floor | CPU / btop | CPU / gtop | RSS / floor | RSS / gtop |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
    ...rows,
  ].join('\n');
}

export function budgetTable(lines: BudgetLine[]): string {
  return ['| Measurement | Result | Budget | |', '|---|---|---|---|', ...lines.map((b) => `| ${b.name} | ${b.result} | ${b.budget} | ${b.verdict} |`)].join('\n');
}

export function machineText(m: MachineInfo): string {
  return `${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB RAM; ${m.distro}, Linux ${m.kernel}; Node.js ${m.node}. Load average at start: ${m.loadAtStart}.`;
}

export function resultsMarkdown(r: BenchResults, historyPath: string): string {
  const lines = budgetLines(r);
  const failed = lines.filter((b) => b.verdict === 'FAIL').length;
  const history = [historyPath, AGENT_HISTORY_MD].map((path) => (existsSync(path) ? readFileSync(path, 'utf8').trim() : '')).filter(Boolean).join('\n\n');
  return `# srvmon benchmark results

Generated by \`npm run bench\` (bench/run.ts) on ${r.machine.date}, in ${Math.round(r.totalSeconds)} s.
**Machine:** ${machineText(r.machine)}

**${failed === 0 ? 'Every budget holds.' : `${failed} budget${failed === 1 ? '' : 's'} missed.`}**

${budgetTable(lines)}

## Cost side by side

All six ran at the same time for ${r.cost.seconds} s at a 1 s refresh, after a ${r.cost.warmupSeconds} s warm-up that is not
counted. Each is measured as a process tree from /proc: CPU is utime+stime of the process and its descendants
(children that ran and exited in between are counted through cutime/cstime), as % of one core over the whole window;
RSS is the sum of VmRSS over the tree, read every second. MB = 2^20 bytes.

${costTable(r.cost)}

- srvmon --no-ui: \`node dist/src/cli/main.js --no-ui\`, default config, temp HOME, stdout read and dropped.
- dashboard: \`node dist/src/cli/main.js\` in a tmux 120x40 pane, on its Overview tab.
- dashboard, Processes tab: a second instance, the same, with key 2 pressed (and the table seen on screen) before
  the warm-up ends.
- floor: bench/floor.ts, a Node process calling systeminformation's currentLoad() and mem() once a second.
- btop (Debian package, installed by scripts/ensure-bench-deps.sh) in a tmux 120x40 pane of the same tmux server, its
  default layout (CPU, memory, network and process boxes), \`update_ms = 1000\` (its default is 2000) so it redraws
  as often as srvmon; a fresh HOME, so no other setting of its own applies.
- gtop 1.1.5 (devDependency) in a tmux 120x40 pane.

## How the other figures are taken

- **First frame with data:** from asking tmux to start \`srvmon\` in a new 120x40 pane to the first \`capture-pane\` that
  shows the CPU % and Memory % chart titles each with a number; polled every few ms, so tmux's own start and the polling
  count against srvmon. One unmeasured warm-up run, then ${r.startup.runs} runs. "CPU used by then": utime + stime of the
  dashboard's process (/proc/<pid>/stat) at that capture, the median, which other load on the machine hardly moves. **Attached:** the same with
  \`srvmon --no-ui\` already running in that HOME for 1.5 s: the dashboard finds its control socket and shows its data.
- **First sample, headless:** from spawning \`srvmon --no-ui --json\` with \`rules.memory.threshold: 1\` to the alert line
  the first sample raises.
- **Alert latency:** in-process, a real Monitor (state file, alert log) and the real sink (createSink: outbox on disk,
  mail channel, nodemailer) sending to a local smtp-server. A scripted sampler emits a sample every ${r.latency.intervalMs} ms; the
  world's memory use jumps from 40% to 95% at a random moment between two ticks (memory rule, window 1). Measured from
  that moment (and from the handleSample() call) to the end of DATA at the server, with the channel's default policy:
  its groupWait (${r.latency.groupWaitMs} ms) holds a first alert for company before sending. One warm-up run, then ${r.latency.runs}.
- **A day in a second:** in a child process with --expose-gc, 86,400 scripted samples (cpu, cpu:0..3, memory, swap,
  load1/5/15, load1PerCore, disk:/, disk:/data, netRx/netTx of two interfaces) through Monitor.handleSample (store and
  engine, persist: false) with a FakeClock and no sleeping, after a 1,200-sample warm-up; heap after gc() twice, before
  and after.
- **Outbox drain:** ${r.drain.count.toLocaleString('en')} notifications queued through the real Notifier while nothing listens on the SMTP
  port (written to the outbox with fsync; took ${Number.isFinite(r.drain.queueSeconds) ? r.drain.queueSeconds.toFixed(1) : 'n/a'} s), that Notifier stopped; then smtp-server starts on the port and a
  new Notifier on the same state dir: from its construction to the last message accepted.
${agentMethodText(r.agent)}
${history ? `\n${history}\n` : ''}`;
}
