// Routing, quiet hours, grouping and budgets for one channel, as pure functions of (state, config, event, now): the
// runtime (policy-gate.ts) persists the state in the outbox folder and turns the messages into outbox entries;
// replay runs the same functions in trace time. Nothing here reads a clock or the disk.
//
// The order: routing drops what the channel does not want; quiet hours hold what they do not allow; what passes waits
// `groupWaitMs` for company and goes out as one message; the budget counts messages per clock hour and, past it,
// sends one summary and holds the rest. Held alerts are folded per episode (rule + start) and go out as ONE digest
// when nothing holds them any more; a recovery of a held alert is held with it, so the digest tells the whole story.
import type { AlertEvent } from '../../types.js';
import { episodeKey, foldEvent, itemOf, type DigestItem, type DigestMessage } from './digest.js';
import type { ChannelPolicyConfig } from './policy-types.js';
import { activeQuietWindows, quietHolds, quietUntilMs } from './quiet-hours.js';

export const HOUR_MS = 3_600_000;
/** Episodes listed in one digest; more are counted (a flapping night must not make a message of megabytes). */
export const MAX_DIGEST_ITEMS = 50;

export interface HeldEpisode {
  key: string;
  reason: 'quiet' | 'budget';
  item: DigestItem;
}

export interface PolicyState {
  /** Events that passed, waiting for the group window (from startMs) to close. */
  group: { startMs: number; events: AlertEvent[] } | null;
  /** Held for the digest, one entry per episode, in the order they were first held. */
  held: HeldEpisode[];
  /** When the first of `held` was held. */
  heldSinceMs: number | null;
  /** Messages sent in the clock hour starting at hourStartMs; overflowed once the summary went out. */
  budget: { hourStartMs: number; sent: number; overflowed: boolean };
}

export type PolicyMessage = { kind: 'single'; event: AlertEvent } | { kind: 'list'; digest: DigestMessage; events: AlertEvent[] };

export interface PolicyStep {
  state: PolicyState;
  messages: PolicyMessage[];
}

export function emptyPolicyState(): PolicyState {
  return { group: null, held: [], heldSinceMs: null, budget: { hourStartMs: 0, sent: 0, overflowed: false } };
}

/** Routing: whether the channel wants this event at all. Test alerts go everywhere. */
export function routes(config: ChannelPolicyConfig, event: AlertEvent): boolean {
  if (event.test) return true;
  if (config.severity === 'critical' && event.severity !== 'critical') return false;
  if (config.rules && !config.rules.includes(event.rule) && !config.rules.includes(event.kind)) return false;
  return true;
}

/** A new firing or an escalation at critical level: what a budget lets through unless told otherwise. */
function isCriticalEscalation(event: AlertEvent): boolean {
  return event.severity === 'critical' && (event.state === 'firing' || event.state === 'escalated');
}

function hold(state: PolicyState, event: AlertEvent, reason: HeldEpisode['reason'], nowMs: number): PolicyState {
  const key = episodeKey(event);
  const index = state.held.findIndex((held) => held.key === key);
  const held = [...state.held];
  if (index >= 0) {
    const existing = held[index] as HeldEpisode;
    held[index] = { ...existing, item: foldEvent(existing.item, event) };
  } else {
    held.push({ key, reason, item: itemOf(event) });
  }
  return { ...state, held, heldSinceMs: state.heldSinceMs ?? nowMs };
}

/** An event the engine sent: dropped, held, or queued in the group (which may then be due at once). */
export function admit(state: PolicyState, config: ChannelPolicyConfig, event: AlertEvent, nowMs: number): PolicyStep {
  if (!routes(config, event)) return { state, messages: [] };
  const quiet = quietHolds(config.quietHours, event.severity, nowMs);
  const heldEpisode = state.held.find((held) => held.key === episodeKey(event));
  if (quiet) return { state: hold(state, event, 'quiet', nowMs), messages: [] };
  if (heldEpisode) {
    // Its earlier events are in the coming digest: the rest of the episode joins them (a recovery never arrives
    // alone for a firing the user has not seen) - except a critical that quiet hours allow and the budget lets by.
    const budgetLetsBy = heldEpisode.reason === 'quiet' || !config.budgetHoldsCritical;
    const passes = isCriticalEscalation(event) && budgetLetsBy;
    const folded = hold(state, event, heldEpisode.reason, nowMs);
    if (!passes) return { state: folded, messages: [] };
    return enqueueGroup(folded, config, event, nowMs);
  }
  return enqueueGroup(state, config, event, nowMs);
}

function enqueueGroup(state: PolicyState, config: ChannelPolicyConfig, event: AlertEvent, nowMs: number): PolicyStep {
  const group = state.group ? { ...state.group, events: [...state.group.events, event] } : { startMs: nowMs, events: [event] };
  return tick({ ...state, group }, config, nowMs);
}

function currentHour(nowMs: number): number {
  return Math.floor(nowMs / HOUR_MS) * HOUR_MS;
}

/** The budget of the hour `nowMs` is in: a new clock hour starts from zero. */
function rolledBudget(state: PolicyState, nowMs: number): PolicyState['budget'] {
  const hourStartMs = currentHour(nowMs);
  return state.budget.hourStartMs === hourStartMs ? state.budget : { hourStartMs, sent: 0, overflowed: false };
}

