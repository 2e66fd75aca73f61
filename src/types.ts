// Central types shared by every layer: sampler -> store -> alert engine -> outbox -> channels.
// Nothing here touches I/O; adapters and views import these shapes.
import type { AlertEvidence } from './alerts/evidence.js';

/** Milliseconds since the Unix epoch. */
export type EpochMs = number;

export type Severity = 'warning' | 'critical';
export type Locale = 'en' | 'zh-CN';

/**
 * One sampling tick, flattened to metric keys so that the store, the engine, replay traces and /metrics
 * all share one vocabulary. A metric that could not be read is simply absent (a gap), never a fake zero.
 *
 * Keys:
 * - `cpu` busy % of all cores; `cpu:<n>` busy % of core n
 * - `memory` % of (total - available) / total; `swap` %
 * - `load1`, `load5`, `load15`; `load1PerCore` (load1 / logical cores)
 * - `disk:<mountpoint>` used %
 * - `netRx:<iface>`, `netTx:<iface>` bytes per second
 */
export interface Sample {
  timeMs: EpochMs;
  values: Record<string, number>;
  /** What some readings are about, by metric key (the process behind `processCpu`, the boot behind `rebooted`). */
  subjects?: Record<string, SampleSubject>;
}

/**
 * What a reading is about when its number cannot say it. `name` is untrusted (a process's comm, a host name): made
 * printable by the reader, escaped by each target like the rest of a message.
 */
export interface SampleSubject {
  name: string;
  pid?: number;
  user?: string;
  /** Wall time the condition began (the boot). */
  sinceMs?: EpochMs;
  /** How long the condition has lasted when read (above the threshold; up since the boot). */
  forMs?: number;
}

/** The kinds of rule, one per row of the catalogue (src/catalogue/rule-kinds.ts). */
export type { RuleKind } from './catalogue/rule-kinds.js';
import type { RuleKind } from './catalogue/rule-kinds.js';

/** A rule as the engine uses it: config defaults applied, runtime overrides applied. */
export interface Rule {
  /** Stable id: `cpu`, `memory`, `swap`, `load`, `disk:/data`. */
  id: string;
  kind: RuleKind;
  /** The sample key the rule reads (`cpu`, `memory`, `swap`, `load1PerCore`, `disk:/data`). */
  metric: string;
  /** Disk rules only. */
  mountpoint?: string;
  /** Warning level; the window average must be above it to fire. */
  threshold: number;
  /** Optional critical level, above threshold. */
  critical?: number;
  /** Number of consecutive samples averaged. */
  window: number;
  /** Hysteresis: a firing rule resolves only when the average falls below this. */
  clear: number;
  /** While still firing, notify again at most this often. */
  repeatMs: number;
}

export type AlertState = 'firing' | 'repeat' | 'escalated' | 'resolved';

/** One alert transition, as recorded in the alert log and printed by the headless reporter. */
export interface AlertEvent {
  type: 'alert';
  /** Unique id of this event; used as the notification id (client_msg_id, dedup). */
  id: string;
  timeMs: EpochMs;
  rule: string;
  kind: RuleKind;
  mountpoint?: string;
  state: AlertState;
  severity: Severity;
  /** The window average that caused the transition. */
  value: number;
  /** The level that was crossed (threshold, critical for critical, clear for resolved). */
  threshold: number;
  window: number;
  /** True if it is sent to the channels; false if recorded only (throttled, flapping, muted). */
  notify: boolean;
  muted: boolean;
  /** Why it is not sent, when notify is false. */
  suppressedBy?: 'throttle' | 'flapping' | 'mute' | 'not-notified-episode';
  message: string;
  /** Episode start, for the duration shown in resolve messages. */
  sinceMs: EpochMs;
  /** Set on test alerts (`srvmon test-alert`, the dashboard's `t`). */
  test?: boolean;
  /** What was seen at the transition (top processes, CPU split, disk trend): src/alerts/evidence.ts. */
  evidence?: AlertEvidence;
  /** Resolved events: the episode's highest window average. The duration is timeMs - sinceMs. */
  peak?: number;
}

/** Delivery of one notification to one channel: what the outbox reports after each attempt. */
export interface DeliveryEvent {
  type: 'delivery';
  timeMs: EpochMs;
  /** The AlertEvent id delivered. */
  alertId: string;
  rule: string;
  channel: string;
  ok: boolean;
  /** 1-based attempt number. */
  attempt: number;
  error?: string;
  hint?: string;
  /** Whether another attempt will follow. */
  willRetry?: boolean;
  latencyMs?: number;
  test?: boolean;
}

/** Per-channel health for the dashboard, /metrics and headless status. */
export interface ChannelStatus {
  channel: string;
  queueDepth: number;
  lastSuccessMs?: EpochMs;
  lastErrorMs?: EpochMs;
  lastError?: string;
  lastHint?: string;
  /** Channel paused (e.g. WeChat daily quota) until this time. */
  pausedUntilMs?: EpochMs;
  /** Quiet hours hold this channel's notifications until this time (notification policy). */
  quietUntilMs?: EpochMs;
  /** Alert events held for this channel's next digest (quiet hours, budget). */
  held?: number;
  sentTotal: number;
  failedTotal: number;
}

/** A mute (of every rule, or of one): `untilMs` null means until unmuted. */
export interface MuteState {
  sinceMs: EpochMs;
  untilMs: EpochMs | null;
}

/** Mutes of single rules, keyed by rule id; persisted in the state dir next to the global mute. */
export type RuleMutes = Record<string, MuteState>;

/** Runtime threshold overrides, keyed by rule id; persisted in the state dir, never written to the rc file. */
export type ThresholdOverrides = Record<string, number>;
