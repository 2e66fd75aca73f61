// An EvidenceSource that loads the collector only once a rule of a kind it samples for is seen (after the first
// sample, off the start-up path) or a transition needs it. Start-up loads this file only.
import type { AlertEvidence } from '../alerts/evidence.js';
import type { RuleStatus } from '../alerts/engine.js';
import type { AlertEvent, Sample } from '../types.js';
import type { EvidenceCollector, EvidenceCollectorOptions } from './evidence-collector.js';
import { CPU_KINDS, MEMORY_KINDS, wantsEvidence } from './evidence-kinds.js';
import type { EvidenceSource } from './evidence-source.js';

export class LazyEvidenceSource implements EvidenceSource {
  readonly #options: EvidenceCollectorOptions;
  #collector: EvidenceCollector | undefined;
  #loading: Promise<EvidenceCollector> | undefined;

  constructor(options: EvidenceCollectorOptions) {
    this.#options = options;
  }

  wants(event: AlertEvent): boolean {
    return wantsEvidence(event);
  }

  observe(sample: Sample, statuses: readonly RuleStatus[]): void {
    if (this.#collector) return this.#collector.observe(sample, statuses);
    if (!statuses.some(({ rule }) => CPU_KINDS.has(rule.kind) || MEMORY_KINDS.has(rule.kind))) return;
    // Loaded, it takes the counters at once, with this sample's statuses: the next sample has an interval to measure
    // the CPU split and the swap rate over, and a transition then need not wait for one.
    const first = this.#loading === undefined;
    const loading = this.#load();
    if (first) void loading.then((collector) => collector.observe(sample, statuses)).catch(() => undefined);
  }

  async collect(event: AlertEvent, sample: Sample): Promise<AlertEvidence | undefined> {
    if (!wantsEvidence(event)) return undefined;
    return (await this.#load()).collect(event, sample);
  }

  #load(): Promise<EvidenceCollector> {
    this.#loading ??= import('./evidence-collector.js').then(({ EvidenceCollector }) => {
      this.#collector = new EvidenceCollector(this.#options);
      return this.#collector;
    });
    return this.#loading;
  }
}
