// A dedicated tmux server (`tmux -L bench-<pid>-...`) for terminal programs: the dashboard and gtop get a real
// 120x40 terminal, and the benchmark reads the screen with capture-pane. The server is registered for teardown.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { killGroup, killTmuxServer, registerTmuxSocket, TMUX, trackGroup } from './cleanup.js';

const execFileAsync = promisify(execFile);

export const COLUMNS = 120;
export const ROWS = 40;

export class TmuxServer {
  readonly socket: string;
  readonly #panes = new Map<string, number>();

  constructor(label: string) {
    this.socket = `bench-${process.pid}-${label}`;
    registerTmuxSocket(this.socket);
  }

  /**
   * Starts `argv` in a new detached 120x40 session with exactly `env` added (the pane's process is the program itself:
   * `exec`, no shell left in between) and returns the pane's pid.
   */
  async newSession(name: string, argv: string[], options: { cwd: string; env: Record<string, string> }): Promise<number> {
    const envArgs = Object.entries(options.env).map(([key, value]) => `${key}=${shellQuote(value)}`);
    const command = `exec env -u XDG_STATE_HOME -u XDG_CONFIG_HOME ${envArgs.join(' ')} ${argv.map(shellQuote).join(' ')}`;
    await execFileAsync(TMUX, ['-L', this.socket, '-f', '/dev/null', 'new-session', '-d', '-s', name, '-x', String(COLUMNS), '-y', String(ROWS), '-c', options.cwd, command]);
    const { stdout } = await execFileAsync(TMUX, ['-L', this.socket, 'display-message', '-p', '-t', name, '#{pane_pid}']);
    const pid = Number(stdout.trim());
    // The pane's program leads its own process group (tmux makes it a session leader).
    trackGroup(pid);
    this.#panes.set(name, pid);
    return pid;
  }

  async capture(name: string): Promise<string> {
    const { stdout } = await execFileAsync(TMUX, ['-L', this.socket, 'capture-pane', '-p', '-t', name]);
    return stdout;
  }

  /** Types keys into the session's pane (tmux send-keys, literal text). */
  async sendKeys(name: string, keys: string): Promise<void> {
    await execFileAsync(TMUX, ['-L', this.socket, 'send-keys', '-t', name, '-l', keys]);
  }

  /** Polls the screen until `test` holds; throws after `timeoutMs` with `what` in the message. */
  async waitForScreen(name: string, test: (screen: string) => boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (test(await this.capture(name))) return;
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Kills the session's program (and its children) first: closing the pane alone would leave srvmon running. */
  killSession(name: string): void {
    killGroup(this.#panes.get(name));
    this.#panes.delete(name);
    try {
      execFileSync(TMUX, ['-L', this.socket, 'kill-session', '-t', name], { stdio: 'ignore' });
    } catch {
      // already gone
    }
  }

  kill(): void {
    for (const pid of this.#panes.values()) killGroup(pid);
    this.#panes.clear();
    killTmuxServer(this.socket);
  }
}

function shellQuote(text: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
