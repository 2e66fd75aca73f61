// A real terminal for end-to-end tests: one private tmux server per session (-L socket), driven with send-keys and
// read with capture-pane. Waits poll the screen against a deadline instead of sleeping a fixed time.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';

export class TmuxSession {
  readonly socket = `srvmon-e2e-${process.pid}-${randomBytes(4).toString('hex')}`;
  readonly #env: NodeJS.ProcessEnv;

  readonly #statusFile: string;

  /**
   * command runs through sh -c inside a cols x rows window; the pane stays after exit (remain-on-exit) so its status
   * can be read. The shell also writes the status to statusFile: tmux 3.3a sometimes marks a pane dead without reaping
   * its process, leaving #{pane_dead_status} empty.
   */
  constructor(command: string, cols: number, rows: number, env: NodeJS.ProcessEnv, statusFile: string) {
    this.#statusFile = statusFile;
    const wrapped = `${command}; code=$?; echo $code > ${shellQuote(statusFile)}; exit $code`;
    // The tmux server speaks UTF-8 (-u, C.UTF-8) whatever the program's own locale, so capture-pane shows exactly
    // what the program wrote.
    this.#env = { ...env, LANG: 'C.UTF-8', LC_ALL: '', TMUX: '' };
    this.tmux('-f', '/dev/null', '-u', 'new-session', '-d', '-s', 'e2e', '-x', String(cols), '-y', String(rows), wrapped, ';', 'set-option', '-t', 'e2e', 'remain-on-exit', 'on');
  }

  tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { env: this.#env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', 'e2e');
  }

  /** Keys by tmux name (C-p, Enter, Escape) or, with literal, typed text. */
  send(keys: string, literal = false): void {
    this.tmux('send-keys', '-t', 'e2e', ...(literal ? ['-l', keys] : [keys]));
  }

  resize(cols: number, rows: number): void {
    this.tmux('resize-window', '-t', 'e2e', '-x', String(cols), '-y', String(rows));
  }

  /** Polls until pred holds for the screen; throws with the last screen after timeoutMs. */
  async waitFor(pred: (screen: string) => boolean, timeoutMs: number, what: string): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    for (;;) {
      last = this.screen();
      if (pred(last)) return last;
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; screen:\n${last}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** The exit status once the program has ended, else undefined. */
  exitStatus(): number | undefined {
    const [dead, status, signal] = this.tmux('display-message', '-p', '-t', 'e2e', '#{pane_dead}:#{pane_dead_status}:#{pane_dead_signal}').trim().split(':');
    if (dead !== '1') return undefined;
    if (status !== '') return Number(status);
    if (signal !== '') throw new Error(`program killed by signal ${signal}`);
    try {
      return Number(readFileSync(this.#statusFile, 'utf8').trim());
    } catch {
      return undefined; // not written yet: ask again
    }
  }

  async waitForExit(timeoutMs: number): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const status = this.exitStatus();
      if (status !== undefined) return status;
      if (Date.now() > deadline) throw new Error(`program did not exit within ${timeoutMs} ms (pane ${this.tmux('display-message', '-p', '-t', 'e2e', '#{pane_dead}:#{pane_dead_status}:#{pane_dead_signal}:#{pane_pid}').trim()}); screen:\n${this.screen()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  kill(): void {
    try {
      this.tmux('kill-server');
    } catch {
      // already gone
    }
  }
}

/** Quote for sh -c. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
