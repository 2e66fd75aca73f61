// What the mutes mean at a given time, in one place: the global mute and the mutes of single rules. The monitor
// decides with these which transitions are sent; the views (status, side bar, /metrics) show the same answer, so an
// expired mute that the monitor has not yet noticed (it looks at each sample) reads as over everywhere.
import type { EpochMs, MuteState, RuleMutes } from '../types.js';

/** Whether a mute is in force at nowMs (an expired one is not, even before the monitor has noticed). */
export function isMutedAt(mute: MuteState | null | undefined, nowMs: EpochMs): boolean {
  return mute !== null && mute !== undefined && (mute.untilMs === null || nowMs < mute.untilMs);
}

/** The rule mutes in force at nowMs. */
export function activeRuleMutes(ruleMutes: Readonly<RuleMutes>, nowMs: EpochMs): RuleMutes {
  return Object.fromEntries(Object.entries(ruleMutes).filter(([, mute]) => isMutedAt(mute, nowMs)));
}

/** The rules whose own mute has ended by nowMs. */
export function expiredRuleIds(ruleMutes: Readonly<RuleMutes>, nowMs: EpochMs): string[] {
  return Object.entries(ruleMutes)
    .filter(([, mute]) => !isMutedAt(mute, nowMs))
    .map(([ruleId]) => ruleId);
}

/** The mute of one rule, if it has one of its own (an own property: a rule id is text from outside). */
export function ruleMuteOf(ruleMutes: Readonly<RuleMutes>, ruleId: string): MuteState | undefined {
  return Object.hasOwn(ruleMutes, ruleId) ? ruleMutes[ruleId] : undefined;
}

/**
 * Until when a rule's transitions are held back, by the global mute or its own, whichever ends later: a time, null for
 * until unmuted, or undefined when the rule is not muted at nowMs.
 */
export function ruleMutedUntil(mute: MuteState | null, ruleMutes: Readonly<RuleMutes>, ruleId: string, nowMs: EpochMs): EpochMs | null | undefined {
  const inForce = [mute, ruleMuteOf(ruleMutes, ruleId)].filter((m): m is MuteState => isMutedAt(m, nowMs));
  if (inForce.length === 0) return undefined;
  if (inForce.some((m) => m.untilMs === null)) return null;
  return Math.max(...inForce.map((m) => m.untilMs as EpochMs));
}

/** The end a mute change set (the global mute's, or that of its rules: one command gives them one end). */
export function changedMuteUntil(change: { rules: readonly string[] | null; mute: MuteState | null; ruleMutes: RuleMutes }): EpochMs | null | undefined {
  return (change.rules === null ? change.mute : ruleMuteOf(change.ruleMutes, change.rules[0] ?? ''))?.untilMs;
}

/** An unknown rule id in a mute command: names it and lists the rules there are. */
export function unknownRuleError(ruleId: string, knownIds: readonly string[]): string {
  return `unknown rule ${JSON.stringify(ruleId.slice(0, 80))}; the rules are ${knownIds.join(', ') || '(none yet)'}`;
}
