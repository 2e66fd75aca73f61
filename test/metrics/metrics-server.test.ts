// The /metrics HTTP server on a free loopback port: what it serves, what it refuses, and a port already taken.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, test } from 'node:test';
import { MetricsListenError, startMetricsServer, type MetricsServer, type MetricsSource } from '../../src/metrics/metrics-server.js';

const servers: MetricsServer[] = [];
after(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

const source: MetricsSource = { metrics: async () => 'srvmon_up 1\n', contentType: 'text/plain; version=0.0.4; charset=utf-8' };

async function start(src: MetricsSource = source): Promise<MetricsServer> {
  const server = await startMetricsServer({ source: src, host: '127.0.0.1', port: 0 });
  servers.push(server);
  return server;
}

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function fetchText(port: number, path: string, method = 'GET', agent?: import('node:http').Agent): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('GET /metrics serves the registry text with the Prometheus content type', async () => {
  const server = await start();
  assert.equal(server.address, `127.0.0.1:${server.port}`);
  assert.ok(server.port > 0);
  const reply = await fetchText(server.port, '/metrics');
  assert.equal(reply.status, 200);
  assert.equal(reply.headers['content-type'], 'text/plain; version=0.0.4; charset=utf-8');
  assert.equal(reply.body, 'srvmon_up 1\n');
  // Prometheus may add query parameters; the path is what counts.
  assert.equal((await fetchText(server.port, '/metrics?x=1')).status, 200);
});

test('HEAD /metrics answers without a body; / points at /metrics; other paths 404; POST 405', async () => {
  const server = await start();
  const head = await fetchText(server.port, '/metrics', 'HEAD');
  assert.equal(head.status, 200);
  assert.equal(head.body, '');
  const root = await fetchText(server.port, '/');
  assert.equal(root.status, 200);
  assert.match(root.body, /\/metrics/);
  assert.equal((await fetchText(server.port, '/favicon.ico')).status, 404);
  const post = await fetchText(server.port, '/metrics', 'POST');
  assert.equal(post.status, 405);
  assert.equal(post.headers.allow, 'GET, HEAD');
});

test('a collector that throws gives a 500 (a failed scrape), and the server keeps serving', async () => {
  let fail = true;
  const server = await start({
    contentType: source.contentType,
    metrics: async () => {
      if (fail) throw new Error('boom');
      return 'ok 1\n';
    },
  });
  const broken = await fetchText(server.port, '/metrics');
  assert.equal(broken.status, 500);
  assert.match(broken.body, /boom/);
  fail = false;
  assert.equal((await fetchText(server.port, '/metrics')).status, 200);
});

test('a port in use is a MetricsListenError naming the address, not a crash', async () => {
  const taken = await start();
  await assert.rejects(
    startMetricsServer({ source, host: '127.0.0.1', port: taken.port }),
    (error: unknown) => {
      assert.ok(error instanceof MetricsListenError);
      assert.equal(error.code, 'EADDRINUSE');
      assert.equal(error.address, `127.0.0.1:${taken.port}`);
      assert.equal(error.message, `cannot listen on 127.0.0.1:${taken.port}: the address is already in use (another srvmon or exporter on this port?)`);
      return true;
    },
  );
});

test('an address that is not on this machine is refused with a reason', async () => {
  // 192.0.2.0/24 is TEST-NET-1: never assigned to a local interface.
  await assert.rejects(startMetricsServer({ source, host: '192.0.2.1', port: 0 }), /cannot listen on 192\.0\.2\.1:0: the address does not belong to this machine/);
});

test('close() returns promptly even while a scraper keeps its connection open', async () => {
  const server = await startMetricsServer({ source, host: '127.0.0.1', port: 0 });
  const { Agent } = await import('node:http');
  const agent = new Agent({ keepAlive: true });
  await fetchText(server.port, '/metrics', 'GET', agent);
  const startedMs = Date.now();
  await server.close();
  assert.ok(Date.now() - startedMs < 1000, `close took ${Date.now() - startedMs} ms`);
  agent.destroy();
  await assert.rejects(fetchText(server.port, '/metrics'), /ECONNREFUSED/);
});
