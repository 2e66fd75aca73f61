// The host series of /metrics, read from the store's latest sample at scrape time: the same numbers the dashboard and
// the alert engine saw, never a second reading of /proc. A key missing from the sample (a read that failed, a disk
// that timed out) is left out of the scrape, not reported as 0, so that Prometheus shows a gap and not a false value.
import { Gauge, type Registry } from 'prom-client';
import type { Sample } from '../types.js';

/** The total of all cores is `cpu="total"`; single cores are `cpu="0"`, `cpu="1"`... */
export const CPU_TOTAL_LABEL = 'total';

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

  new Gauge({
    name: 'srvmon_cpu_usage_ratio',
    help: `Busy share of CPU time, 0-1: cpu="${CPU_TOTAL_LABEL}" for all cores together, cpu="N" for core N.`,
    labelNames: ['cpu'],
    registers,
    collect() {
      this.reset();
      for (const [key, pct] of Object.entries(values())) {
        if (key === 'cpu') this.set({ cpu: CPU_TOTAL_LABEL }, percentToRatio(pct));
        else if (key.startsWith('cpu:')) this.set({ cpu: key.slice(4) }, percentToRatio(pct));
      }
    },
  });

  const plain: [name: string, key: string, help: string, scale: (v: number) => number][] = [
    ['srvmon_memory_usage_ratio', 'memory', 'Memory in use, (total - available) / total, 0-1.', percentToRatio],
    ['srvmon_swap_usage_ratio', 'swap', 'Swap in use, 0-1; absent when the host has no swap reading.', percentToRatio],
    ['srvmon_load1', 'load1', 'Load average over 1 minute.', (v) => v],
    ['srvmon_load5', 'load5', 'Load average over 5 minutes.', (v) => v],
    ['srvmon_load15', 'load15', 'Load average over 15 minutes.', (v) => v],
  ];
  for (const [name, key, help, scale] of plain) {
    new Gauge({
      name,
      help,
      registers,
      collect() {
        const value = values()[key];
        this.reset();
        // A label-less gauge resets to 0; remove() takes that series away so a missing reading stays missing.
        if (value === undefined || !Number.isFinite(value)) this.remove();
        else this.set(scale(value));
      },
    });
  }

  const perKey: [name: string, prefix: string, label: string, help: string, scale: (v: number) => number][] = [
    ['srvmon_filesystem_usage_ratio', 'disk:', 'mountpoint', 'Used share of the filesystem, 0-1, per mountpoint.', percentToRatio],
    ['srvmon_network_receive_bytes_per_second', 'netRx:', 'interface', 'Bytes received per second, per interface.', (v) => v],
    ['srvmon_network_transmit_bytes_per_second', 'netTx:', 'interface', 'Bytes sent per second, per interface.', (v) => v],
  ];
  for (const [name, prefix, label, help, scale] of perKey) {
    new Gauge({
      name,
      help,
      labelNames: [label],
      registers,
      collect() {
        this.reset();
        for (const [key, value] of Object.entries(values())) {
          if (key.startsWith(prefix) && Number.isFinite(value)) this.set({ [label]: key.slice(prefix.length) }, scale(value));
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
