// Measurement 2: startup.
// - Dashboard: from the moment the benchmark asks tmux to start `srvmon` in a 120x40 pane to the first captured frame
//   that shows data (the CPU % and Memory % chart titles each followed by a number). The screen is polled with
//   capture-pane every few ms; the time taken is that of the capture that first saw the frame, so tmux's own start
//   and the polling granularity count against srvmon (an upper bound).
// - Attached dashboard: the same, with a headless agent (`srvmon --no-ui`, same HOME) already running and sampling:
//   `srvmon` finds its control socket and shows the agent's data instead of sampling itself.
// - With each, the CPU time the dashboard's process had used when that frame was captured (utime + stime from
//   /proc/<pid>/stat): unlike wall time it hardly moves when other programs share the cores.
// - Headless: from spawning `srvmon --no-ui --json` (with rules.memory.threshold: 1, so the first sample raises an
//   alert) to the alert line on stdout, i.e. to the first sample; and to the start line.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { killGroup, removeTempDir, spawnTracked, tempDir } from './cleanup.js';
import { DASHBOARD_MODULE, isolatedEnv, SRVMON_CLI } from './paths.js';
import { clockTicksPerSecond, readTree } from './proc-tree.js';
import { max, median, sleep } from './stats.js';
import { TmuxServer } from './tmux.js';

export interface StartupResult {
  runs: number;
  /** ms per run, process start to first frame with data; empty when the dashboard could not be measured. */
  dashboardMs: number[];
  dashboardError?: string;
  /** CPU ms the dashboard's process had used by then, per run. */
  dashboardCpuMs: number[];
  /** The same for a dashboard attaching to a running agent. */
  attachedMs: number[];
  attachedCpuMs: number[];
  attachedError?: string;
  /** ms per run, spawn to the start line. */
  headlessStartLineMs: number[];
  /** ms per run, spawn to the first sample (the alert line it raises). */
  headlessFirstSampleMs: number[];
  headlessError?: string;
}

const FRAME_TIMEOUT_MS = 10_000;
/** A chart title with a value: "CPU % 83.4%" (the value may be "-" before the first sample, which does not match). */
const DATA_FRAME = [/CPU %\s+\d+(?:\.\d+)?%/, /Memory %\s+\d+(?:\.\d+)?%/];

export function isDataFrame(screen: string): boolean {
  return DATA_FRAME.every((pattern) => pattern.test(screen));
}

export async function measureStartup(runs: number): Promise<StartupResult> {
  const result: StartupResult = { runs, dashboardMs: [], dashboardCpuMs: [], attachedMs: [], attachedCpuMs: [], headlessStartLineMs: [], headlessFirstSampleMs: [] };
  // Headless first: it does not need tmux. One unmeasured run first warms the file cache, as on any real server.
  try {
    await headlessOnce();
    for (let i = 0; i < runs; i++) {
      const { startLineMs, firstSampleMs } = await headlessOnce();
      result.headlessStartLineMs.push(startLineMs);
      result.headlessFirstSampleMs.push(firstSampleMs);
    }
  } catch (error: unknown) {
    result.headlessError = error instanceof Error ? error.message : String(error);
  }
  if (!existsSync(DASHBOARD_MODULE)) {
    result.dashboardError = 'the dashboard is not built (dist/src/ui/dashboard.js missing)';
    result.attachedError = result.dashboardError;
    return result;
  }
  const tmux = new TmuxServer('startup');
  try {
    await dashboardOnce(tmux, 'warm');
    for (let i = 0; i < runs; i++) {
      const { wallMs, cpuMs } = await dashboardOnce(tmux, `run${i}`);
      result.dashboardMs.push(wallMs);
      result.dashboardCpuMs.push(cpuMs);
    }
  } catch (error: unknown) {
    result.dashboardError = error instanceof Error ? error.message : String(error);
  } finally {
    tmux.kill();
  }
  const attachedTmux = new TmuxServer('attached');
  const agentHome = tempDir('startup-agent');
  const agent = spawnTracked(process.execPath, [SRVMON_CLI, '--no-ui'], { cwd: agentHome, env: isolatedEnv(agentHome), stdio: ['ignore', 'pipe', 'pipe'] });
  agent.stdout?.resume();
  agent.stderr?.resume();
  try {
    await waitForFile(join(agentHome, '.local', 'state', 'srvmon', 'control.sock'), FRAME_TIMEOUT_MS, 'the agent\'s control socket');
    // Its first samples, so the attached dashboard has data to show at once.
    await sleep(1500);
    await dashboardOnce(attachedTmux, 'warm', agentHome);
    for (let i = 0; i < runs; i++) {
      const { wallMs, cpuMs } = await dashboardOnce(attachedTmux, `run${i}`, agentHome);
      result.attachedMs.push(wallMs);
      result.attachedCpuMs.push(cpuMs);
    }
  } catch (error: unknown) {
    result.attachedError = error instanceof Error ? error.message : String(error);
  } finally {
    attachedTmux.kill();
    killGroup(agent.pid);
    removeTempDir(agentHome);
  }
  return result;
}

