// Issue 9 item 11: /metrics took every connection offered. 20,000 idle sockets used up the process's descriptors, so
// every reading became a gap. A real server on 127.0.0.1: the cap, the idle timeout and the request timeout, each
// proven by the server closing sockets (their 'close' events), then a scrape that still answers.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { after, test } from 'node:test';
import { startMetricsServer, type MetricsServer, type MetricsServerOptions } from '../../src/metrics/metrics-server.js';

const servers: MetricsServer[] = [];
const sockets: Socket[] = [];
after(async () => {
  for (const socket of sockets) socket.destroy();
  await Promise.all(servers.map((s) => s.close()));
});

async function start(options: Partial<MetricsServerOptions>): Promise<MetricsServer> {
  const server = await startMetricsServer({
    source: { metrics: async () => 'srvmon_up 1\n', contentType: 'text/plain; version=0.0.4; charset=utf-8' },
    host: '127.0.0.1',
    port: 0,
    ...options,
  });
  servers.push(server);
  return server;
}

/** Opens `count` raw TCP connections that send nothing; `closed` counts those the server has closed. */
async function openIdle(port: number, count: number): Promise<{ closed: () => number; closedCount: (n: number) => Promise<void> }> {
  let closed = 0;
  const waiters: { n: number; resolve: () => void }[] = [];
  await Promise.all(
    Array.from({ length: count }, () => new Promise<void>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port });
      sockets.push(socket);
      socket.once('connect', () => resolve());
      socket.once('error', (error: NodeJS.ErrnoException) => {
        // The server may close it with a reset; that is a close, not a failure.
        if (error.code !== 'ECONNRESET') reject(error);
      });
      socket.on('close', () => {
        closed++;
        for (const w of waiters.filter((w) => closed >= w.n)) w.resolve();
      });
    })),
  );
  return {
    closed: () => closed,
    closedCount: (n) => (closed >= n ? Promise.resolve() : new Promise((resolve) => waiters.push({ n, resolve }))),
  };
}

async function within<T>(promise: Promise<T>, timeoutMs: number, message: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message())), timeoutMs)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function scrape(port: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/metrics', agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('500 idle sockets: the server holds at most its cap, closes the rest, and a fresh scrape still answers', { timeout: 20_000 }, async () => {
  const cap = 32;
  // A long idle timeout: what closes the sockets here is the cap, not the timer.
  const server = await start({ maxConnections: cap, idleTimeoutMs: 60_000 });
  const idle = await openIdle(server.port, 500);
  await within(idle.closedCount(500 - cap), 10_000, () => `the server closed ${idle.closed()} of 500 idle sockets, expected ${500 - cap}`);
  assert.equal(server.maxConnections, cap);
  assert.ok((await server.connections()) <= cap, `server holds ${await server.connections()} connections`);
  const reply = await scrape(server.port);
  assert.equal(reply.status, 200);
  assert.equal(reply.body, 'srvmon_up 1\n');
  // The scrape pushed out the longest idle socket, the first one opened that was still held.
  await idle.closedCount(500 - cap + 1);
  assert.ok((await server.connections()) <= cap);
  assert.equal(idle.closed(), 500 - cap + 1);
});

test('a connection that sends nothing is closed after the idle timeout, and so is a kept-alive scrape connection', { timeout: 10_000 }, async () => {
  const idleTimeoutMs = 300;
  const server = await start({ maxConnections: 64, idleTimeoutMs });
  const startedMs = performance.now();
  const idle = await openIdle(server.port, 20);
  await within(idle.closedCount(20), 5_000, () => `the server closed ${idle.closed()} of 20 idle sockets`);
  assert.ok(performance.now() - startedMs >= idleTimeoutMs - 50, `closed after ${Math.round(performance.now() - startedMs)} ms`);
  assert.equal(await server.connections(), 0);

  // A keep-alive client's socket, after its answer, is closed by the server too.
  const raw = connect({ host: '127.0.0.1', port: server.port });
  sockets.push(raw);
  let answer = '';
  raw.setEncoding('utf8');
  raw.on('data', (chunk: string) => (answer += chunk));
  const closed = new Promise<void>((resolve) => raw.once('close', () => resolve()));
  raw.write('GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n');
  await closed;
  assert.match(answer, /^HTTP\/1\.1 200 OK\r\n/);
  assert.match(answer, /srvmon_up 1\n$/);
});

test('a client that trickles its headers (slowloris) is cut off after the request timeout', { timeout: 10_000 }, async () => {
  const requestTimeoutMs = 500;
  // The idle timeout alone would never fire: a byte arrives every 50 ms.
  const server = await start({ maxConnections: 64, idleTimeoutMs: 5_000, requestTimeoutMs });
  const raw = connect({ host: '127.0.0.1', port: server.port });
  sockets.push(raw);
  raw.on('error', () => {});
  let answer = '';
  raw.setEncoding('utf8');
  raw.on('data', (chunk: string) => (answer += chunk));
  const closed = new Promise<void>((resolve) => raw.once('close', () => resolve()));
  const startedMs = performance.now();
  raw.write('GET /metrics HTTP/1.1\r\nX-Slow: ');
  const trickle = setInterval(() => raw.writable && raw.write('a'), 50);
  try {
    await closed;
  } finally {
    clearInterval(trickle);
  }
  const elapsedMs = performance.now() - startedMs;
  assert.ok(elapsedMs >= requestTimeoutMs - 50 && elapsedMs < 5_000, `closed after ${Math.round(elapsedMs)} ms`);
  assert.match(answer, /^HTTP\/1\.1 408 /);
});

test('every connection busy: a newcomer over the cap is closed, the answers under way finish', { timeout: 10_000 }, async () => {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let bothBusy!: () => void;
  const busy = new Promise<void>((resolve) => (bothBusy = resolve));
  let calls = 0;
  const server = await start({
    maxConnections: 2,
    source: {
      contentType: 'text/plain',
      metrics: async () => {
        if (++calls === 2) bothBusy();
        await gate;
        return 'slow 1\n';
      },
    },
  });
  const inFlight = [scrape(server.port), scrape(server.port)];
  await busy;
  const newcomer = await openIdle(server.port, 1);
  await newcomer.closedCount(1);
  release();
  const replies = await Promise.all(inFlight);
  assert.deepEqual(replies.map((r) => [r.status, r.body]), [[200, 'slow 1\n'], [200, 'slow 1\n']]);
});
