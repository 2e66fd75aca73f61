// Defaults of the alert rules: one table, used by resolve-rules.ts, effective-config.ts and the example file's docs.
import type { RuleKind } from '../types.js';

export interface RuleDefaults {
  /** Whether the rule runs when its section is absent; a present section enables it unless it says otherwise. */
  enabledWhenAbsent: boolean;
  threshold: number;
  critical?: number;
  window: number;
  /** Percent rules are 0-100; load is load1 per core, open-ended. */
  scale: 'percent' | 'load';
}

export const DEFAULT_REPEAT_MS = 30 * 60_000;

export const RULE_DEFAULTS: Record<RuleKind, RuleDefaults> = {
  cpu: { enabledWhenAbsent: true, threshold: 85, window: 3, scale: 'percent' },
  memory: { enabledWhenAbsent: true, threshold: 85, window: 1, scale: 'percent' },
  // Swap use is normal on many hosts and load depends on the workload: opt-in.
  swap: { enabledWhenAbsent: false, threshold: 80, window: 1, scale: 'percent' },
  load: { enabledWhenAbsent: false, threshold: 2, window: 1, scale: 'load' },
  disk: { enabledWhenAbsent: true, threshold: 90, critical: 95, window: 1, scale: 'percent' },
};

export const RULE_KINDS = Object.keys(RULE_DEFAULTS) as RuleKind[];

/** Hysteresis: percent rules clear 5 points below the threshold, load at 90% of it. */
export function defaultClear(kind: RuleKind, threshold: number): number {
  if (RULE_DEFAULTS[kind].scale === 'load') return roundTo(threshold * 0.9, 6);
  return Math.max(0, threshold - 5);
}

function roundTo(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
