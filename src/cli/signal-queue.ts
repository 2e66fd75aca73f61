// Signals that arrive while the monitor is starting (loading its config, its channels, the dashboard) are kept until it
// can act on them. Without a handler a SIGHUP kills node (exit 129): systemd's `reload` right after `start` would
// take the monitor down. The handlers are installed first thing in main.ts; the monitor attaches its own once it runs.

export type QueuedSignal = 'SIGHUP' | 'SIGTERM' | 'SIGINT';
export type SignalHandlers = Record<QueuedSignal, () => void>;

/** SIGTERM must end the process within 2 s, even if a channel hangs the stop or the start never finishes. */
export const STOP_DEADLINE_MS = 1500;

const SIGNALS: readonly QueuedSignal[] = ['SIGHUP', 'SIGTERM', 'SIGINT'];

export interface SignalQueueOptions {
  /** Where signals come from: process, or a test's EventEmitter. */
  source?: { on(signal: QueuedSignal, listener: () => void): unknown };
  /**
   * A stop asked for during start is carried out when the monitor runs; if start hangs (a config that never finishes
   * loading) this is called after stopDeadlineMs instead, so SIGTERM is never ignored.
   */
  onStopUnheard: (signal: QueuedSignal) => void;
  stopDeadlineMs: number;
}

export class SignalQueue {
  #handlers: SignalHandlers | null = null;
  /** A set: ten reloads asked for during start are one reload once it runs (the config is read then). */
  readonly #pending = new Set<QueuedSignal>();
  #stopTimer: NodeJS.Timeout | undefined;
  readonly #options: SignalQueueOptions;

  constructor(options: SignalQueueOptions) {
    this.#options = options;
    const source = options.source ?? process;
    for (const signal of SIGNALS) source.on(signal, () => this.#receive(signal));
  }

  /** From now on signals go to handlers; those that came before are delivered now. */
  attach(handlers: SignalHandlers): void {
    this.#handlers = handlers;
    clearTimeout(this.#stopTimer);
    const stop = [...this.#pending].find((signal) => signal !== 'SIGHUP');
    const reload = this.#pending.has('SIGHUP');
    this.#pending.clear();
    // A stop makes a reload pointless: the process is going away.
    if (stop) handlers[stop]();
    else if (reload) handlers.SIGHUP();
  }

  #receive(signal: QueuedSignal): void {
    if (this.#handlers) {
      this.#handlers[signal]();
      return;
    }
    this.#pending.add(signal);
    if (signal !== 'SIGHUP' && this.#stopTimer === undefined) {
      this.#stopTimer = setTimeout(() => this.#options.onStopUnheard(signal), this.#options.stopDeadlineMs);
    }
  }
}
