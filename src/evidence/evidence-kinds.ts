// Which transitions get evidence, and which rule kinds need the /proc counters: apart from the collector so that the
// lazy source (lazy-evidence.ts) can answer without loading it.
import type { AlertEvent, RuleKind } from '../types.js';

export const CPU_KINDS: ReadonlySet<RuleKind> = new Set(['cpu', 'load']);
export const MEMORY_KINDS: ReadonlySet<RuleKind> = new Set(['memory', 'swap']);

/** Firing, repeat and escalated transitions of kinds with evidence; resolves get their duration and peak from the engine. */
export function wantsEvidence(event: AlertEvent): boolean {
  return event.state !== 'resolved' && event.test !== true && (CPU_KINDS.has(event.kind) || MEMORY_KINDS.has(event.kind) || event.kind === 'disk');
}
