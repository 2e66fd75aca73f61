// What the dashboard reads itself, only while a view needs it: the process table (every interval while the
// processes view is visible) and the list of network interfaces (when the network view or the overview opens, then
// every 10 s).
// The monitor's samples carry everything else.
import { performance } from 'node:perf_hooks';
import { readNetInterfaces, shownInterfaces, type NetInterface } from '../sampler/net-interfaces.js';
import type { ProcessRow, ProcessSampler } from '../sampler/processes.js';

/** The /proc reader loads when the processes view first opens: the dashboard's first frame does not wait for it. */
const loadProcessSampler = async (): Promise<ProcessSampler> => new (await import('../sampler/processes.js')).ProcessSampler();

export interface LiveFeedsOptions {
  intervalMs: () => number;
  /** A read finished: redraw. */
  onData: () => void;
  onError: (what: string, error: unknown) => void;
  readInterfaces?: () => Promise<NetInterface[]>;
}

const INTERFACES_REFRESH_MS = 10_000;
/** The first CPU % needs two reads: the second comes this soon after the view opens, not a whole interval later. */
const FIRST_RATE_AFTER_MS = 500;

export class LiveFeeds {
  readonly #options: LiveFeedsOptions;
  #sampler: ProcessSampler | undefined;
  #processTimer: NodeJS.Timeout | undefined;
  #interfacesTimer: NodeJS.Timeout | undefined;
  #reading = false;
  /** Feeds whose failure was reported and that have not succeeded since: said once, not every interval (no /proc on macOS). */
  readonly #failing = new Set<string>();
  processes: ProcessRow[] | undefined;
  /** Wall time of the newest process read, ms: what a read costs on this machine. */
  lastProcessReadMs: number | undefined;
  shownInterfaces: Set<string> | undefined;

  constructor(options: LiveFeedsOptions) {
    this.#options = options;
  }

  /** The process table is being read (its view is visible). */
  get processesActive(): boolean {
    return this.#processTimer !== undefined;
  }

  /** The interface list is being refreshed (the network view is visible). */
  get interfacesActive(): boolean {
    return this.#interfacesTimer !== undefined;
  }

  /** Start or stop each feed for the view now visible. */
  sync(view: string): void {
    if (view === 'processes') this.#startProcesses();
    else this.#stopProcesses();
    // The overview's info line lists the interfaces that are up too.
    if (view === 'network' || view === 'overview') this.#startInterfaces();
    else this.#stopInterfaces();
  }

  stop(): void {
    this.#stopProcesses();
    this.#stopInterfaces();
  }

  #startProcesses(): void {
    if (this.#processTimer) return;
    this.processes = undefined;
    // A fresh sampler: CPU % over a gap of minutes since the view was last open would be an average, not "now".
    const opened = setTimeout(() => {
      void this.#readProcesses();
      this.#processTimer = setInterval(() => void this.#readProcesses(), this.#options.intervalMs());
      this.#processTimer.unref();
    }, FIRST_RATE_AFTER_MS);
    opened.unref();
    this.#processTimer = opened;
    loadProcessSampler().then(
      (sampler) => {
        if (this.#processTimer === undefined) return; // closed while loading
        this.#sampler = sampler;
        void this.#readProcesses();
      },
      (error: unknown) => this.#fail('processes', error),
    );
  }

  #stopProcesses(): void {
    if (!this.#processTimer) return;
    clearTimeout(this.#processTimer);
    clearInterval(this.#processTimer);
    this.#processTimer = undefined;
    this.#sampler = undefined;
    // Nothing of the table is kept while nobody looks at it.
    this.processes = undefined;
  }

  async #readProcesses(): Promise<void> {
    const sampler = this.#sampler;
    if (!sampler || this.#reading) return; // a slow read never piles up a second one
    this.#reading = true;
    const startMs = performance.now();
    try {
      const rows = await sampler.read();
      if (sampler !== this.#sampler) return; // the view was closed meanwhile
      this.lastProcessReadMs = performance.now() - startMs;
      this.processes = rows;
      this.#failing.delete('processes');
      this.#options.onData();
    } catch (error: unknown) {
      this.#fail('processes', error);
    } finally {
      this.#reading = false;
    }
  }

  #startInterfaces(): void {
    if (this.#interfacesTimer) return;
    const read = (): void => {
      (this.#options.readInterfaces ?? readNetInterfaces)().then(
        (all) => {
          this.shownInterfaces = new Set(shownInterfaces(all).map((i) => i.name));
          this.#failing.delete('network interfaces');
          this.#options.onData();
        },
        (error: unknown) => this.#fail('network interfaces', error),
      );
    };
    read();
    this.#interfacesTimer = setInterval(read, INTERFACES_REFRESH_MS);
    this.#interfacesTimer.unref();
  }

  #fail(what: string, error: unknown): void {
    if (this.#failing.has(what)) return;
    this.#failing.add(what);
    this.#options.onError(what, error);
  }

  #stopInterfaces(): void {
    if (!this.#interfacesTimer) return;
    clearInterval(this.#interfacesTimer);
    this.#interfacesTimer = undefined;
  }
}
