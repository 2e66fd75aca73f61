// Starting /metrics from the flag or the config: which address wins, and the one-line errors a user sees.
import assert from 'node:assert/strict';
import { get } from 'node:http';
import { after, test } from 'node:test';
import { FakeClock } from '../../src/clock.js';
import { ConfigError } from '../../src/config/config-error.js';
import { startMetricsExporter, type MetricsExporter } from '../../src/metrics/metrics-exporter.js';
import { toListenAddress } from '../../src/metrics/listen-address.js';
import { startMetricsServer } from '../../src/metrics/metrics-server.js';
import { filledStore } from './store-fixture.js';

const open: { close(): Promise<void> }[] = [];
after(async () => {
  await Promise.all(open.map((s) => s.close()));
});

const base = { store: filledStore(), clock: new FakeClock(), file: '/etc/srvmon/srvmonrc.yaml' };

/** A loopback port that is free right now. */
async function freePort(): Promise<number> {
  const probe = await startMetricsServer({ source: { metrics: async () => '', contentType: 'text/plain' }, host: '127.0.0.1', port: 0 });
  await probe.close();
  return probe.port;
}

function getText(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk));
      res.on('end', () => resolve(body));
    }).on('error', reject);
  });
}

test('off unless the flag or the config asks for it', async () => {
  assert.equal(await startMetricsExporter(base), null);
});

test('prometheus.listen starts /metrics on that address, serving the store', async () => {
  const port = await freePort();
  const exporter = (await startMetricsExporter({ ...base, configListen: `127.0.0.1:${port}` })) as MetricsExporter;
  open.push(exporter);
  assert.equal(exporter.address, `127.0.0.1:${port}`);
  const text = await getText(`http://127.0.0.1:${port}/metrics`);
  assert.match(text, /^srvmon_memory_usage_ratio 0\.9125$/m);
  assert.match(text, /^process_resident_memory_bytes /m);
});

test('--metrics-listen wins over prometheus.listen; a bare port binds to loopback', async () => {
  const [flagPort, configPort] = [await freePort(), await freePort()];
  const exporter = (await startMetricsExporter({ ...base, flag: String(flagPort), configListen: `127.0.0.1:${configPort}` })) as MetricsExporter;
  open.push(exporter);
  assert.equal(exporter.address, `127.0.0.1:${flagPort}`);
});

test('a malformed --metrics-listen is a ConfigError naming the flag and quoting the value', async () => {
  await assert.rejects(startMetricsExporter({ ...base, flag: 'localhost' }), (error: unknown) => {
    assert.ok(error instanceof ConfigError);
    assert.equal(error.exitCode, 78);
    assert.equal(error.message, '--metrics-listen: must be host:port, e.g. "127.0.0.1:9105", ":9105", "[::1]:9105" or 9105, got "localhost"');
    return true;
  });
});

test('a port in use: one line naming the file, the key and the address (exit 78)', async () => {
  const taken = (await startMetricsExporter({ ...base, flag: String(await freePort()) })) as MetricsExporter;
  open.push(taken);
  await assert.rejects(startMetricsExporter({ ...base, configListen: taken.address }), (error: unknown) => {
    assert.ok(error instanceof ConfigError);
    assert.equal(error.exitCode, 78);
    assert.equal(
      error.message,
      `/etc/srvmon/srvmonrc.yaml: prometheus.listen: cannot listen on ${taken.address}: the address is already in use (another srvmon or exporter on this port?)`,
    );
    assert.doesNotMatch(error.message, /\n/);
    return true;
  });
  await assert.rejects(startMetricsExporter({ ...base, flag: taken.address }), {
    message: `--metrics-listen: cannot listen on ${taken.address}: the address is already in use (another srvmon or exporter on this port?)`,
  });
});

test('listen addresses: host:port, :port, bare port, IPv6 in brackets', () => {
  assert.deepEqual(toListenAddress('0.0.0.0:9105'), { host: '0.0.0.0', port: 9105, text: '0.0.0.0:9105' });
  assert.deepEqual(toListenAddress(':9105'), { host: '127.0.0.1', port: 9105, text: '127.0.0.1:9105' });
  assert.deepEqual(toListenAddress(9105), { host: '127.0.0.1', port: 9105, text: '127.0.0.1:9105' });
  assert.deepEqual(toListenAddress('[::1]:9105'), { host: '::1', port: 9105, text: '[::1]:9105' });
  assert.throws(() => toListenAddress('host:99999'), /port from 1 to 65535/);
});
