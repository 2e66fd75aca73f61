// Starts /metrics for the monitor command: picks the address (--metrics-listen wins over prometheus.listen), builds
// the registry on the store and binds the port. Every failure a user can fix is a ConfigError (one line, exit 78)
// that names the flag or config key and the address.
import type { Clock } from '../clock.js';
import { ConfigError } from '../config/config-error.js';
import type { MonitorStore } from '../store/monitor-store.js';
import { toListenAddress, type ListenAddress } from './listen-address.js';
import { createMetricsRegistry } from './metrics-registry.js';
import { MetricsListenError, startMetricsServer } from './metrics-server.js';

export const METRICS_FLAG = '--metrics-listen';
export const METRICS_CONFIG_KEY = 'prometheus.listen';

export interface MetricsExporterOptions {
  store: MonitorStore;
  clock: Clock;
  /** --metrics-listen as typed, if given. */
  flag?: string;
  /** prometheus.listen from the config, already validated and normalised. */
  configListen?: string;
  /** The config file, for error messages. */
  file: string | null;
}

export interface MetricsExporter {
  /** The bound address, e.g. "127.0.0.1:9105". */
  readonly address: string;
  close(): Promise<void>;
}

/** Resolves to null when neither the flag nor the config asks for /metrics (it is off by default). */
export async function startMetricsExporter(options: MetricsExporterOptions): Promise<MetricsExporter | null> {
  const listen = resolveListen(options);
  if (!listen) return null;
  const metrics = createMetricsRegistry({ store: options.store, clock: options.clock });
  try {
    const server = await startMetricsServer({ source: metrics, host: listen.address.host, port: listen.address.port });
    return {
      address: server.address,
      close: async () => {
        metrics.close();
        await server.close();
      },
    };
  } catch (error: unknown) {
    metrics.close();
    if (error instanceof MetricsListenError) throw listen.error(error.message);
    throw error;
  }
}

interface ResolvedListen {
  address: ListenAddress;
  /** A ConfigError that points at where the address came from. */
  error: (detail: string) => ConfigError;
}

function resolveListen({ flag, configListen, file }: MetricsExporterOptions): ResolvedListen | null {
  if (flag !== undefined) {
    const error = (detail: string): ConfigError => new ConfigError(null, METRICS_FLAG, detail, { flag: METRICS_FLAG });
    try {
      return { address: toListenAddress(flag), error };
    } catch (e: unknown) {
      throw error(`${e instanceof Error ? e.message : String(e)}, got ${JSON.stringify(flag)}`);
    }
  }
  if (configListen === undefined) return null;
  // The config layer has validated the value already; a failure here would be a bug, not a user mistake.
  return { address: toListenAddress(configListen), error: (detail) => new ConfigError(file, METRICS_CONFIG_KEY, detail) };
}
