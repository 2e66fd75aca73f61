// Which thresholds a rule accepts, in one place: the live command (dashboard, palette) and the overrides read back
// from state.json both ask here, so a value the dashboard refuses can never come back in through the state dir.
import type { RuleKind } from '../types.js';
import { DISK_PREFIX } from './rule-set.js';

const STATIC_KINDS: readonly RuleKind[] = ['cpu', 'memory', 'swap', 'load', 'disk'];

/** The kind of rule an id names (`cpu`, `disk`, `disk:/data`), or undefined for an id no rule can have. */
export function ruleKindOfId(ruleId: string): RuleKind | undefined {
  if (ruleId.startsWith(DISK_PREFIX) && ruleId.length > DISK_PREFIX.length) return 'disk';
  return STATIC_KINDS.find((kind) => kind === ruleId);
}

/** Why a threshold is not acceptable for a rule of this kind, or null when it is. */
export function thresholdError(kind: RuleKind, threshold: unknown): string | null {
  if (typeof threshold !== 'number' || !Number.isFinite(threshold)) return 'threshold must be a number';
  if (kind === 'load') return threshold > 0 ? null : 'load threshold must be above 0';
  return threshold >= 0 && threshold <= 100 ? null : 'threshold must be from 0 to 100';
}
