// The port the monitor calls to attach evidence to alert transitions (evidence-collector.ts is the real one). Replay
// and tests run without one: their events carry no evidence and are delivered synchronously.
import type { AlertEvidence } from '../alerts/evidence.js';
import type { RuleStatus } from '../alerts/engine.js';
import type { AlertEvent, Sample } from '../types.js';

export interface EvidenceSource {
  /** Whether this event gets evidence (it is then delivered once the evidence is taken). */
  wants(event: AlertEvent): boolean;
  /** Every sample, after the engine has seen it. */
  observe(sample: Sample, statuses: readonly RuleStatus[]): void;
  /** The evidence of one transition of that sample; never rejects. */
  collect(event: AlertEvent, sample: Sample): Promise<AlertEvidence | undefined>;
}
