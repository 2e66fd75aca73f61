// state.json read back: every part is checked before srvmon acts on it, with the rules the live commands use. A mute
// whose end is not a time would mute forever, a mute of a rule no config can have would show up in status for ever,
// an override of 1e9 or -50 would silently disable a rule or make it fire always, a rule state of null would crash
// the engine on the next sample.
import { z } from 'zod';
import type { RuleState } from '../alerts/rule-step.js';
import { isRuleId, ruleKindOfId, thresholdError } from '../catalogue/rule-kinds.js';
import type { MuteState, RuleMutes, ThresholdOverrides } from '../types.js';

export interface PersistedState {
  version: 1;
  rules: Record<string, RuleState>;
  mute: MuteState | null;
  /** Mutes of single rules (`srvmon mute --rule ID`); absent in files written before they existed. */
  ruleMutes: RuleMutes;
  overrides: ThresholdOverrides;
}

/** One part of state.json that was dropped: its key (`overrides.cpu`), its value and why. */
export interface StateProblem {
  key: string;
  value: unknown;
  reason: string;
}

/** What Date can hold: anything outside makes toISOString() throw. */
const MAX_EPOCH_MS = 8.64e15;

const epochMs = z.number().min(-MAX_EPOCH_MS).max(MAX_EPOCH_MS);

const ruleStateSchema = z.object({
  status: z.enum(['ok', 'firing']),
  severity: z.enum(['warning', 'critical']),
  sinceMs: epochMs.optional(),
  episodeNotified: z.boolean(),
  lastNotifiedMs: epochMs.optional(),
  repeatAnchorMs: epochMs.optional(),
  peak: z.number().optional(),
}) satisfies z.ZodType<RuleState>;

/** The valid parts of a parsed state.json (an object), and what was dropped. */
export function validateState(raw: Record<string, unknown>): { state: PersistedState; problems: StateProblem[] } {
  const problems: StateProblem[] = [];
  const state: PersistedState = { version: 1, rules: {}, mute: null, ruleMutes: {}, overrides: {} };

  for (const [id, value] of entriesOf(raw.rules, 'rules', problems)) {
    const result = ruleStateSchema.safeParse(value);
    if (result.success) state.rules[id] = result.data;
    else problems.push({ key: `rules.${id}`, value, reason: firstIssue(result.error) });
  }

  if (raw.mute !== undefined && raw.mute !== null) {
    const reason = muteError(raw.mute);
    if (reason) problems.push({ key: 'mute', value: raw.mute, reason });
    else state.mute = { sinceMs: (raw.mute as MuteState).sinceMs, untilMs: (raw.mute as MuteState).untilMs };
  }

  for (const [id, value] of entriesOf(raw.ruleMutes, 'ruleMutes', problems)) {
    // `disk` names the disk rules' override, never a rule: mutes are of rules (`disk:/data`).
    const reason = isRuleId(id) ? muteError(value) : 'no such rule';
    if (reason) problems.push({ key: `ruleMutes.${id}`, value, reason });
    else state.ruleMutes[id] = { sinceMs: (value as MuteState).sinceMs, untilMs: (value as MuteState).untilMs };
  }

  for (const [id, value] of entriesOf(raw.overrides, 'overrides', problems)) {
    const kind = ruleKindOfId(id);
    const reason = kind ? thresholdError(kind, value) : 'no such rule';
    if (reason) problems.push({ key: `overrides.${id}`, value, reason });
    else state.overrides[id] = value as number;
  }
  return { state, problems };
}

/** Why a mute read back cannot be used, or null. `untilMs` null is a mute until unmuted, as the dashboard sets it. */
export function muteError(mute: unknown): string | null {
  if (!isRecord(mute)) return 'must be {sinceMs, untilMs} or null';
  if (!epochMs.safeParse(mute.sinceMs).success) return 'sinceMs must be a time in ms';
  if (mute.untilMs !== null && !epochMs.safeParse(mute.untilMs).success) return 'untilMs must be a time in ms or null';
  return null;
}

function entriesOf(value: unknown, key: string, problems: StateProblem[]): [string, unknown][] {
  if (value === undefined || value === null) return [];
  if (isRecord(value)) return Object.entries(value);
  problems.push({ key, value, reason: 'must be a section of key: value pairs' });
  return [];
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue || issue.path.length === 0) return 'must be a rule state {status, severity, episodeNotified, ...}';
  return `${issue.path.map(String).join('.')}: ${issue.message}`;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
