// A one-line reading of where the CPU time went, given only when the split says it clearly: a person paged for
// "CPU 95%" acts differently when the CPU is mostly waiting for a disk or taken by the hypervisor.
import type { CpuSplit, DiagnosisKey } from './evidence.js';

/** % of all CPU time stolen by the hypervisor above which steal is named: a few % is normal on a shared host. */
export const STEAL_DIAGNOSIS_PCT = 10;
/** % of all CPU time in iowait above which the wait is named, when it is also at least the user time. */
export const IOWAIT_DIAGNOSIS_PCT = 20;
/** % of all CPU time in the kernel above which it is named, when it is also more than the user time. */
export const SYSTEM_DIAGNOSIS_PCT = 30;

/**
 * Steal first (nothing inside the guest fixes it), then iowait (the disk, not the CPU, is the bottleneck), then
 * system time well above user time (syscalls, interrupts, page faults). Nothing when user time dominates: the top
 * processes say it better.
 */
export function diagnose(split: CpuSplit): DiagnosisKey | undefined {
  if (split.steal >= STEAL_DIAGNOSIS_PCT) return 'steal';
  if (split.iowait >= IOWAIT_DIAGNOSIS_PCT && split.iowait >= split.user) return 'iowait';
  if (split.system >= SYSTEM_DIAGNOSIS_PCT && split.system > split.user) return 'system';
  return undefined;
}
