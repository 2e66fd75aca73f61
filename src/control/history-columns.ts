// The metric history as columns for the control socket, and back: built from MetricHistory's public reads and
// replayed through its add(), so the wire format does not depend on how the history is stored.
import { MetricHistory } from '../store/metric-history.js';
import type { Sample } from '../types.js';
import type { HistoryColumns } from './protocol.js';

export function historyToColumns(history: MetricHistory): HistoryColumns {
  const keys = history.keys();
  const series: Record<string, (number | null)[]> = {};
  let timesMs: number[] = [];
  for (const key of keys) {
    const points = history.series(key);
    if (timesMs.length === 0) timesMs = points.map((p) => p.timeMs);
    series[key] = points.map((p) => (Number.isFinite(p.value) ? p.value : null));
  }
  return { capacity: history.capacity, timesMs, series };
}

/** A history of `capacity` samples holding the columns' points (values that are not finite numbers become gaps). */
export function historyFromColumns(columns: HistoryColumns): MetricHistory {
  const capacity = Number.isSafeInteger(columns.capacity) && columns.capacity > 0 ? Math.min(columns.capacity, 1_000_000) : 1;
  const history = new MetricHistory(capacity);
  const timesMs = Array.isArray(columns.timesMs) ? columns.timesMs.slice(-capacity) : [];
  const offset = (Array.isArray(columns.timesMs) ? columns.timesMs.length : 0) - timesMs.length;
  const entries = Object.entries(columns.series ?? {}).filter(([, values]) => Array.isArray(values));
  timesMs.forEach((timeMs, i) => {
    const values: Sample['values'] = {};
    for (const [key, column] of entries) {
      const value = column[offset + i];
      if (typeof value === 'number' && Number.isFinite(value)) values[key] = value;
    }
    history.add({ timeMs: typeof timeMs === 'number' ? timeMs : 0, values });
  });
  return history;
}
