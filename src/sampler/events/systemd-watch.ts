// systemd units in the failed state, as `unitFailed:<unit>` readings (1 failed, 0 no longer failed; only units seen
// failed since start are reported, so the side bar lists what broke, not every unit).
//
// One `systemctl list-units --state=failed --output=json` per interval (rules.systemd.interval, default 60 s), run in
// the background; ticks in between carry the last readings. Never per tick. D-Bus would avoid the child process, but
// Node has no well-kept D-Bus client (dbus-next is unmaintained since 2021), and one short process a minute costs
// about 10 ms. Where PID 1 is not systemd (no /run/systemd/system, as sd_booted() checks) the rule is off.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { buildKey } from '../../catalogue/metric-keys.js';
import { parseFailedUnits } from './systemctl-json.js';

export const SYSTEMCTL_ARGS = ['list-units', '--state=failed', '--output=json', '--no-legend', '--plain'] as const;
/** A systemctl that hangs (a stuck bus) is killed after this. */
export const SYSTEMCTL_TIMEOUT_MS = 15_000;

/** Runs systemctl and gives its stdout; rejects with a one-line reason. */
export type RunSystemctl = () => Promise<string>;

export const runSystemctl: RunSystemctl = () =>
  new Promise((resolve, reject) => {
    execFile(
      'systemctl',
      [...SYSTEMCTL_ARGS],
      { timeout: SYSTEMCTL_TIMEOUT_MS, maxBuffer: 4 * 1024 * 1024, env: { ...process.env, SYSTEMD_COLORS: '0', SYSTEMD_PAGER: '' } },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') return reject(new Error('systemctl is not on PATH'));
        const said = String(stderr).trim().split('\n')[0];
        reject(new Error(`systemctl list-units failed${said ? `: ${said}` : ` (${error.message})`}`));
      },
    );
  });

/** Whether this host runs systemd (sd_booted(): the directory exists). */
export function hostRunsSystemd(runDir = '/run/systemd/system'): boolean {
  return existsSync(runDir);
}

export interface SystemdWatchOptions {
  monoMs: () => number;
  /** @default runSystemctl */
  run?: RunSystemctl;
}

export class SystemdWatch {
  readonly #monoMs: () => number;
  readonly #run: RunSystemctl;
  #lastStartMonoMs: number | undefined;
  #inFlight = false;
  /** Units seen failed since start, and whether they are failed now. */
  readonly #units = new Map<string, boolean>();
  #error: unknown;
  /** Runs of systemctl completed. */
  runs = 0;

  constructor(options: SystemdWatchOptions) {
    this.#monoMs = options.monoMs;
    this.#run = options.run ?? runSystemctl;
  }

  /** The readings for units not excluded, and the last run's error; starts a run when intervalMs has passed. */
  poll(intervalMs: number, exclude: readonly string[]): { values: Record<string, number>; error?: unknown } {
    const nowMonoMs = this.#monoMs();
    if (!this.#inFlight && (this.#lastStartMonoMs === undefined || nowMonoMs - this.#lastStartMonoMs >= intervalMs)) {
      this.#lastStartMonoMs = nowMonoMs;
      this.#inFlight = true;
      void this.#refresh().finally(() => (this.#inFlight = false));
    }
    const values: Record<string, number> = {};
    for (const [unit, failed] of this.#units) if (!exclude.includes(unit)) values[buildKey('unitFailed', unit)] = failed ? 1 : 0;
    return this.#error === undefined ? { values } : { values, error: this.#error };
  }

  async #refresh(): Promise<void> {
    try {
      const failed = new Set(parseFailedUnits(await this.#run()));
      for (const unit of this.#units.keys()) this.#units.set(unit, failed.has(unit));
      for (const unit of failed) this.#units.set(unit, true);
      this.#error = undefined;
    } catch (error: unknown) {
      this.#error = error;
    } finally {
      this.runs++;
    }
  }
}
