// The alertmanager channel against a local HTTP server standing in for Alertmanager's POST /api/v2/alerts; the
// re-send timer is driven by a fake clock, never by sleeping. (test/fleet/ runs it against the real Alertmanager.)
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { after, test } from 'node:test';
import { FakeClock } from '../../src/clock.js';
import { alertnameOf, labelKey } from '../../src/notify/alertmanager-alerts.js';
import { alertsEndpoint, AlertmanagerChannel, createAlertmanagerChannel } from '../../src/notify/alertmanager-channel.js';
import { alertmanagerConfigSchema } from '../../src/notify/alertmanager-config.js';
import type { Notification, SendResult } from '../../src/notify/channel.js';
import type { AlertEvent } from '../../src/types.js';
import { closeRecorders, startRecorder, type RecordedRequest, type Reply } from '../helpers/http-recorder.js';
import { freePort } from '../helpers/smtp-sink.js';

// --- a stand-in Alertmanager that records every POST ---

type Received = RecordedRequest;

interface PostedAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
}

after(closeRecorders);

async function startServer(reply: Reply = okReply): Promise<{ baseUrl: string; requests: Received[]; alerts: (i: number) => PostedAlert[] }> {
  const { baseUrl, requests } = await startRecorder(reply);
  return { baseUrl, requests, alerts: (i) => JSON.parse(requests[i]?.body ?? 'null') as PostedAlert[] };
}

function okReply(_request: Received, res: ServerResponse): void {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end('');
}

function reply(status: number, body = ''): Reply {
  return (_request, res) => {
    res.writeHead(status);
    res.end(body);
  };
}

const closedPort = freePort;

// --- fixtures ---

const T0 = Date.UTC(2026, 0, 1, 8, 0, 0);
const SINCE = T0 - 15 * 60_000;
const PASSWORD = 'pw-secret-7d1e';
const TOKEN = 'bearer-secret-93ab';
const iso = (ms: number) => new Date(ms).toISOString();

function channelFor(url: string, extra: Record<string, unknown> = {}, deps: { clock?: FakeClock; firing?: () => Notification[] } = {}) {
  const clock = deps.clock ?? new FakeClock(T0);
  const config = alertmanagerConfigSchema.parse({ url, resendInterval: '1m', ...extra });
  const channel = createAlertmanagerChannel(config, { clock, ...(deps.firing ? { firing: deps.firing } : {}) });
  closeLater.push(channel);
  return { channel, clock };
}
const closeLater: AlertmanagerChannel[] = [];
after(async () => {
  await Promise.all(closeLater.map((c) => c.close()));
});

let n = 0;
function notification(overrides: Partial<AlertEvent> = {}): Notification {
  n++;
  const event: AlertEvent = {
    type: 'alert',
    id: `e${n}`,
    timeMs: T0,
    rule: 'memory',
    kind: 'memory',
    state: 'firing',
    severity: 'warning',
    value: 91.2,
    threshold: 90,
    window: 1,
    notify: true,
    muted: false,
    message: 'Memory usage 91.2% is above 90%',
    sinceMs: SINCE,
    ...overrides,
  };
  return { id: event.id, event, host: 'web-1', locale: 'en' };
}

const disk = (overrides: Partial<AlertEvent> = {}) =>
  notification({ rule: 'disk:/data', kind: 'disk', mountpoint: '/data', severity: 'critical', value: 96.2, threshold: 95, message: 'Disk usage of /data 96.2% is above 95%', ...overrides });

function failed(result: SendResult): Extract<SendResult, { ok: false }> {
  assert.equal(result.ok, false, 'expected a failure');
  return result as Extract<SendResult, { ok: false }>;
}

// --- what is posted ---

test('a firing alert is POSTed to /api/v2/alerts with labels, annotations, startsAt and endsAt 4 intervals ahead', async () => {
  const server = await startServer();
  const { channel } = channelFor(server.baseUrl);
  assert.deepEqual(await channel.send(notification()), { ok: true });
  assert.equal(server.requests.length, 1);
  const [request] = server.requests;
  assert.equal(request.method, 'POST');
  assert.equal(request.url, '/api/v2/alerts');
  assert.match(String(request.headers['content-type']), /^application\/json/);
  assert.deepEqual(server.alerts(0), [
    {
      labels: { alertname: 'srvmon_memory', instance: 'web-1', severity: 'warning', rule: 'memory' },
      annotations: {
        summary: 'Memory usage 91.2% is above 90%',
        description: `memory on web-1 is at 91.2%, above the warning level 90%, since ${iso(SINCE)}.`,
      },
      startsAt: iso(SINCE),
      endsAt: iso(T0 + 4 * 60_000),
    },
  ]);
});

