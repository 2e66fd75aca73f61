// Runs the real srvmon CLI (the compiled dist/src/cli/main.js) as a child process, isolated from the user's files:
// HOME points at a temp dir so no ~/.srvmonrc or state dir of the machine is touched.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after } from 'node:test';
import { fileURLToPath } from 'node:url';

export const CLI = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'cli', 'main.js');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function isolatedEnv(home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const { XDG_STATE_HOME: _s, XDG_CONFIG_HOME: _c, ...rest } = process.env;
  return { ...rest, HOME: home, LANG: 'C.UTF-8', LC_ALL: '', ...extra };
}

export function tempHome(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'srvmon-cli-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function runCli(args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Every RunningCli still alive: killed once the file's tests end, so a test that failed before its own kill never
 * leaves a monitor running that keeps the test process (and the whole suite) from exiting. */
const live = new Set<ChildProcess>();
after(() => {
  for (const child of live) child.kill('SIGKILL');
});

/** A long-running srvmon whose stdout lines can be awaited. */
export class RunningCli {
  readonly child: ChildProcess;
  readonly lines: string[] = [];
  stderr = '';
  #waiters: { pred: (line: string) => boolean; resolve: (line: string) => void }[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }) {
    this.child = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let buffer = '';
    this.child.stdout?.on('data', (d: Buffer) => {
      buffer += d;
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        this.lines.push(line);
        this.#waiters = this.#waiters.filter((w) => !(w.pred(line) && (w.resolve(line), true)));
      }
    });
    this.child.stderr?.on('data', (d: Buffer) => (this.stderr += d));
    live.add(this.child);
    this.exited = new Promise((resolve) =>
      this.child.on('close', (code, signal) => {
        live.delete(this.child);
        resolve({ code, signal });
      }),
    );
  }

  /** Resolves with the first line (already seen or future) matching pred; rejects after timeoutMs. */
  waitForLine(pred: (line: string) => boolean, timeoutMs: number): Promise<string> {
    const seen = this.lines.find(pred);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching line within ${timeoutMs} ms; stdout:\n${this.lines.join('\n')}\nstderr:\n${this.stderr}`)), timeoutMs);
      this.#waiters.push({ pred, resolve: (line) => (clearTimeout(timer), resolve(line)) });
    });
  }

  json(): Record<string, unknown>[] {
    return this.lines.filter((l) => l.trim()).map((l) => JSON.parse(l) as Record<string, unknown>);
  }

  kill(signal: NodeJS.Signals = 'SIGTERM'): void {
    this.child.kill(signal);
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
