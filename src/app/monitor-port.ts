// The narrow port every view of a monitor depends on: a read-only store and a set of commands. The in-process
// Monitor and the control-socket client (an attached dashboard) both provide it, so a view cannot tell which it has.
import type { MonitorStore } from '../store/monitor-store.js';
import type { DeliveryEvent, Locale, MuteState } from '../types.js';

/** `m` and `srvmon mute` without a duration. */
export const DEFAULT_MUTE_MS = 30 * 60_000;

export interface MonitorCommands {
  /**
   * Mute every rule, or only these rule ids, for durationMs, or until unmuted when null. Rejects naming an unknown
   * rule id.
   */
  mute(durationMs: number | null, rules?: readonly string[]): Promise<MuteState>;
  /** End the global mute and every rule's mute; with rule ids, only those rules' own mutes. */
  unmute(rules?: readonly string[]): Promise<void>;
  /** Resolves with an error text for an invalid value, null when applied. */
  setThreshold(ruleId: string, threshold: number): Promise<string | null>;
  resetOverrides(): Promise<void>;
  /** One test notification through every channel of the monitor; one delivery result per channel. */
  sendTestAlert(): Promise<DeliveryEvent[]>;
}

/** Where the view's monitor runs: this process, or an agent reached through its control socket. */
export type MonitorLink =
  | { kind: 'local' }
  | { kind: 'attached'; pid: number; startedMs: number; socket: string; connected: boolean };

export interface MonitorPort {
  /** Views read it and subscribe to it; only the monitor (or the socket client mirroring one) writes it. */
  readonly store: MonitorStore;
  readonly locale: Locale;
  readonly commands: MonitorCommands;
  link(): MonitorLink;
}

export { isMutedAt } from './mutes.js';