function listMessage(kind: 'group' | 'summary', events: AlertEvent[], fromMs: number, nowMs: number, extra: Partial<DigestMessage>): PolicyMessage {
  return { kind: 'list', events, digest: { kind, fromMs, toMs: nowMs, items: events.map(itemOf), more: 0, ...extra } };
}

/** Times in a list are shown in the zone of the channel's quiet hours, if it has any. */
function zoneOf(config: ChannelPolicyConfig): Partial<DigestMessage> {
  const timezone = config.quietHours[0]?.timezone;
  return timezone === undefined ? {} : { timezone };
}

function groupMessage(events: AlertEvent[], fromMs: number, nowMs: number, config: ChannelPolicyConfig): PolicyMessage {
  return events.length === 1 ? { kind: 'single', event: events[0] as AlertEvent } : listMessage('group', events, fromMs, nowMs, zoneOf(config));
}

/** Time passes: a group whose wait is over goes out (through the budget); held alerts go out as a digest once free. */
export function tick(state: PolicyState, config: ChannelPolicyConfig, nowMs: number): PolicyStep {
  const messages: PolicyMessage[] = [];
  let next: PolicyState = config.maxPerHour === undefined ? { ...state } : { ...state, budget: rolledBudget(state, nowMs) };
  // A wall clock stepped back before the group started counts as over, so a step can never hold a group for hours.
  const group = next.group;
  if (group && (nowMs >= group.startMs + config.groupWaitMs || nowMs < group.startMs)) {
    next = { ...next, group: null };
    next = flushGroup(next, config, group, nowMs, messages);
  }
  if (next.held.length > 0 && !holdsDigest(next, config, nowMs)) {
    messages.push(digestMessage(next, config, nowMs));
    next = { ...next, held: [], heldSinceMs: null };
  }
  return { state: next, messages };
}

function flushGroup(state: PolicyState, config: ChannelPolicyConfig, group: NonNullable<PolicyState['group']>, nowMs: number, messages: PolicyMessage[]): PolicyState {
  const budget = state.budget;
  if (config.maxPerHour === undefined) {
    // No budget, nothing to count (and no state to write per message).
    messages.push(groupMessage(group.events, group.startMs, nowMs, config));
    return state;
  }
  if (budget.sent < config.maxPerHour) {
    messages.push(groupMessage(group.events, group.startMs, nowMs, config));
    return { ...state, budget: { ...budget, sent: budget.sent + 1 } };
  }
  const passing = config.budgetHoldsCritical ? [] : group.events.filter(isCriticalEscalation);
  const heldEvents = group.events.filter((event) => !passing.includes(event));
  let next = state;
  if (passing.length > 0) messages.push(groupMessage(passing, group.startMs, nowMs, config));
  if (heldEvents.length === 0) return next;
  for (const event of heldEvents) next = hold(next, event, 'budget', nowMs);
  if (!budget.overflowed) {
    // One summary when the budget runs out: what it starts holding, and when the digest comes.
    messages.push(listMessage('summary', heldEvents, group.startMs, nowMs, { maxPerHour: config.maxPerHour, heldUntilMs: budget.hourStartMs + HOUR_MS, ...zoneOf(config) }));
  }
  return { ...next, budget: { ...next.budget, overflowed: true } };
}

/** Whether the held alerts must still wait: quiet hours in force, or this hour's budget spent. */
function holdsDigest(state: PolicyState, config: ChannelPolicyConfig, nowMs: number): boolean {
  if (activeQuietWindows(config.quietHours, nowMs).length > 0) return true;
  return config.maxPerHour !== undefined && state.budget.overflowed && state.budget.hourStartMs === currentHour(nowMs);
}

function digestMessage(state: PolicyState, config: ChannelPolicyConfig, nowMs: number): PolicyMessage {
  const listed = state.held.slice(0, MAX_DIGEST_ITEMS);
  const reason = state.held.some((held) => held.reason === 'quiet') ? 'quiet' : 'budget';
  return {
    kind: 'list',
    events: [],
    digest: { kind: 'digest', fromMs: state.heldSinceMs ?? nowMs, toMs: nowMs, items: listed.map((held) => held.item), more: state.held.length - listed.length, reason, ...zoneOf(config) },
  };
}

/** When `tick` next has something to do (the runtime wakes then, or sooner), or undefined when nothing waits. */
export function nextWakeMs(state: PolicyState, config: ChannelPolicyConfig, nowMs: number): number | undefined {
  const times: number[] = [];
  if (state.group) times.push(state.group.startMs + config.groupWaitMs);
  if (state.held.length > 0) {
    const quietEndMs = quietUntilMs(config.quietHours, nowMs);
    if (quietEndMs !== undefined) times.push(quietEndMs);
    else if (state.budget.overflowed) times.push(state.budget.hourStartMs + HOUR_MS);
    else times.push(nowMs);
  }
  return times.length === 0 ? undefined : Math.min(...times);
}

/** For the status bar and `srvmon status`: until when quiet hours hold this channel, and how much is held. */
export function policyStatus(state: PolicyState, config: ChannelPolicyConfig, nowMs: number): { quietUntilMs?: number; held: number } {
  const quietEndMs = quietUntilMs(config.quietHours, nowMs);
  return { ...(quietEndMs !== undefined ? { quietUntilMs: quietEndMs } : {}), held: state.held.reduce((sum, held) => sum + held.item.events, 0) };
}
