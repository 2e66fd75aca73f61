// The `rebooted` reading: 1 in the first samples of a run that finds another boot recorded in the state dir (as many
// samples as the reboot rule's window, so that it fires once), 0 after and on every other run. The boot is read and
// the record written once, at the first read: no file per tick.
import os from 'node:os';
import type { SampleSubject } from '../../types.js';
import { terminalSafe } from '../../text/terminal-safe.js';
import { compareBoots, type BootInfo } from './boot-record.js';

export interface RebootWatchOptions {
  readBoot: () => BootInfo;
  record: { read(): BootInfo | undefined; write(boot: BootInfo): void };
  /** @default os.hostname() */
  hostname?: string;
}

export class RebootWatch {
  readonly #options: RebootWatchOptions;
  #boot: BootInfo | undefined;
  /** Samples still to report 1 in. */
  #pending = 0;

  constructor(options: RebootWatchOptions) {
    this.#options = options;
  }

  /** `window`: the reboot rule's window, the samples that must see 1 for it to fire. Throws when /proc cannot be read. */
  read(nowMs: number, window: number): { values: Record<string, number>; subjects: Record<string, SampleSubject> } {
    if (!this.#boot) {
      const boot = this.#options.readBoot();
      const verdict = compareBoots(this.#options.record.read(), boot);
      // Written before the notice goes out: a crash in between loses this one notice rather than repeating it forever.
      if (verdict !== 'same') this.#options.record.write(boot);
      this.#boot = boot;
      this.#pending = verdict === 'rebooted' ? Math.max(1, window) : 0;
    }
    const rebooted = this.#pending > 0 ? 1 : 0;
    if (this.#pending > 0) this.#pending--;
    const subject: SampleSubject = {
      name: terminalSafe(this.#options.hostname ?? os.hostname()),
      sinceMs: this.#boot.bootTimeMs,
      forMs: Math.max(0, nowMs - this.#boot.bootTimeMs),
    };
    return { values: { rebooted }, subjects: { rebooted: subject } };
  }
}
