// The /metrics text for a store with known contents, read through prom-client's registry exactly as a scrape would.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FakeClock } from '../../src/clock.js';
import { createMetricsRegistry } from '../../src/metrics/metrics-registry.js';
import { percentToRatio } from '../../src/metrics/sample-metrics.js';
import { MonitorStore } from '../../src/store/monitor-store.js';
import { delivery, filledStore, firing, KNOWN_SAMPLE, quiet, SAMPLE_TIME_MS } from './store-fixture.js';

const clock = () => new FakeClock(SAMPLE_TIME_MS + 500);

/** The sample lines (no # HELP/# TYPE) of the series whose name is exactly `name`. */
function series(text: string, name: string): string[] {
  return text.split('\n').filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `));
}

async function scrape(store = filledStore(), options: { processMetrics?: boolean; clock?: FakeClock } = {}): Promise<string> {
  const metrics = createMetricsRegistry({ store, clock: options.clock ?? clock(), processMetrics: options.processMetrics ?? false });
  try {
    return await metrics.metrics();
  } finally {
    metrics.close();
  }
}

test('cpu: total as cpu="total", each core by number, as ratios 0-1', async () => {
  const text = await scrape();
  assert.deepEqual(series(text, 'srvmon_cpu_usage_ratio'), [
    'srvmon_cpu_usage_ratio{cpu="total"} 0.371',
    'srvmon_cpu_usage_ratio{cpu="0"} 0.5',
    'srvmon_cpu_usage_ratio{cpu="1"} 0.242',
  ]);
  assert.match(text, /# TYPE srvmon_cpu_usage_ratio gauge/);
});

test('memory, load, filesystem and network series carry the sample values', async () => {
  const text = await scrape();
  assert.deepEqual(series(text, 'srvmon_memory_usage_ratio'), ['srvmon_memory_usage_ratio 0.9125']);
  assert.deepEqual(series(text, 'srvmon_load1'), ['srvmon_load1 1.5']);
  assert.deepEqual(series(text, 'srvmon_load5'), ['srvmon_load5 0.75']);
  assert.deepEqual(series(text, 'srvmon_load15'), ['srvmon_load15 0.25']);
  assert.deepEqual(series(text, 'srvmon_filesystem_usage_ratio'), [
    'srvmon_filesystem_usage_ratio{mountpoint="/"} 0.42',
    'srvmon_filesystem_usage_ratio{mountpoint="/data"} 0.965',
  ]);
  assert.deepEqual(series(text, 'srvmon_network_receive_bytes_per_second'), ['srvmon_network_receive_bytes_per_second{interface="eth0"} 1234.5']);
  assert.deepEqual(series(text, 'srvmon_network_transmit_bytes_per_second'), ['srvmon_network_transmit_bytes_per_second{interface="eth0"} 99']);
  assert.deepEqual(series(text, 'srvmon_last_sample_timestamp_seconds'), [`srvmon_last_sample_timestamp_seconds ${SAMPLE_TIME_MS / 1000}`]);
  // Only the documented vocabulary is exposed: load1PerCore is the engine's input, not a series.
  assert.doesNotMatch(text, /PerCore/i);
});

test('a metric missing from the latest sample is absent, not 0', async () => {
  const text = await scrape();
  assert.deepEqual(series(text, 'srvmon_swap_usage_ratio'), []);
  assert.match(text, /# HELP srvmon_swap_usage_ratio /, 'the family is still described');

  const empty = await scrape(new MonitorStore(10, 1000));
  for (const name of ['srvmon_cpu_usage_ratio', 'srvmon_memory_usage_ratio', 'srvmon_load1', 'srvmon_filesystem_usage_ratio', 'srvmon_last_sample_timestamp_seconds']) {
    assert.deepEqual(series(empty, name), [], `${name} before the first sample`);
  }
});

test('each scrape reads the latest sample: a disk that disappears is dropped, new values show', async () => {
  const store = filledStore();
  const metrics = createMetricsRegistry({ store, clock: clock(), processMetrics: false });
  assert.equal(series(await metrics.metrics(), 'srvmon_filesystem_usage_ratio').length, 2);
  store.addSample({ timeMs: SAMPLE_TIME_MS + 1000, values: { memory: 10, 'disk:/': 43 } });
  const text = await metrics.metrics();
  assert.deepEqual(series(text, 'srvmon_filesystem_usage_ratio'), ['srvmon_filesystem_usage_ratio{mountpoint="/"} 0.43']);
  assert.deepEqual(series(text, 'srvmon_memory_usage_ratio'), ['srvmon_memory_usage_ratio 0.1']);
  assert.deepEqual(series(text, 'srvmon_cpu_usage_ratio'), []);
  metrics.close();
});

test('srvmon_alert_firing: 1 per firing rule with its severity; quiet rules are absent', async () => {
  const text = await scrape();
  assert.deepEqual(series(text, 'srvmon_alert_firing'), [
    'srvmon_alert_firing{rule="memory",severity="warning"} 1',
    'srvmon_alert_firing{rule="disk:/data",severity="critical"} 1',
  ]);
});

test('srvmon_muted: 1 while a mute is active, 0 once it has expired or without one', async () => {
  const store = filledStore();
  assert.deepEqual(series(await scrape(store), 'srvmon_muted'), ['srvmon_muted 0']);
  store.mute = { sinceMs: SAMPLE_TIME_MS, untilMs: SAMPLE_TIME_MS + 60_000 };
  assert.deepEqual(series(await scrape(store), 'srvmon_muted'), ['srvmon_muted 1']);
  store.mute = { sinceMs: SAMPLE_TIME_MS, untilMs: null };
  assert.deepEqual(series(await scrape(store), 'srvmon_muted'), ['srvmon_muted 1']);
  store.mute = { sinceMs: SAMPLE_TIME_MS - 120_000, untilMs: SAMPLE_TIME_MS - 60_000 };
  assert.deepEqual(series(await scrape(store), 'srvmon_muted'), ['srvmon_muted 0']);
});

test('srvmon_rule_muted: 1 per rule muted on its own while its mute lasts; absent otherwise', async () => {
  const store = filledStore();
  assert.deepEqual(series(await scrape(store), 'srvmon_rule_muted'), []);
  store.ruleMutes = {
    memory: { sinceMs: SAMPLE_TIME_MS, untilMs: null },
    'disk:/data': { sinceMs: SAMPLE_TIME_MS, untilMs: SAMPLE_TIME_MS + 60_000 },
    cpu: { sinceMs: SAMPLE_TIME_MS - 120_000, untilMs: SAMPLE_TIME_MS - 60_000 },
  };
  assert.deepEqual(series(await scrape(store), 'srvmon_rule_muted'), ['srvmon_rule_muted{rule="memory"} 1', 'srvmon_rule_muted{rule="disk:/data"} 1']);
  assert.deepEqual(series(await scrape(store), 'srvmon_muted'), ['srvmon_muted 0'], 'the global mute is apart');
});

test('srvmon_outbox_depth per channel from the channel statuses', async () => {
  const text = await scrape();
  assert.deepEqual(series(text, 'srvmon_outbox_depth'), ['srvmon_outbox_depth{channel="mail"} 0', 'srvmon_outbox_depth{channel="alertmanager"} 2']);
});

test('srvmon_notifications_total counts the delivery events of the store by channel and result', async () => {
  const store = filledStore();
  const metrics = createMetricsRegistry({ store, clock: clock(), processMetrics: false });
  // Before any delivery every configured channel shows all three results at 0.
  assert.deepEqual(series(await metrics.metrics(), 'srvmon_notifications_total').sort(), [
    'srvmon_notifications_total{channel="alertmanager",result="failure"} 0',
    'srvmon_notifications_total{channel="alertmanager",result="retry"} 0',
    'srvmon_notifications_total{channel="alertmanager",result="success"} 0',
    'srvmon_notifications_total{channel="mail",result="failure"} 0',
    'srvmon_notifications_total{channel="mail",result="retry"} 0',
    'srvmon_notifications_total{channel="mail",result="success"} 0',
  ]);
  for (const d of [delivery('mail', 'ok'), delivery('mail', 'ok'), delivery('alertmanager', 'retry'), delivery('alertmanager', 'retry'), delivery('alertmanager', 'failed'), delivery('alertmanager', 'ok')]) {
    store.addLogEntry(d);
  }
  const text = await metrics.metrics();
  assert.match(text, /# TYPE srvmon_notifications_total counter/);
  assert.deepEqual(series(text, 'srvmon_notifications_total').sort(), [
    'srvmon_notifications_total{channel="alertmanager",result="failure"} 1',
    'srvmon_notifications_total{channel="alertmanager",result="retry"} 2',
    'srvmon_notifications_total{channel="alertmanager",result="success"} 1',
    'srvmon_notifications_total{channel="mail",result="failure"} 0',
    'srvmon_notifications_total{channel="mail",result="retry"} 0',
    'srvmon_notifications_total{channel="mail",result="success"} 2',
  ]);
  metrics.close();
  store.addLogEntry(delivery('mail', 'ok'));
  assert.match(await metrics.metrics(), /srvmon_notifications_total\{channel="mail",result="success"\} 2\n/, 'closed: no longer counting');
});

test('deliveries preloaded from the last run are not counted again', async () => {
  const store = new MonitorStore(10, 1000);
  store.preloadLog([delivery('mail', 'ok'), delivery('mail', 'failed')]);
  const text = await scrape(store);
  assert.deepEqual(series(text, 'srvmon_notifications_total'), []);
});

test("prom-client's default process metrics are included", async () => {
  const text = await scrape(filledStore(), { processMetrics: true });
  for (const name of ['process_cpu_user_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds', 'process_start_time_seconds']) {
    assert.match(text, new RegExp(`^${name} `, 'm'), name);
  }
});

test('two registries on two stores stay apart (no global registry)', async () => {
  const other = new MonitorStore(10, 1000);
  other.addSample({ timeMs: SAMPLE_TIME_MS, values: { memory: 5 } });
  const [a, b] = await Promise.all([scrape(filledStore(), { processMetrics: true }), scrape(other, { processMetrics: true })]);
  assert.deepEqual(series(a, 'srvmon_memory_usage_ratio'), ['srvmon_memory_usage_ratio 0.9125']);
  assert.deepEqual(series(b, 'srvmon_memory_usage_ratio'), ['srvmon_memory_usage_ratio 0.05']);
});

test('percentToRatio keeps two-decimal percents exact', () => {
  assert.equal(percentToRatio(37.1), 0.371);
  assert.equal(percentToRatio(100), 1);
  assert.equal(percentToRatio(0), 0);
  assert.equal(percentToRatio(KNOWN_SAMPLE.values['disk:/data'] as number), 0.965);
});

test('scrape time of a large host (64 cores, 30 disks, 30 interfaces, 40 rules, 5 channels)', async (t) => {
  const values: Record<string, number> = { cpu: 50, memory: 60, swap: 1, load1: 3, load5: 2, load15: 1 };
  for (let i = 0; i < 64; i++) values[`cpu:${i}`] = i;
  for (let i = 0; i < 30; i++) {
    values[`disk:/mnt/d${i}`] = i;
    values[`netRx:eth${i}`] = i * 1000;
    values[`netTx:eth${i}`] = i * 500;
  }
  const store = new MonitorStore(10, 1000);
  store.addSample({ timeMs: SAMPLE_TIME_MS, values });
  store.setRules(Array.from({ length: 40 }, (_, i) => (i % 2 ? firing(`disk:/mnt/d${i}`, 'warning') : quiet(`disk:/mnt/d${i}`))));
  for (const channel of ['mail', 'wechat', 'wecom', 'webhook', 'alertmanager']) store.setChannel({ channel, queueDepth: 1, sentTotal: 0, failedTotal: 0 });
  const metrics = createMetricsRegistry({ store, clock: clock(), processMetrics: true });
  for (let i = 0; i < 1000; i++) store.addLogEntry(delivery('mail', 'ok'));
  await metrics.metrics(); // warm-up
  const runs = 50;
  const startedNs = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) await metrics.metrics();
  const perScrapeMs = Number(process.hrtime.bigint() - startedNs) / 1e6 / runs;
  metrics.close();
  t.diagnostic(`scrape with process metrics: ${perScrapeMs.toFixed(2)} ms`);
  // Generous: the point is that a scrape is cheap next to a 1 s sampling interval, not a benchmark.
  assert.ok(perScrapeMs < 50, `${perScrapeMs} ms per scrape`);
});
