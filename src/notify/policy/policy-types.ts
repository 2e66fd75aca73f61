// The notification policy's settings, as the config layer hands them over (already checked and with defaults):
// routing, quiet hours, grouping and budgets. Kept apart from the logic so that config, replay and the outbox share
// one shape.
import type { Severity } from '../../types.js';

/** One quiet period, e.g. 23:00-07:30 in Asia/Shanghai every day, letting criticals through. */
export interface QuietWindow {
  /** Days the period STARTS on, 0 = Sunday .. 6 = Saturday (a 23:00-07:30 period on Friday ends Saturday 07:30). */
  days: number[];
  /** Local minute of the day it starts, 0..1439. */
  fromMin: number;
  /** Local minute of the day it ends (exclusive); below fromMin when it crosses midnight. */
  toMin: number;
  /** IANA time zone the times are in. */
  timezone: string;
  /** Severities that are sent anyway. */
  allow: Severity[];
}

export interface ChannelPolicyConfig {
  /** Send only events of this severity or above (critical: criticals only). @default undefined (all) */
  severity?: Severity;
  /** Send only events of these rule ids ("disk:/data") or kinds ("disk"). @default undefined (all) */
  rules?: string[];
  /** The channel's own quiet hours, or the top-level ones when it has none. */
  quietHours: QuietWindow[];
  /** Transitions within this time of the first go out as one message. 0: each at once. @default 3000 */
  groupWaitMs: number;
  /** Messages an hour before the rest is held for a digest. @default undefined (no budget) */
  maxPerHour?: number;
  /** Whether a budget also holds escalations to critical. @default false */
  budgetHoldsCritical: boolean;
}

export const DEFAULT_GROUP_WAIT_MS = 3000;

/** The policy of a channel with nothing configured: everything goes, grouped within the default wait. */
export function defaultChannelPolicy(quietHours: QuietWindow[] = []): ChannelPolicyConfig {
  return { quietHours, groupWaitMs: DEFAULT_GROUP_WAIT_MS, budgetHoldsCritical: false };
}