test('disk: alertname srvmon_disk with a mountpoint label; the rule label keeps the rule id', async () => {
  const server = await startServer();
  const { channel } = channelFor(server.baseUrl);
  await channel.send(disk({ window: 3 }));
  const [alert] = server.alerts(0);
  assert.deepEqual(alert?.labels, { alertname: 'srvmon_disk', instance: 'web-1', severity: 'critical', rule: 'disk:/data', mountpoint: '/data' });
  assert.match(alert?.annotations.description ?? '', /average of 3 samples/);
});

test('alert names are sanitised rule kinds', () => {
  assert.equal(alertnameOf('disk:/var/lib/docker'), 'srvmon_disk');
  assert.equal(alertnameOf('load'), 'srvmon_load');
  assert.equal(alertnameOf('weird-rule.x'), 'srvmon_weird_rule_x');
});

test('the endpoint keeps a route prefix and tolerates a trailing slash', () => {
  assert.equal(alertsEndpoint('http://am:9093'), 'http://am:9093/api/v2/alerts');
  assert.equal(alertsEndpoint('http://am:9093/'), 'http://am:9093/api/v2/alerts');
  assert.equal(alertsEndpoint('https://ops.example.com/alertmanager/'), 'https://ops.example.com/alertmanager/api/v2/alerts');
});

// --- re-sends while firing ---

test('while firing, the alert is re-sent every resendInterval with a fresh endsAt; a resolve ends it and the re-sends', async () => {
  const server = await startServer();
  const { channel, clock } = channelFor(server.baseUrl);
  await channel.send(notification());
  for (let i = 1; i <= 3; i++) {
    clock.advance(60_000);
    await channel.whenIdle();
    assert.equal(server.requests.length, 1 + i);
    const [alert] = server.alerts(i);
    assert.equal(alert?.startsAt, iso(SINCE));
    assert.equal(alert?.endsAt, iso(T0 + i * 60_000 + 4 * 60_000));
    assert.equal(alert?.labels.alertname, 'srvmon_memory');
  }
  const resolvedAtMs = clock.nowMs();
  await channel.send(notification({ state: 'resolved', timeMs: resolvedAtMs, value: 80, threshold: 85, message: 'Memory usage 80% is back below 85%' }));
  const resolved = server.alerts(4);
  assert.equal(resolved.length, 1);
  assert.deepEqual(resolved[0]?.labels, { alertname: 'srvmon_memory', instance: 'web-1', severity: 'warning', rule: 'memory' });
  assert.equal(resolved[0]?.endsAt, iso(resolvedAtMs));
  assert.equal(resolved[0]?.annotations.summary, 'Memory usage 80% is back below 85%');
  assert.deepEqual(channel.activeAlerts(), []);
  clock.advance(10 * 60_000);
  await channel.whenIdle();
  assert.equal(server.requests.length, 5, 'no re-sends once resolved');
  assert.equal(clock.pendingTimers(), 0);
});

test('several firing rules go out together in one re-send', async () => {
  const server = await startServer();
  const { channel, clock } = channelFor(server.baseUrl);
  await channel.send(notification());
  await channel.send(disk());
  clock.advance(60_000);
  await channel.whenIdle();
  assert.deepEqual(server.alerts(2).map((a) => a.labels.rule).sort(), ['disk:/data', 'memory']);
});

test('an escalation ends the warning alert (its label set differs) and fires the critical one', async () => {
  const server = await startServer();
  const { channel, clock } = channelFor(server.baseUrl);
  await channel.send(notification());
  await channel.send(notification({ state: 'escalated', severity: 'critical', value: 97, threshold: 95 }));
  const posted = server.alerts(1);
  const critical = posted.find((a) => a.labels.severity === 'critical');
  const warning = posted.find((a) => a.labels.severity === 'warning');
  assert.equal(critical?.endsAt, iso(T0 + 4 * 60_000));
  assert.equal(warning?.endsAt, iso(T0), 'the warning alert ends now');
  assert.deepEqual(channel.activeAlerts().map((l) => l.severity), ['critical']);
  clock.advance(60_000);
  await channel.whenIdle();
  assert.deepEqual(server.alerts(2).map((a) => a.labels.severity), ['critical']);
});

test('a repeat notification refreshes the same alert', async () => {
  const server = await startServer();
  const { channel } = channelFor(server.baseUrl);
  await channel.send(notification());
  await channel.send(notification({ state: 'repeat' }));
  assert.equal(labelKey(server.alerts(0)[0]?.labels ?? {}), labelKey(server.alerts(1)[0]?.labels ?? {}));
  assert.equal(channel.activeAlerts().length, 1);
});

