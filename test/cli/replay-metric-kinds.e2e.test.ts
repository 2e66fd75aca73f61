// End to end: the metric rule kinds (network rates, disk busy time) fire and resolve in `srvmon replay`, through the
// same engine as every rule, with their messages in English and Chinese.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { isolatedEnv, runCli, tempHome } from '../helpers/cli.js';

const home = tempHome();
after(home.cleanup);

const START = Date.UTC(2026, 2, 1, 2);

function writeTrace(name: string, rows: Record<string, unknown>[]): string {
  const file = join(home.dir, name);
  writeFileSync(file, `${rows.map((row, i) => JSON.stringify({ time: new Date(START + i * 1000).toISOString(), ...row })).join('\n')}\n`);
  return file;
}

async function replayAlerts(trace: string, config: string, locale: 'en' | 'zh-CN'): Promise<Record<string, unknown>[]> {
  const configFile = join(home.dir, `${locale}.yaml`);
  writeFileSync(configFile, `locale: ${locale}\n${config}`);
  const result = await runCli(['replay', trace, '--json', '--config', configFile], { cwd: home.dir, env: isolatedEnv(home.dir) });
  assert.equal(result.code, 0, result.stderr);
  return result.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>).filter((r) => r.type === 'alert');
}

const NETWORK_RULES = `rules:
  netRx:
    threshold: 100Mbit
    window: 3
    exclude: [lo, "veth*"]
  netTx:
    threshold: 20MB/s
    window: 1
    interfaces:
      eth1: false
`;

// 10 s of eth0 receiving at 15 MB/s (above 100Mbit = 12.5 MB/s), then quiet; veth and lo just as busy but excluded;
// eth1 sends 30 MB/s but is switched off for netTx; eth0 sends 25 MB/s for 5 s.
const networkTrace = () =>
  writeTrace(
    'network.jsonl',
    Array.from({ length: 20 }, (_, i) => ({
      'netRx:eth0': i < 10 ? 15e6 : 1e5,
      'netRx:veth1a2b': 15e6,
      'netRx:lo': 15e6,
      'netTx:eth0': i >= 12 && i < 17 ? 25e6 : 1e5,
      'netTx:eth1': 30e6,
    })),
  );

test('network: receive above 100Mbit fires per interface, excluded and switched-off interfaces stay quiet (en)', async () => {
  const alerts = await replayAlerts(networkTrace(), NETWORK_RULES, 'en');
  assert.deepEqual(
    alerts.map((a) => [a.rule, a.state]),
    [
      ['netRx:eth0', 'firing'],
      ['netRx:eth0', 'resolved'],
      ['netTx:eth0', 'firing'],
      ['netTx:eth0', 'resolved'],
    ],
  );
  assert.equal(alerts[0]!.time, '2026-03-01T02:00:02.000Z', 'the third sample fills the window of 3');
  assert.equal(alerts[0]!.threshold, 12_500_000);
  assert.equal(alerts[0]!.message, 'Network receive on eth0 15 MB/s (average of the last 3 samples) is above 12.5 MB/s');
  assert.equal(alerts[2]!.message, 'Network transmit on eth0 25 MB/s is above 20 MB/s');
  assert.match(String(alerts[1]!.message), /^Network receive on eth0 .* is back below 11\.3 MB\/s \(after \d+s\)$/);
});

test('network: the same trace in Chinese', async () => {
  const alerts = await replayAlerts(networkTrace(), NETWORK_RULES, 'zh-CN');
  assert.equal(alerts[0]!.message, '网卡eth0接收速率为15 MB/s（最近3次平均），超过了12.5 MB/s，请关注');
  assert.equal(alerts[2]!.message, '网卡eth0发送速率为25 MB/s，超过了20 MB/s，请关注');
});

const DISKIO_RULES = `rules:
  diskio:
    threshold: 80
    window: 2
    mounts:
      "/backup": false
`;

