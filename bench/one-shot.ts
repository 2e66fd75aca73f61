// One-shot commands: wall time from spawning `node dist/src/cli/main.js <args>` to its exit, median of RUNS after one
// unmeasured warm-up (file cache), each command in turn. `status`, `mute 10m` and `unmute` talk to a running agent
// over its control socket (the agent is started in a temp HOME and the commands run with the same HOME); `--version`
// needs none. A command that exits non-zero fails the measurement.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { startAgent, type AgentProcess } from './agent-process.js';
import { isolatedEnv, SRVMON_CLI } from './paths.js';

export const ONE_SHOT_COMMANDS = [['--version'], ['status'], ['mute', '10m'], ['unmute']] as const;

export interface OneShotResult {
  runs: number;
  /** `srvmon <args>` -> wall ms per run. */
  commands: { args: string; wallMs: number[] }[];
  error?: string;
}

function runOnce(args: readonly string[], home: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [SRVMON_CLI, ...args], { cwd: home, env: isolatedEnv(home), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d));
    child.stderr.on('data', (d: Buffer) => (output += d));
    child.once('error', reject);
    child.once('exit', (code) => {
      const wallMs = performance.now() - t0;
      if (code === 0) resolve(wallMs);
      else reject(new Error(`srvmon ${args.join(' ')} exited with ${code}: ${output.trim()}`));
    });
  });
}

export async function measureOneShot(runs: number): Promise<OneShotResult> {
  const result: OneShotResult = { runs, commands: [] };
  let agent: AgentProcess | undefined;
  try {
    agent = await startAgent('one-shot');
    for (const args of ONE_SHOT_COMMANDS) {
      await runOnce(args, agent.home);
      const wallMs: number[] = [];
      for (let i = 0; i < runs; i++) wallMs.push(await runOnce(args, agent.home));
      result.commands.push({ args: args.join(' '), wallMs });
    }
  } catch (error: unknown) {
    result.error = error instanceof Error ? error.message : String(error);
  } finally {
    agent?.stop();
  }
  return result;
}
