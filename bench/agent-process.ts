// A headless srvmon agent (`srvmon --no-ui`) in a temp HOME of its own, started for a measurement and ready once its
// control socket is up (the stderr line that names it): dashboards and one-shot commands run with the same HOME find
// it there, as they find the agent under systemd.
import type { ChildProcess } from 'node:child_process';
import { killGroup, spawnTracked, tempDir } from './cleanup.js';
import { isolatedEnv, SRVMON_CLI } from './paths.js';

export interface AgentProcess {
  pid: number;
  home: string;
  child: ChildProcess;
  stop(): void;
}

const READY_TIMEOUT_MS = 10_000;

export async function startAgent(label: string, extraArgs: string[] = []): Promise<AgentProcess> {
  const home = tempDir(label);
  const child = spawnTracked(process.execPath, [SRVMON_CLI, '--no-ui', ...extraArgs], { cwd: home, env: isolatedEnv(home), stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.resume();
  const pid = child.pid;
  if (pid === undefined) throw new Error('srvmon --no-ui did not start');
  await new Promise<void>((resolve, reject) => {
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`no control socket within ${READY_TIMEOUT_MS} ms; stderr: ${stderr}`)), READY_TIMEOUT_MS);
    const onExit = (code: number | null): void => {
      clearTimeout(timer);
      reject(new Error(`srvmon --no-ui exited with ${code}; stderr: ${stderr}`));
    };
    child.once('exit', onExit);
    child.stderr?.on('data', (data: Buffer) => {
      stderr += data;
      if (/control socket \S+/.test(stderr)) {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve();
      }
    });
  });
  return { pid, home, child, stop: () => killGroup(pid) };
}
