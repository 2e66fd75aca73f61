// Issue 9 item 11, end to end: the real srvmon with /metrics, under a descriptor limit of 256 (the shell's ulimit),
// flooded with 1000 idle connections. Before the fix the server held every socket it could accept, so reading
// /proc failed with EMFILE and every reading became a gap. Now /metrics holds at most 64 (a quarter of the limit) and
// sampling goes on: a sample taken after the flood still has cpu, memory and load.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { connect, createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { CLI, isolatedEnv, tempHome } from '../helpers/cli.js';

const DESCRIPTOR_LIMIT = 256;
const FLOOD = 1000;

const home = tempHome();
const sockets: Socket[] = [];
after(() => {
  for (const socket of sockets) socket.destroy();
  home.cleanup();
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

function scrape(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path: '/metrics', agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve(body));
    }).on('error', reject);
  });
}

/** Scrapes until `accept` is satisfied; every scrape is a fresh look at what srvmon serves. */
async function scrapeUntil(port: number, accept: (body: string) => boolean, timeoutMs: number, what: string): Promise<string> {
  const deadlineMs = performance.now() + timeoutMs;
  let last = '';
  while (performance.now() < deadlineMs) {
    last = await scrape(port).catch((error: unknown) => `scrape failed: ${String(error)}`);
    if (accept(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no scrape with ${what} within ${timeoutMs} ms; last one:\n${last}`);
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

const lastSampleSeconds = (body: string): number => Number(/^srvmon_last_sample_timestamp_seconds (\S+)$/m.exec(body)?.[1] ?? Number.NaN);
const hasCpu = (body: string): boolean => /^srvmon_cpu_usage_ratio\{cpu="total"\} /m.test(body);

test('1000 idle connections to /metrics under a 256-descriptor limit: sampling goes on without a gap', { timeout: 30_000 }, async () => {
  const port = await freePort();
  const rc = join(home.dir, '.srvmonrc');
  writeFileSync(rc, 'interval: 200ms\n');
  const args = ['--no-ui', '--json', '--config', rc, '--state-dir', join(home.dir, 'state'), '--metrics-listen', `127.0.0.1:${port}`];
  const child = spawn('sh', ['-c', `ulimit -n ${DESCRIPTOR_LIMIT} && exec "$0" "$@"`, process.execPath, CLI, ...args], {
    cwd: home.dir,
    env: isolatedEnv(home.dir),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d));
  child.stderr.on('data', (d: Buffer) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  try {
    await scrapeUntil(port, hasCpu, 10_000, 'a cpu reading');

    let closed = 0;
    let allClosed!: () => void;
    const closedEnough = new Promise<void>((resolve) => (allClosed = resolve));
    await Promise.all(
      Array.from({ length: FLOOD }, () => new Promise<void>((resolve) => {
        const socket = connect({ host: '127.0.0.1', port });
        sockets.push(socket);
        socket.once('connect', () => resolve());
        // A socket the server resets or refuses still counts as handled; the kernel backlog may refuse some.
        socket.on('error', () => resolve());
        socket.on('close', () => {
          if (++closed === FLOOD - 64) allClosed();
        });
      })),
    );
    // Positive signal: srvmon closed all but its 64 (the idle timeout is 5 s, so these closes are the cap at work).
    await within(closedEnough, 10_000, () => `srvmon closed only ${closed} of ${FLOOD} idle connections (expected all but 64)`);
    const floodedAtSeconds = Date.now() / 1000;

    const body = await scrapeUntil(port, (b) => lastSampleSeconds(b) > floodedAtSeconds + 0.5, 10_000, 'a sample taken after the flood');
    assert.ok(hasCpu(body), body);
    assert.match(body, /^srvmon_memory_usage_ratio \S+$/m);
    assert.match(body, /^srvmon_load1 \S+$/m);
    assert.doesNotMatch(output, /EMFILE|a gap is recorded/);
  } finally {
    child.kill('SIGTERM');
  }
  assert.equal(await exited, 0);
});