const diskioTrace = () =>
  writeTrace(
    'diskio.jsonl',
    Array.from({ length: 12 }, (_, i) => ({ 'diskBusy:/data': i < 6 ? 97 : 10, 'diskBusy:/backup': 100, 'diskRead:/data': 5e7, 'diskWrite:/data': 2e7 })),
  );

test('diskio: a saturated disk fires and resolves; a switched-off mount does not (en and zh-CN)', async () => {
  const en = await replayAlerts(diskioTrace(), DISKIO_RULES, 'en');
  assert.deepEqual(en.map((a) => [a.rule, a.state]), [['diskio:/data', 'firing'], ['diskio:/data', 'resolved']]);
  assert.equal(en[0]!.message, 'Disk busy time of /data 97% (average of the last 2 samples) is above 80%');
  const zh = await replayAlerts(diskioTrace(), DISKIO_RULES, 'zh-CN');
  assert.equal(zh[0]!.message, '磁盘/data繁忙度为97%（最近2次平均），超过了80%，请关注');
});

test('iowait, per-core CPU and temperature fire from their keys too', async () => {
  const trace = writeTrace(
    'kinds.jsonl',
    Array.from({ length: 3 }, () => ({ iowait: 60, 'cpu:3': 99, 'cpu:0': 10, 'temp:coretemp.Package_id_0': 92 })),
  );
  const alerts = await replayAlerts(trace, 'rules:\n  iowait: { window: 1 }\n  cpuCore: { window: 1 }\n  temperature: { window: 1 }\n', 'en');
  assert.deepEqual(alerts.map((a) => a.message), [
    'CPU iowait 60% is above 30%',
    'CPU usage of core 3 99% is above 95%',
    'Temperature of coretemp.Package_id_0 92°C is above 85°C',
  ]);
});

// One sample a minute, at the minute's middle: /data loses 35 MB a minute (2.1 GB/h) with 10.5 GB left at minute 15,
// so 5 h from full; at minute 20 a cleanup frees 20 GB (it resolves below the clear level: 30 h for a 24 h horizon).
// / stays put; /tmp fills as fast but is excluded.
const diskfullTrace = () => {
  const file = join(home.dir, 'diskfull.jsonl');
  const rows = Array.from({ length: 25 }, (_, m) => {
    const data = m < 20 ? 11.025e9 - m * 35e6 : 30e9;
    return JSON.stringify({ time: new Date(START + 30_000 + m * 60_000).toISOString(), 'diskFree:/data': data, 'diskFree:/': 50e9, 'diskFree:/tmp': 1e9 - m * 35e6 });
  });
  writeFileSync(file, `${rows.join('\n')}\n`);
  return file;
};

const DISKFULL_RULES = 'rules:\n  diskfull:\n    threshold: 24h\n    exclude: [/tmp]\n';

test('diskfull: a filesystem full within 24 h at its rate fires with the estimate, and resolves when space is freed', async () => {
  const en = await replayAlerts(diskfullTrace(), DISKFULL_RULES, 'en');
  assert.deepEqual(en.map((a) => [a.rule, a.state, a.time]), [
    ['diskfull:/data', 'firing', '2026-03-01T02:15:30.000Z'],
    ['diskfull:/data', 'resolved', '2026-03-01T02:20:30.000Z'],
  ]);
  assert.equal(en[0]!.message, '/data will be full in about 5 h at 2.1 GB/h (within 24 h)');
  assert.equal(en[1]!.message, '/data is no longer filling within 30 h (no growth, after 5m)');
  const zh = await replayAlerts(diskfullTrace(), DISKFULL_RULES, 'zh-CN');
  assert.equal(zh[0]!.message, '磁盘/data按当前每小时2.1 GB的速度，约5小时后写满（24小时内），请关注');
  assert.equal(zh[1]!.message, '磁盘/data已不会在30小时内写满（未增长，持续5分钟）');
});
