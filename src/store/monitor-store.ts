// The one store: the monitor writes it, every view (headless reporter, dashboard, /metrics) reads it or subscribes.
// Views never decide anything about alerts; they send commands to the Monitor instead.
import type { RuleStatus } from '../alerts/engine.js';
import type { AlertEvent, ChannelStatus, DeliveryEvent, MuteState, RuleMutes, Sample, ThresholdOverrides } from '../types.js';
import type { HostInfo } from '../sampler/host-info.js';
import { MetricHistory, type FamilyCapped } from './metric-history.js';
import type { RollupSource } from './rollup-source.js';

export type { HostInfo };

export type LogEntry = AlertEvent | DeliveryEvent;

export type StoreEvent =
  | { type: 'sample'; sample: Sample }
  | { type: 'alert'; event: AlertEvent }
  | { type: 'delivery'; event: DeliveryEvent }
  | { type: 'rules' }
  | MuteEvent
  | { type: 'channels' }
  | { type: 'overrides' }
  /** The history was replaced (a reload changed its length): views re-read it. */
  | { type: 'history' }
  | { type: 'notice'; level: 'info' | 'warning'; message: string; timeMs: number };

/**
 * A mute began, was ended or ran out. `rules` says which: null for the global mute (an unmute without rules ends the
 * global mute and every rule's), else the rule ids. `mute` and `ruleMutes` are the mutes after the change.
 */
export interface MuteEvent {
  type: 'mute';
  reason: 'mute' | 'unmute' | 'expired';
  rules: string[] | null;
  mute: MuteState | null;
  ruleMutes: RuleMutes;
  timeMs: number;
}

export type StoreListener = (event: StoreEvent) => void;

/** How many log entries views can scroll back through; the file log keeps more. */
export const LOG_CAPACITY = 1000;

export class MonitorStore {
  history: MetricHistory;
  /** The day of per-minute history behind the charts' longer windows; null when `rollup: false`. */
  rollups: RollupSource | null = null;
  latest: Sample | undefined;
  host: HostInfo | undefined;
  intervalMs: number;
  rules: RuleStatus[] = [];
  mute: MuteState | null = null;
  ruleMutes: RuleMutes = {};
  overrides: ThresholdOverrides = {};
  readonly channels = new Map<string, ChannelStatus>();
  readonly log: LogEntry[] = [];
  readonly #listeners = new Set<StoreListener>();
  /** Families whose history cap was already reported; kept across history resizes so a reload does not repeat it. */
  readonly #cappedFamilies = new Set<string>();

  constructor(historySamples: number, intervalMs: number) {
    this.history = this.#newHistory(historySamples);
    this.intervalMs = intervalMs;
  }

  subscribe(listener: StoreListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(event: StoreEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error: unknown) {
        // A broken view must not stop sampling or alerting.
        process.emitWarning(`srvmon: a store listener failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  addSample(sample: Sample): void {
    this.history.add(sample);
    this.latest = sample;
    this.emit({ type: 'sample', sample });
  }

  /** Entries loaded from the persisted log at start: shown, not re-emitted. */
  preloadLog(entries: LogEntry[]): void {
    this.log.push(...entries.slice(-LOG_CAPACITY));
  }

  addLogEntry(entry: LogEntry): void {
    this.log.push(entry);
    if (this.log.length > LOG_CAPACITY) this.log.splice(0, this.log.length - LOG_CAPACITY);
    if (entry.type === 'alert') this.emit({ type: 'alert', event: entry });
    else this.emit({ type: 'delivery', event: entry });
  }

  setRules(rules: RuleStatus[]): void {
    this.rules = rules;
    this.emit({ type: 'rules' });
  }

  setChannel(status: ChannelStatus): void {
    this.channels.set(status.channel, status);
    this.emit({ type: 'channels' });
  }

  /** Change the history length (interval or history changed on reload); old points are dropped. */
  resizeHistory(historySamples: number, intervalMs: number): void {
    this.intervalMs = intervalMs;
    if (historySamples !== this.history.capacity) {
      this.history = this.#newHistory(historySamples);
      this.emit({ type: 'history' });
    }
  }

  #newHistory(historySamples: number): MetricHistory {
    return new MetricHistory(historySamples, { onFamilyCapped: (capped) => this.#historyCapped(capped) });
  }

  #historyCapped({ family, max, key, timeMs }: FamilyCapped): void {
    if (this.#cappedFamilies.has(family)) return;
    this.#cappedFamilies.add(family);
    // JSON quoting: the key carries an interface or mount name, which may hold control characters.
    const message =
      `history keeps at most ${max} ${family} series and more are in use (${JSON.stringify(key)}): ` +
      `the least recently seen are left out of the charts' history; alerts and /metrics still see every one`;
    this.emit({ type: 'notice', level: 'info', message, timeMs });
  }
}
