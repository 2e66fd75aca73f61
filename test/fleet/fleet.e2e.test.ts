// End to end against the real servers: srvmon -> Prometheus scraping /metrics, srvmon -> Alertmanager receiving the
// memory alert and its resolve. Needs Debian's prometheus and prometheus-alertmanager (.ci/run installs them); without
// them this test fails, on purpose: a skipped test would let the fleet feature rot unnoticed.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { isolatedEnv, RunningCli, tempHome } from '../helpers/cli.js';
import {
  ALERTMANAGER_BINARIES,
  findBinary,
  freePort,
  getJson,
  pollUntil,
  PROMETHEUS_BINARIES,
  startAlertmanager,
  startPrometheus,
  waitReady,
  type ServerProcess,
} from './real-servers.js';

const INSTALL_HINT = 'install them with: apt-get install -y prometheus prometheus-alertmanager (.ci/run does this)';

const home = tempHome();
const rcFile = join(home.dir, '.srvmonrc');
const servers: ServerProcess[] = [];
let srvmon: RunningCli | undefined;
let metricsAddress = '';
let prometheusUrl = '';
let alertmanagerUrl = '';

function writeRc(memoryThreshold: number): void {
  writeFileSync(
    rcFile,
    [
      'interval: 1s',
      'rules:',
      '  memory:',
      `    threshold: ${memoryThreshold}`,
      // Keep the other rules out of the way: a busy CI box must not add alerts of its own.
      '  cpu:',
      '    enabled: false',
      '  disk: false',
      'prometheus:',
      `  listen: ${metricsAddress}`,
      'channels:',
      '  alertmanager:',
      `    url: ${alertmanagerUrl}`,
      '',
    ].join('\n'),
  );
}

function context(): string {
  const parts = servers.map((s) => `--- ${s.name} ---\n${s.output.slice(-2000)}`);
  if (srvmon) parts.push(`--- srvmon stdout ---\n${srvmon.lines.slice(-30).join('\n')}\n--- srvmon stderr ---\n${srvmon.stderr}`);
  return parts.join('\n');
}

before(async () => {
  const prometheus = findBinary(PROMETHEUS_BINARIES);
  const alertmanager = findBinary(ALERTMANAGER_BINARIES);
  if (!prometheus || !alertmanager) {
    const missing = [!prometheus && 'prometheus', !alertmanager && 'prometheus-alertmanager'].filter(Boolean);
    assert.fail(`the fleet test needs the real servers, but ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not on PATH; ${INSTALL_HINT}`);
  }
  const [amPort, promPort, metricsPort] = [await freePort(), await freePort(), await freePort()];
  metricsAddress = `127.0.0.1:${metricsPort}`;
  alertmanagerUrl = `http://127.0.0.1:${amPort}`;
  prometheusUrl = `http://127.0.0.1:${promPort}`;
  const am = startAlertmanager(alertmanager, home.dir, amPort);
  servers.push(am);
  const prom = startPrometheus(prometheus, home.dir, promPort, metricsAddress);
  servers.push(prom);
  await Promise.all([waitReady(am, alertmanagerUrl), waitReady(prom, prometheusUrl)]);

  writeRc(1); // memory above 1% fires at once on any machine
  srvmon = new RunningCli(['--no-ui', '--json', '--config', rcFile, '--state-dir', join(home.dir, 'state')], { cwd: home.dir, env: isolatedEnv(home.dir) });
});

after(async () => {
  srvmon?.kill('SIGKILL');
  if (srvmon) await srvmon.exited;
  await Promise.all(servers.map((s) => s.stop()));
  home.cleanup();
});

interface PromVector {
  status: string;
  data: { result: { metric: Record<string, string>; value: [number, string] }[] };
}

interface AmAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  status: { state: string };
}

async function promQuery(query: string): Promise<PromVector['data']['result']> {
  const body = (await getJson(`${prometheusUrl}/api/v1/query?query=${encodeURIComponent(query)}`)) as PromVector;
  assert.equal(body.status, 'success');
  return body.data.result;
}

