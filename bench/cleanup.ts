// Everything the benchmark starts is registered here and torn down at the end, on an error, on Ctrl+C and on exit:
// child process groups (each child is spawned detached, so killing -pid takes its own children too), dedicated tmux
// servers and temp dirs. Teardown is synchronous so that it also runs from process.on('exit').
import { execFileSync, spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const TMUX = '/usr/bin/tmux';

const groups = new Set<number>();
const tmuxSockets = new Set<string>();
const tempDirs = new Set<string>();
let installed = false;

/** Spawns a child in its own process group and registers it for teardown. */
export function spawnTracked(command: string, args: string[], options: SpawnOptions = {}): ChildProcess {
  installHandlers();
  const child = spawn(command, args, { ...options, detached: true });
  if (child.pid !== undefined) {
    const pid = child.pid;
    groups.add(pid);
    child.once('exit', () => groups.delete(pid));
  }
  return child;
}

/**
 * Tracks a process group the benchmark did not spawn itself (a tmux pane's program). A pane's program must be killed
 * directly: closing its pane only sends SIGHUP, which srvmon takes as "reload the config" and outlives.
 */
export function trackGroup(pid: number): void {
  installHandlers();
  groups.add(pid);
}

/** Kills a tracked child's whole process group now (SIGKILL) and forgets it. */
export function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
  groups.delete(pid);
}

export function registerTmuxSocket(name: string): void {
  installHandlers();
  tmuxSockets.add(name);
}

/** Kills a tmux server: first the process groups of its panes (gtop's children too), then the server itself. */
export function killTmuxServer(name: string): void {
  try {
    const pids = execFileSync(TMUX, ['-L', name, 'list-panes', '-a', '-F', '#{pane_pid}'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    for (const pid of pids.split('\n').filter(Boolean)) killGroup(Number(pid));
  } catch {
    // no server
  }
  try {
    execFileSync(TMUX, ['-L', name, 'kill-server'], { stdio: 'ignore' });
  } catch {
    // no server
  }
  // tmux leaves its socket file behind after kill-server.
  rmSync(join(process.env.TMUX_TMPDIR ?? '/tmp', `tmux-${process.getuid?.() ?? 0}`, name), { force: true });
  tmuxSockets.delete(name);
}

export function tempDir(prefix: string): string {
  installHandlers();
  const dir = mkdtempSync(join(tmpdir(), `srvmon-bench-${prefix}-`));
  tempDirs.add(dir);
  return dir;
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  tempDirs.delete(dir);
}

/** Tears down everything still registered; safe to call more than once. */
export function cleanupAll(): void {
  for (const name of [...tmuxSockets]) killTmuxServer(name);
  for (const pid of [...groups]) killGroup(pid);
  for (const dir of [...tempDirs]) removeTempDir(dir);
}

function installHandlers(): void {
  if (installed) return;
  installed = true;
  process.on('exit', cleanupAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      cleanupAll();
      process.exit(130);
    });
  }
}
