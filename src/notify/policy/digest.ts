// A message that lists several alerts: a group (transitions that came together), a budget summary (what the budget
// started holding), or a digest (what quiet hours or a budget held, sent when they end). It travels in the outbox
// entry and the Notification beside a representative event, so that a channel that only knows single events still
// sends something true; the text renderers (notification-text.ts -> digest-text.ts) show the whole list.
import type { AlertEvent, AlertState, RuleKind, Severity } from '../../types.js';

export type DigestKind = 'group' | 'summary' | 'digest';

/** One alert episode (a rule from firing to resolved) as the list shows it. */
export interface DigestItem {
  rule: string;
  kind: RuleKind;
  mountpoint?: string;
  /** The last state seen: resolved means no longer firing. */
  state: AlertState;
  /** The highest severity seen in the episode. */
  severity: Severity;
  /** Episode start. */
  sinceMs: number;
  /** Time of the last event seen. */
  lastMs: number;
  /** When it resolved, if it did. */
  resolvedMs?: number;
  /** Last value and the highest one seen (event.peak when present, else the highest value of its events). */
  value: number;
  peak: number;
  threshold: number;
  window: number;
  /** Events folded into this item. */
  events: number;
}

export interface DigestMessage {
  kind: DigestKind;
  /** The span the list covers: first held (or grouped) event to the time it was sent. */
  fromMs: number;
  toMs: number;
  items: DigestItem[];
  /** Episodes left out of `items` (a very long night): counted, not listed. */
  more: number;
  /** digest: what held them. */
  reason?: 'quiet' | 'budget';
  /** summary: the budget, and the time the held alerts go out as a digest. */
  maxPerHour?: number;
  heldUntilMs?: number;
  /** The zone times are shown in: the quiet hours' zone when the channel has some, else this server's. */
  timezone?: string;
}

/** An episode is one rule from its start (sinceMs) on. */
export function episodeKey(event: Pick<AlertEvent, 'rule' | 'sinceMs'>): string {
  return `${event.rule}@${event.sinceMs}`;
}

function peakOf(event: AlertEvent): number {
  const peak = (event as { peak?: unknown }).peak;
  return typeof peak === 'number' && Number.isFinite(peak) ? Math.max(peak, event.value) : event.value;
}

const SEVERITY_RANK: Record<Severity, number> = { warning: 0, critical: 1 };

export function itemOf(event: AlertEvent): DigestItem {
  return {
    rule: event.rule,
    kind: event.kind,
    ...(event.mountpoint !== undefined ? { mountpoint: event.mountpoint } : {}),
    state: event.state,
    severity: event.severity,
    sinceMs: event.sinceMs,
    lastMs: event.timeMs,
    ...(event.state === 'resolved' ? { resolvedMs: event.timeMs } : {}),
    value: event.value,
    peak: peakOf(event),
    threshold: event.threshold,
    window: event.window,
    events: 1,
  };
}

/** The item with one more event of its episode folded in. A resolved event's value is the clear level's side, so
 * it never raises the peak above what the firing events saw unless it carries a peak of its own. */
export function foldEvent(item: DigestItem, event: AlertEvent): DigestItem {
  const next: DigestItem = {
    ...item,
    state: event.state,
    severity: SEVERITY_RANK[event.severity] > SEVERITY_RANK[item.severity] ? event.severity : item.severity,
    lastMs: Math.max(item.lastMs, event.timeMs),
    value: event.value,
    peak: Math.max(item.peak, peakOf(event)),
    threshold: event.state === 'resolved' ? item.threshold : event.threshold,
    events: item.events + 1,
  };
  if (event.state === 'resolved') next.resolvedMs = event.timeMs;
  else delete next.resolvedMs;
  return next;
}

/** A stand-in event for channels that show one event only: the most severe item, still firing first. */
export function representativeEvent(message: DigestMessage, id: string, nowMs: number, text: string): AlertEvent {
  const ranked = [...message.items].sort(
    (a, b) => Number(b.state !== 'resolved') - Number(a.state !== 'resolved') || SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.sinceMs - b.sinceMs,
  );
  const top = ranked[0];
  if (!top) throw new Error('bug: a digest with no items');
  return {
    type: 'alert',
    id,
    timeMs: nowMs,
    rule: top.rule,
    kind: top.kind,
    ...(top.mountpoint !== undefined ? { mountpoint: top.mountpoint } : {}),
    state: top.state,
    severity: top.severity,
    value: top.value,
    threshold: top.threshold,
    window: top.window,
    notify: true,
    muted: false,
    message: text,
    sinceMs: top.sinceMs,
  };
}
