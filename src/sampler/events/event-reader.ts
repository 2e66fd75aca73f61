// A SystemReader that adds the event kinds' readings to another reader's fast reads: `rebooted` (reboot), and, in
// the commits that add them, the process table (process, running) and systemd's failed units. Each part runs only
// while its rule is enabled (the rules are read at every tick, so a SIGHUP reload turns them on and off), and none
// spawns a process per tick.
import type { RulesConfig } from '../../config/config-types.js';
import type { SampleSubject } from '../../types.js';
import type { ReadResult, SystemReader } from '../system-reader.js';
import { BootRecordFile, readBootInfo } from './boot-record.js';
import { RebootWatch } from './reboot-watch.js';
import { ProcessWatch, type ProcessWatchSettings } from './process-watch.js';
import { hostRunsSystemd, SystemdWatch } from './systemd-watch.js';

export interface EventReaderOptions {
  inner: SystemReader;
  /** The rules in force now (the monitor's config, which a reload replaces). */
  rules: () => RulesConfig;
  /** Where boot.json is recorded. */
  stateDir: string;
  /** Wall clock for subjects (uptime). */
  nowMs: () => number;
  /** @default '/proc' */
  procDir?: string;
  /** Replaces the reboot watch (tests). */
  reboot?: RebootWatch;
  /** Replaces the process watch (tests). @default one reading /proc every PROCESS_READ_INTERVAL_MS */
  processes?: ProcessWatch;
  /** Monotonic ms. @default performance.now */
  monoMs?: () => number;
  /** Replaces the systemd watch (tests). */
  systemd?: SystemdWatch;
  /** Whether PID 1 is systemd. @default hostRunsSystemd() */
  runsSystemd?: () => boolean;
  /** Said once: why an enabled rule does nothing here (no systemd). */
  onInfo?: (message: string) => void;
}

export class EventReader implements SystemReader {
  readonly #options: EventReaderOptions;
  readonly #reboot: RebootWatch;
  readonly #processes: ProcessWatch;
  #processesOn = false;
  readonly #systemd: SystemdWatch;
  /** Whether this host runs systemd: asked once, when the systemd rule is first seen on. */
  #hasSystemd: boolean | undefined;
  /** The Sampler's first read is a baseline whose values it drops: a 1 reported there would never reach the engine. */
  #baselineTaken = false;

  constructor(options: EventReaderOptions) {
    this.#options = options;
    const procDir = options.procDir ?? '/proc';
    const monoMs = options.monoMs ?? (() => performance.now());
    this.#systemd = options.systemd ?? new SystemdWatch({ monoMs });
    this.#processes = options.processes ?? new ProcessWatch({ monoMs: options.monoMs ?? (() => performance.now()) });
    this.#reboot = options.reboot ?? new RebootWatch({ readBoot: () => readBootInfo(procDir), record: new BootRecordFile(options.stateDir) });
  }

  async readFast(): Promise<ReadResult> {
    const result = await this.#options.inner.readFast();
    if (!this.#baselineTaken) {
      this.#baselineTaken = true;
      return result;
    }
    const rules = this.#options.rules();
    const subjects: Record<string, SampleSubject> = { ...result.subjects };
    if (rules.reboot.enabled) {
      try {
        const reading = this.#reboot.read(this.#options.nowMs(), rules.reboot.window);
        Object.assign(result.values, reading.values);
        Object.assign(subjects, reading.subjects);
      } catch (error: unknown) {
        result.errors['reboot'] = error;
      }
    }
    const settings: ProcessWatchSettings = {
      ...(rules.process.enabled ? { busiest: { threshold: rules.process.threshold, exclude: rules.process.exclude } } : {}),
      ...(rules.processMemory.enabled ? { largest: { threshold: rules.processMemory.threshold, exclude: rules.processMemory.exclude } } : {}),
      ...(rules.running.enabled && rules.running.names.length > 0 ? { running: rules.running.names } : {}),
    };
    if (settings.busiest || settings.largest || settings.running) {
      this.#processesOn = true;
      const reading = this.#processes.poll(settings);
      Object.assign(result.values, reading.values);
      Object.assign(subjects, reading.subjects);
      if (reading.error !== undefined) result.errors['processes'] = reading.error;
    } else if (this.#processesOn) {
      this.#processesOn = false;
      this.#processes.reset();
    }
    if (rules.systemd.enabled) this.#readSystemd(result, rules.systemd.intervalMs, rules.systemd.exclude);
    return Object.keys(subjects).length > 0 ? { ...result, subjects } : result;
  }

  #readSystemd(result: ReadResult, intervalMs: number, exclude: readonly string[]): void {
    if (this.#hasSystemd === undefined) {
      this.#hasSystemd = (this.#options.runsSystemd ?? hostRunsSystemd)();
      if (!this.#hasSystemd) this.#options.onInfo?.('the systemd rule is off: this host does not run systemd (no /run/systemd/system)');
    }
    if (!this.#hasSystemd) return;
    const reading = this.#systemd.poll(intervalMs, exclude);
    Object.assign(result.values, reading.values);
    if (reading.error !== undefined) result.errors['systemd'] = reading.error;
  }

  readDisks(): Promise<ReadResult> {
    return this.#options.inner.readDisks();
  }
}
