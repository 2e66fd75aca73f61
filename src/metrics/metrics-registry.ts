// The prom-client registry behind /metrics. It holds no readings of its own: every series is filled from the store
// in a collect() callback when Prometheus scrapes, so /metrics shows exactly what the dashboard and the engine saw.
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { Clock } from '../clock.js';
import type { MonitorStore } from '../store/monitor-store.js';
import { registerAlertMetrics } from './alert-metrics.js';
import { registerChannelMetrics } from './channel-metrics.js';
import { registerSampleMetrics } from './sample-metrics.js';

export interface MetricsRegistryOptions {
  store: MonitorStore;
  clock: Clock;
  /** prom-client's process_* and nodejs_* series (CPU, memory, event loop lag of srvmon itself). @default true */
  processMetrics?: boolean;
}

export interface MetricsRegistry {
  readonly registry: Registry;
  /** The text Prometheus scrapes. */
  metrics(): Promise<string>;
  readonly contentType: string;
  /** Stop counting deliveries. */
  close(): void;
}

export function createMetricsRegistry({ store, clock, processMetrics = true }: MetricsRegistryOptions): MetricsRegistry {
  // A registry of our own rather than prom-client's global one: two monitors in one process (tests) stay apart.
  const registry = new Registry();
  registerSampleMetrics({ registry, latest: () => store.latest });
  registerAlertMetrics({ registry, clock, rules: () => store.rules, mute: () => store.mute, ruleMutes: () => store.ruleMutes });
  const channels = registerChannelMetrics({ registry, channels: () => store.channels.values() });
  // Counters must see every delivery, not only the last LOG_CAPACITY in the store's log (which also holds entries
  // of earlier runs), so they are counted as the store announces them.
  const unsubscribe = store.subscribe((event) => {
    if (event.type === 'delivery') channels.recordDelivery(event.event);
  });
  if (processMetrics) collectDefaultMetrics({ register: registry });
  return {
    registry,
    metrics: () => registry.metrics(),
    contentType: registry.contentType,
    close: unsubscribe,
  };
}
