// The heart of alerting, as one pure function: a rule's previous state, its window average and `now` in;
// the next state and at most one transition out. Like Alertmanager's needsUpdate(), nothing here reads a clock.
import type { AlertEvent, AlertState, EpochMs, Rule, Severity } from '../types.js';

export interface RuleState {
  status: 'ok' | 'firing';
  severity: Severity;
  /** Start of the current episode (firing) or of the last one. */
  sinceMs?: EpochMs;
  /** Whether any notification went out for the current episode (a resolve is only sent for such an episode). */
  episodeNotified: boolean;
  /** Last firing/repeat/escalated notification actually sent: the throttle is measured from here. */
  lastNotifiedMs?: EpochMs;
  /** Last firing/repeat/escalated transition, sent or not: repeats are spaced from here. */
  repeatAnchorMs?: EpochMs;
  /** Highest window average of the current episode, for the resolve notice; absent in state files before it. */
  peak?: number;
}

export const INITIAL_RULE_STATE: RuleState = { status: 'ok', severity: 'warning', episodeNotified: false };

export interface Transition {
  state: AlertState;
  severity: Severity;
  /** The level crossed: threshold, critical, or clear for a resolve. */
  level: number;
  notify: boolean;
  suppressedBy?: AlertEvent['suppressedBy'];
  sinceMs: EpochMs;
  /** Resolves: the episode's highest window average (unknown for an episode begun before peaks were kept). */
  peak?: number;
}

export interface StepResult {
  next: RuleState;
  transition?: Transition;
}

export function stepRule(prev: RuleState, average: number | undefined, rule: Rule, nowMs: EpochMs, muted: boolean): StepResult {
  if (average === undefined) return { next: prev };
  return prev.status === 'ok' ? stepFromOk(prev, average, rule, nowMs, muted) : stepWhileFiring(prev, average, rule, nowMs, muted);
}

function severityOf(average: number, rule: Rule, current: Severity = 'warning'): Severity {
  if (rule.critical === undefined) return 'warning';
  if (average > rule.critical) return 'critical';
  // Hysteresis for critical too: it drops back to warning only below critical - (threshold - clear).
  if (current === 'critical' && average >= rule.critical - (rule.threshold - rule.clear)) return 'critical';
  return 'warning';
}

function levelOf(severity: Severity, rule: Rule): number {
  return severity === 'critical' && rule.critical !== undefined ? rule.critical : rule.threshold;
}

function throttled(prev: RuleState, rule: Rule, nowMs: EpochMs): boolean {
  return prev.lastNotifiedMs !== undefined && nowMs - prev.lastNotifiedMs < rule.repeatMs;
}

function stepFromOk(prev: RuleState, average: number, rule: Rule, nowMs: EpochMs, muted: boolean): StepResult {
  if (!(average > rule.threshold)) return { next: prev };
  const severity = severityOf(average, rule);
  // A new episode inside the repeat window of the last notification is flapping: recorded, not sent.
  const isThrottled = throttled(prev, rule, nowMs);
  const notify = !muted && !isThrottled;
  return {
    next: {
      status: 'firing',
      severity,
      sinceMs: nowMs,
      episodeNotified: notify,
      lastNotifiedMs: notify ? nowMs : prev.lastNotifiedMs,
      repeatAnchorMs: nowMs,
      peak: average,
    },
    transition: {
      state: 'firing',
      severity,
      level: levelOf(severity, rule),
      notify,
      suppressedBy: muted ? 'mute' : isThrottled ? 'flapping' : undefined,
      sinceMs: nowMs,
    },
  };
}

function stepWhileFiring(prev: RuleState, average: number, rule: Rule, nowMs: EpochMs, muted: boolean): StepResult {
  const sinceMs = prev.sinceMs ?? nowMs;
  if (average < rule.clear) {
    const notify = prev.episodeNotified && !muted;
    const { peak, ...rest } = prev;
    return {
      next: { ...rest, status: 'ok', severity: 'warning', episodeNotified: false },
      transition: {
        ...(peak !== undefined ? { peak } : {}),
        state: 'resolved',
        severity: prev.severity,
        level: rule.clear,
        notify,
        suppressedBy: !prev.episodeNotified ? 'not-notified-episode' : muted ? 'mute' : undefined,
        sinceMs,
      },
    };
  }

  // The peak moves only while the rule fires: the resolving average is below clear, never the peak.
  if (prev.peak !== undefined && average > prev.peak) prev = { ...prev, peak: average };
  const severity = severityOf(average, rule, prev.severity);
  if (severity === 'critical' && prev.severity === 'warning') {
    // Escalation is sent at once, even inside the repeat window.
    return sentOrMuted(prev, 'escalated', severity, rule, nowMs, muted, sinceMs);
  }
  if (!prev.episodeNotified && !muted && !throttled(prev, rule, nowMs)) {
    // An episode that was held back (flapping or muted) and is still firing once the throttle or mute is over:
    // this is its first notification, so it goes out as "firing".
    return sentOrMuted({ ...prev, severity }, 'firing', severity, rule, nowMs, muted, sinceMs);
  }
  if (nowMs - (prev.repeatAnchorMs ?? sinceMs) >= rule.repeatMs) {
    return sentOrMuted({ ...prev, severity }, 'repeat', severity, rule, nowMs, muted, sinceMs);
  }
  return severity === prev.severity ? { next: prev } : { next: { ...prev, severity } };
}

function sentOrMuted(
  prev: RuleState,
  state: AlertState,
  severity: Severity,
  rule: Rule,
  nowMs: EpochMs,
  muted: boolean,
  sinceMs: EpochMs,
): StepResult {
  const notify = !muted;
  return {
    next: {
      ...prev,
      severity,
      episodeNotified: prev.episodeNotified || notify,
      lastNotifiedMs: notify ? nowMs : prev.lastNotifiedMs,
      repeatAnchorMs: nowMs,
    },
    transition: { state, severity, level: levelOf(severity, rule), notify, suppressedBy: muted ? 'mute' : undefined, sinceMs },
  };
}