test('a failed re-send is not fatal: the next tick tries again', async () => {
  let status = 503;
  const server = await startServer((_r, res) => {
    res.writeHead(status);
    res.end();
  });
  const { channel, clock } = channelFor(server.baseUrl);
  failed(await channel.send(notification()));
  clock.advance(60_000);
  await channel.whenIdle();
  assert.equal(channel.lastResend?.ok, false);
  status = 200;
  clock.advance(60_000);
  await channel.whenIdle();
  assert.deepEqual(channel.lastResend, { ok: true });
  assert.equal(server.requests.length, 3);
});

// --- resuming from the engine's view (ChannelDeps.firing) ---

test('with firing(), re-sends resume after a restart for rules still firing', async () => {
  const server = await startServer();
  const stillFiring = notification({ id: 'from-log' });
  const { channel, clock } = channelFor(server.baseUrl, {}, { firing: () => [stillFiring] });
  assert.equal(server.requests.length, 0, 'nothing is sent at construction');
  clock.advance(60_000);
  await channel.whenIdle();
  assert.equal(server.requests.length, 1);
  const [alert] = server.alerts(0);
  assert.equal(alert?.labels.alertname, 'srvmon_memory');
  assert.equal(alert?.startsAt, iso(SINCE), 'startsAt is the episode start, not the restart');
  assert.equal(alert?.endsAt, iso(T0 + 60_000 + 4 * 60_000));
});

test('with firing(), an alert that cleared without a resolve (muted) is ended at the next tick', async () => {
  const server = await startServer();
  let current: Notification[] = [];
  const { channel, clock } = channelFor(server.baseUrl, {}, { firing: () => current });
  current = [notification()];
  await channel.send(current[0] as Notification);
  current = [];
  clock.advance(60_000);
  await channel.whenIdle();
  const [ended] = server.alerts(1);
  assert.equal(ended?.endsAt, iso(T0 + 60_000));
  assert.deepEqual(channel.activeAlerts(), []);
  clock.advance(60_000);
  await channel.whenIdle();
  assert.equal(server.requests.length, 2, 'nothing left to send');
});

test('with firing(), a silent drop from critical to warning swaps the alerts', async () => {
  const server = await startServer();
  let current = [notification({ severity: 'critical' })];
  const { channel, clock } = channelFor(server.baseUrl, {}, { firing: () => current });
  await channel.send(current[0] as Notification);
  current = [notification({ severity: 'warning' })];
  clock.advance(60_000);
  await channel.whenIdle();
  const posted = server.alerts(1);
  assert.equal(posted.find((a) => a.labels.severity === 'warning')?.endsAt, iso(T0 + 60_000 + 4 * 60_000));
  assert.equal(posted.find((a) => a.labels.severity === 'critical')?.endsAt, iso(T0 + 60_000));
});

test('a firing() that throws does not stop the timer', async () => {
  const server = await startServer();
  let broken = true;
  const { channel, clock } = channelFor(server.baseUrl, {}, {
    firing: () => {
      if (broken) throw new Error('store not ready');
      return [notification()];
    },
  });
  clock.advance(60_000);
  await channel.whenIdle();
  assert.match(failed(channel.lastResend as SendResult).error, /store not ready/);
  broken = false;
  clock.advance(60_000);
  await channel.whenIdle();
  assert.equal(server.requests.length, 1);
});

test('close() stops the re-sends and sends no resolve (the alert is still true)', async () => {
  const server = await startServer();
  const { channel, clock } = channelFor(server.baseUrl);
  await channel.send(notification());
  await channel.close();
  clock.advance(5 * 60_000);
  assert.equal(server.requests.length, 1);
  assert.equal(clock.pendingTimers(), 0);
});

// --- test alerts ---

test('a test alert is its own alertname, expires after 1m and is not re-sent', async () => {
  const server = await startServer();
  const { channel, clock } = channelFor(server.baseUrl);
  const result = await channel.send(notification({ test: true, rule: 'test', message: '[TEST] srvmon test alert' }));
  assert.deepEqual(result, { ok: true });
  const [alert] = server.alerts(0);
  assert.deepEqual(alert?.labels, { alertname: 'srvmon_test', instance: 'web-1', severity: 'warning', rule: 'test' });
  assert.equal(alert?.annotations.summary, '[TEST] srvmon test alert');
  assert.equal(alert?.startsAt, iso(T0));
  assert.equal(alert?.endsAt, iso(T0 + 60_000));
  assert.deepEqual(channel.activeAlerts(), []);
  clock.advance(5 * 60_000);
  assert.equal(server.requests.length, 1);
});

// --- auth and errors ---

