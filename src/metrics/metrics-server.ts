// The HTTP endpoint Prometheus scrapes. Only GET /metrics does work; everything else is a short plain-text answer,
// because this port may be reachable from the network and should not offer more than it must.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { formatHostPort } from './listen-address.js';

export interface MetricsSource {
  metrics(): Promise<string>;
  readonly contentType: string;
}

export interface MetricsServerOptions {
  source: MetricsSource;
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
}

export interface MetricsServer {
  /** The bound address, e.g. "127.0.0.1:9105" (the real port when 0 was asked for). */
  readonly address: string;
  readonly port: number;
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

export async function startMetricsServer({ source, host, port }: MetricsServerOptions): Promise<MetricsServer> {
  const server = createServer((req, res) => void handle(source, req, res));
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
