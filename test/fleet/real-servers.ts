// Runs Debian's real Prometheus and Alertmanager for the fleet test: loopback ports, temporary configs and storage,
// readiness polled with a deadline. Nothing here sleeps for a fixed time.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** Debian installs Alertmanager as prometheus-alertmanager; upstream tarballs call it alertmanager. */
export const PROMETHEUS_BINARIES = ['prometheus'];
export const ALERTMANAGER_BINARIES = ['prometheus-alertmanager', 'alertmanager'];

/** The first of the names found on PATH, or undefined. */
export function findBinary(names: readonly string[]): string | undefined {
  for (const name of names) {
    const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (found.status === 0 && found.stdout.trim()) return found.stdout.trim();
  }
  return undefined;
}

/** A loopback port that is free right now (bound, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export class ServerProcess {
  readonly child: ChildProcess;
  output = '';

  constructor(
    readonly name: string,
    command: string,
    args: string[],
  ) {
    this.child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    // Both servers log to stderr; kept for the failure message, trimmed so a long run does not pile up.
    const keep = (chunk: Buffer): void => {
      this.output = (this.output + chunk.toString('utf8')).slice(-8000);
    };
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
  }

  get exited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 3000);
    await gone;
    clearTimeout(timer);
  }
}

/** Polls check() until it returns a value (not undefined) or the deadline passes; the error says what was awaited. */
export async function pollUntil<T>(what: string, deadlineMs: number, check: () => Promise<T | undefined>, context: () => string = () => ''): Promise<T> {
  const endMs = Date.now() + deadlineMs;
  let lastError = '';
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error: unknown) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() >= endMs) {
      throw new Error(`timed out after ${deadlineMs} ms waiting for ${what}${lastError ? ` (last error: ${lastError})` : ''}\n${context()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export async function getJson(url: string): Promise<unknown> {
  const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
  if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status}`);
  return response.json();
}

export async function waitReady(server: ServerProcess, baseUrl: string, deadlineMs = 20_000): Promise<void> {
  await pollUntil(
    `${server.name} to be ready at ${baseUrl}/-/ready`,
    deadlineMs,
    async () => {
      if (server.exited) throw new Error(`${server.name} exited with ${server.child.exitCode ?? server.child.signalCode}`);
      const response = await fetch(`${baseUrl}/-/ready`, { signal: AbortSignal.timeout(1000) });
      return response.ok ? true : undefined;
    },
    () => `${server.name} output:\n${server.output}`,
  );
}

/** Alertmanager with one route to a receiver that sends nothing, no clustering, storage in dir. */
export function startAlertmanager(binary: string, dir: string, port: number): ServerProcess {
  const config = join(dir, 'alertmanager.yml');
  writeFileSync(config, ['route:', "  receiver: 'null'", 'receivers:', "  - name: 'null'", ''].join('\n'));
  return new ServerProcess('alertmanager', binary, [
    `--config.file=${config}`,
    `--storage.path=${join(dir, 'alertmanager-data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    // An empty address turns the gossip cluster off: no port 9094, no peers.
    '--cluster.listen-address=',
  ]);
}

/** Prometheus scraping one target every second, storage in dir. */
export function startPrometheus(binary: string, dir: string, port: number, target: string): ServerProcess {
  const config = join(dir, 'prometheus.yml');
  writeFileSync(
    config,
    [
      'global:',
      '  scrape_interval: 1s',
      '  scrape_timeout: 1s',
      'scrape_configs:',
      '  - job_name: srvmon',
      '    static_configs:',
      `      - targets: ['${target}']`,
      '',
    ].join('\n'),
  );
  return new ServerProcess('prometheus', binary, [
    `--config.file=${config}`,
    `--storage.tsdb.path=${join(dir, 'prometheus-data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
  ]);
}
