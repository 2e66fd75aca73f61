// The host gauges of /metrics, one row each: which sample key or keyed family it shows, its label and its scale.
// src/metrics/sample-metrics.ts registers one gauge per row, in this order; a rule kind names its gauge here
// (rule-kinds.ts `gauge`) or defines it in its own row; a metric without a rule that should be scraped is one more row.
import { FAMILY_INSTANCES, type MetricFamily } from './metric-keys.js';
import { RULE_KIND_TABLE, type RuleKindRow } from './rule-kinds.js';
import { VALUE_UNITS } from './value-units.js';

/** The label of a row's series: its family's, or none for a gauge of one plain key. */
export function gaugeLabel(row: GaugeRow): string | undefined {
  return row.family === undefined ? undefined : FAMILY_INSTANCES[row.family].label;
}

/** The total of all cores is `cpu="total"`; single cores are `cpu="0"`, `cpu="1"`... */
export const CPU_TOTAL_LABEL = 'total';

export interface GaugeRow {
  name: string;
  help: string;
  /** `ratio`: a percent (0-100) shown as 0-1, as Prometheus naming expects; `raw`: as sampled. */
  scale: 'ratio' | 'raw';
  /** A plain sample key shown by this gauge (label-less unless `keyLabel` is set). */
  key?: string;
  /** A keyed family shown by this gauge, one series per instance under the family's label (metric-keys.ts). */
  family?: MetricFamily;
  /** The label value of the plain key when the gauge also shows a family (`cpu="total"`). */
  keyLabel?: string;
}

export const SAMPLE_GAUGES: readonly GaugeRow[] = [
  {
    name: 'srvmon_cpu_usage_ratio',
    help: `Busy share of CPU time, 0-1: cpu="${CPU_TOTAL_LABEL}" for all cores together, cpu="N" for core N.`,
    scale: 'ratio',
    key: 'cpu',
    keyLabel: CPU_TOTAL_LABEL,
    family: 'cpu',
  },
  { name: 'srvmon_memory_usage_ratio', help: 'Memory in use, (total - available) / total, 0-1.', scale: 'ratio', key: 'memory' },
  { name: 'srvmon_swap_usage_ratio', help: 'Swap in use, 0-1; absent when the host has no swap reading.', scale: 'ratio', key: 'swap' },
  { name: 'srvmon_load1', help: 'Load average over 1 minute.', scale: 'raw', key: 'load1' },
  { name: 'srvmon_load5', help: 'Load average over 5 minutes.', scale: 'raw', key: 'load5' },
  { name: 'srvmon_load15', help: 'Load average over 15 minutes.', scale: 'raw', key: 'load15' },
  { name: 'srvmon_filesystem_usage_ratio', help: 'Used share of the filesystem, 0-1, per mountpoint.', scale: 'ratio', family: 'disk' },
  { name: 'srvmon_network_receive_bytes_per_second', help: 'Bytes received per second, per interface.', scale: 'raw', family: 'netRx' },
  { name: 'srvmon_network_transmit_bytes_per_second', help: 'Bytes sent per second, per interface.', scale: 'raw', family: 'netTx' },
];

/** Every host gauge: the rows above, then one per rule kind whose row defines a gauge no row above has. */
export function sampleGauges(kinds: Readonly<Record<string, RuleKindRow>> = RULE_KIND_TABLE): GaugeRow[] {
  const gauges = [...SAMPLE_GAUGES];
  for (const row of Object.values(kinds)) {
    const { name, help } = row.gauge;
    if (help === undefined || gauges.some((g) => g.name === name)) continue;
    const scale = VALUE_UNITS[row.unit].gaugeScale;
    gauges.push('family' in row.metric ? { name, help, scale, family: row.metric.family } : { name, help, scale, key: row.metric.key });
  }
  return gauges;
}