async function waitForFile(path: string, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!existsSync(path)) {
    if (performance.now() > deadline) throw new Error(`no ${what} (${path}) within ${timeoutMs} ms`);
    await sleep(10);
  }
}

/** One dashboard start; with `agentHome` it runs in the agent's HOME, so it attaches to it. */
async function dashboardOnce(tmux: TmuxServer, name: string, agentHome?: string): Promise<{ wallMs: number; cpuMs: number }> {
  const home = agentHome ?? tempDir('startup-ui');
  try {
    const t0 = performance.now();
    const pid = await tmux.newSession(name, [process.execPath, SRVMON_CLI], { cwd: home, env: { HOME: home, LANG: 'C.UTF-8' } });
    let screen = '';
    while (performance.now() - t0 < FRAME_TIMEOUT_MS) {
      screen = await tmux.capture(name);
      if (isDataFrame(screen)) {
        const wallMs = performance.now() - t0;
        return { wallMs, cpuMs: (readTree(pid).ticks / clockTicksPerSecond()) * 1000 };
      }
      await sleep(2);
    }
    throw new Error(`no frame with data within ${FRAME_TIMEOUT_MS} ms; last screen:\n${screen}`);
  } finally {
    tmux.killSession(name);
    if (!agentHome) removeTempDir(home);
  }
}

async function headlessOnce(): Promise<{ startLineMs: number; firstSampleMs: number }> {
  const home = tempDir('startup-headless');
  writeFileSync(join(home, '.srvmonrc'), 'rules:\n  memory: { threshold: 1 }\n');
  const t0 = performance.now();
  const child = spawnTracked(process.execPath, [SRVMON_CLI, '--no-ui', '--json'], { cwd: home, env: isolatedEnv(home), stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    return await new Promise((resolve, reject) => {
      let buffer = '';
      let stderr = '';
      let startLineMs: number | undefined;
      const timer = setTimeout(() => reject(new Error(`no alert line within ${FRAME_TIMEOUT_MS} ms; stderr: ${stderr}`)), FRAME_TIMEOUT_MS);
      child.stderr?.on('data', (d: Buffer) => (stderr += d));
      child.on('exit', (code) => reject(new Error(`srvmon exited with ${code}; stderr: ${stderr}`)));
      child.stdout?.on('data', (d: Buffer) => {
        const atMs = performance.now() - t0;
        buffer += d;
        for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
          const line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 1);
          const type = (JSON.parse(line) as { type?: string }).type;
          if (type === 'start') startLineMs = atMs;
          if (type === 'alert') {
            clearTimeout(timer);
            resolve({ startLineMs: startLineMs ?? atMs, firstSampleMs: atMs });
          }
        }
      });
    });
  } finally {
    killGroup(child.pid);
    removeTempDir(home);
  }
}

export function summary(values: number[]): { median: number; max: number } {
  return { median: median(values), max: max(values) };
}