async function memoryAlerts(): Promise<AmAlert[]> {
  const alerts = (await getJson(`${alertmanagerUrl}/api/v2/alerts?filter=${encodeURIComponent('alertname="srvmon_memory"')}`)) as AmAlert[];
  return alerts.filter((a) => a.labels.alertname === 'srvmon_memory');
}

test('(a) Prometheus scrapes srvmon_memory_usage_ratio from the srvmon instance', async () => {
  const [series] = await pollUntil('srvmon_memory_usage_ratio in Prometheus', 30_000, async () => {
    const result = await promQuery('srvmon_memory_usage_ratio');
    return result.length > 0 ? result : undefined;
  }, context);
  assert.equal(series?.metric.instance, metricsAddress);
  assert.equal(series?.metric.job, 'srvmon');
  const ratio = Number(series?.value[1]);
  assert.ok(ratio > 0.01 && ratio <= 1, `memory ratio ${ratio}`);
  const [up] = await promQuery(`up{instance="${metricsAddress}"}`);
  assert.equal(up?.value[1], '1');
  // The alert state is on /metrics too.
  await pollUntil('srvmon_alert_firing{rule="memory"} in Prometheus', 15_000, async () => {
    const result = await promQuery('srvmon_alert_firing{rule="memory",severity="warning"}');
    return result.length > 0 ? result : undefined;
  }, context);
});

test('(b) the memory alert reaches Alertmanager with the right labels', async () => {
  const [alert] = await pollUntil('srvmon_memory in Alertmanager', 20_000, async () => {
    const alerts = await memoryAlerts();
    return alerts.length > 0 ? alerts : undefined;
  }, context);
  assert.deepEqual(alert?.labels, { alertname: 'srvmon_memory', instance: hostname(), severity: 'warning', rule: 'memory' });
  assert.equal(alert?.status.state, 'active');
  assert.match(alert?.annotations.summary ?? '', /^Memory usage [\d.]+% is above 1%$/);
  assert.ok(alert?.annotations.description);
  assert.ok(Date.parse(alert?.endsAt ?? '') > Date.now() + 60_000, `endsAt ${alert?.endsAt} is several resend intervals ahead`);
  const deliveries = await pollUntil('srvmon_notifications_total for alertmanager in Prometheus', 15_000, async () => {
    const result = await promQuery('srvmon_notifications_total{channel="alertmanager",result="success"} >= 1');
    return result.length > 0 ? result : undefined;
  }, context);
  assert.ok(deliveries.length > 0);
});

test('(c) raising the threshold with SIGHUP resolves the alert in Alertmanager', async () => {
  assert.ok(srvmon);
  writeRc(99);
  srvmon.kill('SIGHUP');
  const resolvedLine = await srvmon.waitForLine((line) => line.includes('"type":"alert"') && line.includes('"rule":"memory"') && line.includes('"state":"resolved"'), 15_000);
  const resolvedId = (JSON.parse(resolvedLine) as { id: string }).id;
  // The resolve's own delivery is the positive signal (Alertmanager may end the alert earlier through the re-send).
  await srvmon.waitForLine((line) => line.includes('"type":"delivery"') && line.includes(`"alertId":"${resolvedId}"`) && line.includes('"ok":true'), 15_000);
  await pollUntil('srvmon_memory to be no longer active in Alertmanager', 20_000, async () => {
    const active = (await memoryAlerts()).filter((a) => a.status.state === 'active' && Date.parse(a.endsAt) > Date.now());
    return active.length === 0 ? true : undefined;
  }, context);
  const delivered = srvmon.json().filter((e) => e.type === 'delivery' && e.channel === 'alertmanager' && e.ok === true);
  assert.ok(delivered.length >= 2, `firing and resolved delivered to alertmanager: ${JSON.stringify(delivered)}`);
  await pollUntil('srvmon_alert_firing to disappear from Prometheus', 15_000, async () => {
    const result = await promQuery('srvmon_alert_firing{rule="memory"}');
    return result.length === 0 ? true : undefined;
  }, context);
});