test('basic auth and bearer token are sent as Authorization', async () => {
  const server = await startServer();
  await channelFor(server.baseUrl, { basicAuth: { username: 'srvmon', password: PASSWORD } }).channel.send(notification());
  assert.equal(server.requests[0]?.headers.authorization, `Basic ${Buffer.from(`srvmon:${PASSWORD}`).toString('base64')}`);
  await channelFor(server.baseUrl, { bearerToken: TOKEN }).channel.send(notification());
  assert.equal(server.requests[1]?.headers.authorization, `Bearer ${TOKEN}`);
});

test('secrets() returns the password and the token', () => {
  const basic = Buffer.from(`srvmon:${PASSWORD}`).toString('base64');
  assert.deepEqual(channelFor('http://127.0.0.1:1', { basicAuth: { username: 'srvmon', password: PASSWORD } }).channel.secrets(), [PASSWORD, basic]);
  assert.deepEqual(channelFor('http://127.0.0.1:1', { bearerToken: TOKEN }).channel.secrets(), [TOKEN]);
  assert.ok(channelFor(`http://u:${PASSWORD}@127.0.0.1:1`).channel.secrets().includes(PASSWORD));
});

test('5xx is retryable', async () => {
  const server = await startServer(reply(503, 'unavailable'));
  const failure = failed(await channelFor(server.baseUrl).channel.send(notification()));
  assert.equal(failure.retryable, true);
  assert.match(failure.error, /^HTTP 503/);
});

test('a network error is retryable and says where', async () => {
  const port = await closedPort();
  const failure = failed(await channelFor(`http://127.0.0.1:${port}`, { bearerToken: TOKEN }).channel.send(notification()));
  assert.equal(failure.retryable, true);
  assert.match(failure.error, new RegExp(`connection refused.*127\\.0\\.0\\.1:${port}`));
  assert.match(failure.hint ?? '', /Alertmanager runs/);
  assert.doesNotMatch(JSON.stringify(failure), new RegExp(TOKEN));
});

test('401/403 are permanent with a hint about basicAuth/bearerToken; the secret is never in the error', async () => {
  for (const status of [401, 403]) {
    // A server that echoes the credentials it got, as some proxies do.
    const server = await startServer((request, res) => {
      res.writeHead(status);
      res.end(`denied for ${request.headers.authorization ?? ''} ${PASSWORD}`);
    });
    const failure = failed(await channelFor(server.baseUrl, { basicAuth: { username: 'srvmon', password: PASSWORD } }).channel.send(notification()));
    assert.equal(failure.retryable, false);
    assert.match(failure.error, new RegExp(`^HTTP ${status}`));
    assert.match(failure.hint ?? '', /channels\.alertmanager\.basicAuth.*bearerToken/);
    assert.doesNotMatch(JSON.stringify(failure), new RegExp(PASSWORD));
    assert.doesNotMatch(JSON.stringify(failure), new RegExp(Buffer.from(`srvmon:${PASSWORD}`).toString('base64')));
  }
});

test('other 4xx are permanent: 400 quotes Alertmanager, 404 points at the url', async () => {
  const bad = await startServer(reply(400, '{"code":400,"message":"start time must be before end time"}'));
  const failure = failed(await channelFor(bad.baseUrl).channel.send(notification()));
  assert.equal(failure.retryable, false);
  assert.match(failure.error, /HTTP 400.*start time must be before end time/);
  const missing = await startServer(reply(404));
  const notFound = failed(await channelFor(`${missing.baseUrl}/wrong`).channel.send(notification()));
  assert.equal(notFound.retryable, false);
  assert.match(notFound.hint ?? '', /check channels\.alertmanager\.url/);
  assert.equal(missing.requests[0]?.url, '/wrong/api/v2/alerts');
});

test('a redirect is not followed (credentials would go along)', async () => {
  const server = await startServer((_r, res) => {
    res.writeHead(302, { Location: 'http://127.0.0.1:1/elsewhere' });
    res.end();
  });
  const failure = failed(await channelFor(server.baseUrl, { bearerToken: TOKEN }).channel.send(notification()));
  assert.equal(failure.retryable, false);
  assert.match(failure.hint ?? '', /redirects are not followed/);
});

test('the timeout bounds an attempt against a server that never answers', async () => {
  const server = await startServer(() => {});
  const startedMs = Date.now();
  const failure = failed(await channelFor(server.baseUrl, { timeout: '200ms' }).channel.send(notification()));
  assert.equal(failure.retryable, true);
  assert.match(failure.error, /timed out after 200ms/);
  assert.ok(Date.now() - startedMs < 2000);
});

test('the class is the factory result', () => {
  assert.ok(channelFor('http://127.0.0.1:1').channel instanceof AlertmanagerChannel);
  assert.equal(channelFor('http://127.0.0.1:1').channel.name, 'alertmanager');
});
