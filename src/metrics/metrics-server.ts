// The HTTP endpoint Prometheus scrapes. Only GET /metrics does work; everything else is a short plain-text answer,
// because this port may be reachable from the network and should not offer more than it must. For the same reason it
// holds few connections and drops idle or trickling ones: descriptors it takes are descriptors sampling lacks.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { guardConnections } from './connection-guard.js';
import { formatHostPort } from './listen-address.js';
import { metricsConnectionCap, readOwnLimits } from './open-files-limit.js';

export interface MetricsSource {
  metrics(): Promise<string>;
  readonly contentType: string;
}

export interface MetricsServerOptions {
  source: MetricsSource;
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  /**
   * Most connections held at once; over it, the longest idle one is closed. Kept far below the descriptor limit so
   * that sampling and the state dir always have descriptors. @default min(64, soft RLIMIT_NOFILE / 4)
   */
  maxConnections?: number;
  /** A connection with no traffic for this long is closed, and so is a kept-alive one between scrapes. @default 5000 */
  idleTimeoutMs?: number;
  /** A request (headers included) must arrive within this, however slowly its bytes trickle in. @default 10000 */
  requestTimeoutMs?: number;
}

export const DEFAULT_IDLE_TIMEOUT_MS = 5_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

export interface MetricsServer {
  /** The bound address, e.g. "127.0.0.1:9105" (the real port when 0 was asked for). */
  readonly address: string;
  readonly port: number;
  readonly maxConnections: number;
  /** Connections the server holds right now. */
  connections(): Promise<number>;
  close(): Promise<void>;
}

/** The port could not be bound. `message` is one line naming the address: "cannot listen on 127.0.0.1:9105: ...". */
export class MetricsListenError extends Error {
  override readonly name = 'MetricsListenError';
  constructor(
    readonly address: string,
    readonly code: string | undefined,
    reason: string,
  ) {
    super(`cannot listen on ${address}: ${reason}`);
  }
}

const LISTEN_REASONS: Record<string, string> = {
  EADDRINUSE: 'the address is already in use (another srvmon or exporter on this port?)',
  EACCES: 'permission denied (ports below 1024 need privileges; pick e.g. 9105)',
  EADDRNOTAVAIL: 'the address does not belong to this machine',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed',
};

export async function startMetricsServer(options: MetricsServerOptions): Promise<MetricsServer> {
  const { source, host, port } = options;
  const maxConnections = options.maxConnections ?? metricsConnectionCap(readOwnLimits());
  const idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const server = createServer(
    {
      requestTimeout: requestTimeoutMs,
      headersTimeout: requestTimeoutMs,
      // How often Node looks for requests past their timeout; its 30 s default would let a trickling client stay 30 s.
      connectionsCheckingInterval: Math.max(10, Math.min(1000, Math.floor(requestTimeoutMs / 4))),
    },
    (req, res) => void handle(source, req, res),
  );
  // No traffic for idleTimeoutMs (a socket that never sends a byte, one kept alive after its scrape): closed.
  server.timeout = idleTimeoutMs;
  server.keepAliveTimeout = idleTimeoutMs;
  guardConnections(server, maxConnections);
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      const reason = (error.code && LISTEN_REASONS[error.code]) ?? error.message;
      reject(new MetricsListenError(formatHostPort(host, port), error.code, reason));
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const bound = server.address() as AddressInfo;
  return {
    address: formatHostPort(bound.address, bound.port),
    port: bound.port,
    maxConnections,
    connections: () => new Promise((resolve, reject) => server.getConnections((error, count) => (error ? reject(error) : resolve(count)))),
    close: () => closeServer(server),
  };
}

async function handle(source: MetricsSource, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? '/').split('?')[0];
  if (req.method !== 'GET' && req.method !== 'HEAD') return reply(res, 405, 'only GET is served here\n', { Allow: 'GET, HEAD' });
  if (path === '/') return reply(res, 200, 'srvmon: Prometheus metrics are at /metrics\n');
  if (path !== '/metrics') return reply(res, 404, 'not found; Prometheus metrics are at /metrics\n');
  let body: string;
  try {
    body = await source.metrics();
  } catch (error: unknown) {
    // A failing collector must not take the endpoint down; Prometheus records the 500 as a failed scrape (up == 0).
    return reply(res, 500, `srvmon: collecting metrics failed: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  reply(res, 200, body, { 'Content-Type': source.contentType }, req.method === 'HEAD');
}

function reply(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}, headOnly = false): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body), ...headers });
  res.end(headOnly ? undefined : body);
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Prometheus keeps its scrape connection open; without this, close() would wait for it to time out.
    server.closeAllConnections();
  });
}
