// The host series of /metrics, read from the store's latest sample at scrape time: the same numbers the dashboard and
// the alert engine saw, never a second reading of /proc. A key missing from the sample (a read that failed, a disk
// that timed out) is left out of the scrape, not reported as 0, so that Prometheus shows a gap and not a false value.
import { Gauge, type Registry } from 'prom-client';
import type { Sample } from '../types.js';
import { gaugeLabel, sampleGauges } from '../catalogue/metric-gauges.js';
import { familyEntries } from '../catalogue/metric-keys.js';

export { CPU_TOTAL_LABEL } from '../catalogue/metric-gauges.js';

export interface SampleMetricsOptions {
  registry: Registry;
  /** The sample to expose; read on every scrape. */
  latest: () => Sample | undefined;
}

/** Percent (0-100) to the ratio (0-1) Prometheus naming expects; rounding keeps 37.1% from reading 0.37100000000000005. */
export function percentToRatio(pct: number): number {
  return Math.round(pct * 1e6) / 1e8;
}

export function registerSampleMetrics({ registry, latest }: SampleMetricsOptions): void {
  const registers = [registry];
  const values = (): Record<string, number> => latest()?.values ?? {};

  for (const row of sampleGauges()) {
    const scale = row.scale === 'ratio' ? percentToRatio : (v: number) => v;
    const label = gaugeLabel(row);
    new Gauge({
      name: row.name,
      help: row.help,
      labelNames: label === undefined ? [] : [label],
      registers,
      collect() {
        const sample = values();
        this.reset();
        if (label === undefined) {
          const value = row.key === undefined ? undefined : sample[row.key];
          // A label-less gauge resets to 0; remove() takes that series away so a missing reading stays missing.
          if (value === undefined || !Number.isFinite(value)) this.remove();
          else this.set(scale(value));
          return;
        }
        const total = row.key === undefined ? undefined : sample[row.key];
        if (total !== undefined && Number.isFinite(total)) this.set({ [label]: row.keyLabel ?? '' }, scale(total));
        if (row.family === undefined) return;
        for (const [instance, value] of familyEntries(sample, row.family)) {
          if (Number.isFinite(value)) this.set({ [label]: instance }, scale(value));
        }
      },
    });
  }

  new Gauge({
    name: 'srvmon_last_sample_timestamp_seconds',
    help: 'When the exposed sample was taken (Unix seconds): time() minus this shows a stalled sampler.',
    registers,
    collect() {
      const sample = latest();
      this.reset();
      if (sample === undefined) this.remove();
      else this.set(sample.timeMs / 1000);
    },
  });
}
