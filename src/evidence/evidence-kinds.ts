// Which transitions get evidence, and which rule kinds need the /proc counters: apart from the collector so that the
// lazy source (lazy-evidence.ts) can answer without loading it.
import type { AlertEvent, RuleKind } from '../types.js';

/** Top processes by CPU, the CPU split and its diagnosis (the process table, /proc/stat). */
export const CPU_KINDS: ReadonlySet<RuleKind> = new Set(['cpu', 'load', 'iowait', 'cpuCore', 'process']);
/** Top processes by RSS and the swap rate (the process table, /proc/vmstat). */
export const MEMORY_KINDS: ReadonlySet<RuleKind> = new Set(['memory', 'swap', 'processMemory']);
/**
 * Evidence from the transition's sample (and the disk history): nothing to read ahead, no process table.
 * running, systemd and reboot get none: their message already says what happened (which process is gone, which
 * unit failed, when the host booted), and there is no number behind it to explain.
 */
export const SAMPLE_KINDS: ReadonlySet<RuleKind> = new Set(['disk', 'diskfull', 'netRx', 'netTx', 'diskio', 'temperature']);

/** Firing, repeat and escalated transitions of kinds with evidence; resolves get their duration and peak from the engine. */
export function wantsEvidence(event: AlertEvent): boolean {
  return event.state !== 'resolved' && event.test !== true && (CPU_KINDS.has(event.kind) || MEMORY_KINDS.has(event.kind) || SAMPLE_KINDS.has(event.kind));
}
