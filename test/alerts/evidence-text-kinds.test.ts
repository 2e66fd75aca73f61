// The evidence lines of the new kinds in en and zh-CN: network rates and the busiest interfaces, disk I/O, the
// hottest sensors; malformed parts (an event read back from an outbox file) are left out.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatEvidenceLines } from '../../src/alerts/evidence-text.js';
import type { AlertEvent } from '../../src/types.js';

function event(overrides: Partial<AlertEvent>): AlertEvent {
  return {
    type: 'alert', id: 'e1', timeMs: 0, rule: 'netTx:eth0', kind: 'netTx', state: 'firing', severity: 'warning',
    value: 9e7, threshold: 5e7, window: 3, notify: true, muted: false, message: '', sinceMs: 0,
    ...overrides,
  };
}

const network: AlertEvent['evidence'] = {
  network: {
    interface: 'eth0',
    direction: 'tx',
    rxBytesPerSec: 1_200_000,
    txBytesPerSec: 80_000_000,
    top: [
      { interface: 'eth0', bytesPerSec: 80_000_000 },
      { interface: 'eth1', bytesPerSec: 2_000_000 },
      { interface: 'wg0', bytesPerSec: 5_000 },
    ],
  },
};

test('network: both rates of the interface and the busiest interfaces in the alert direction, en and zh-CN', () => {
  assert.deepEqual(formatEvidenceLines(event({ evidence: network }), 'en'), [
    'Network on eth0: receive 1.2 MB/s, transmit 80 MB/s',
    'Top transmit: eth0 80 MB/s, eth1 2 MB/s, wg0 5 kB/s',
  ]);
  assert.deepEqual(formatEvidenceLines(event({ evidence: network }), 'zh-CN'), [
    '网卡eth0：接收 1.2 MB/s，发送 80 MB/s',
    '发送速率最高：eth0 80 MB/s，eth1 2 MB/s，wg0 5 kB/s',
  ]);
  const rx = { network: { ...network!.network!, direction: 'rx' as const } };
  assert.equal(formatEvidenceLines(event({ kind: 'netRx', evidence: rx }), 'en')[1], 'Top receive: eth0 80 MB/s, eth1 2 MB/s, wg0 5 kB/s');
  assert.equal(formatEvidenceLines(event({ kind: 'netRx', evidence: rx }), 'zh-CN')[1], '接收速率最高：eth0 80 MB/s，eth1 2 MB/s，wg0 5 kB/s');
});

test('network: one interface alone gets no top line; a missing direction reads "?"', () => {
  const alone = { network: { interface: 'eth0', direction: 'tx' as const, txBytesPerSec: 80_000_000, top: [{ interface: 'eth0', bytesPerSec: 80_000_000 }] } };
  assert.deepEqual(formatEvidenceLines(event({ evidence: alone }), 'en'), ['Network on eth0: receive ?, transmit 80 MB/s']);
});

test('disk I/O: read, write and busy, en and zh-CN; the parts the sample lacked are left out', () => {
  const e = event({ kind: 'diskio', rule: 'diskio:/data', evidence: { diskIo: { mount: '/data', readBytesPerSec: 50e6, writeBytesPerSec: 120e6, busyPercent: 98.3 } } });
  assert.deepEqual(formatEvidenceLines(e, 'en'), ['Disk I/O on /data: read 50 MB/s, write 120 MB/s, busy 98%']);
  assert.deepEqual(formatEvidenceLines(e, 'zh-CN'), ['磁盘/data I/O：读 50 MB/s，写 120 MB/s，繁忙 98%']);
  assert.deepEqual(formatEvidenceLines({ ...e, evidence: { diskIo: { mount: '/', busyPercent: 3 } } }, 'en'), ['Disk I/O on /: busy 3%']);
});

test('temperatures: the hottest sensors, en and zh-CN', () => {
  const e = event({ kind: 'temperature', rule: 'temperature:cpu', evidence: { temperatures: [{ sensor: 'coretemp/Package id 0', celsius: 92.4 }, { sensor: 'nvme0', celsius: 70 }] } });
  assert.deepEqual(formatEvidenceLines(e, 'en'), ['Hottest sensors: coretemp/Package id 0 92.4°C, nvme0 70°C']);
  assert.deepEqual(formatEvidenceLines(e, 'zh-CN'), ['温度最高的传感器：coretemp/Package id 0 92.4°C，nvme0 70°C']);
});

test('malformed parts from an outbox file are left out, never a crash', () => {
  const bad = { network: { interface: 5, direction: 'tx', top: [] }, diskIo: { mount: '/data' }, temperatures: [{ sensor: 'x' }, 'hot', null] } as unknown as AlertEvent['evidence'];
  assert.deepEqual(formatEvidenceLines(event({ evidence: bad }), 'en'), []);
  const badTop = { network: { interface: 'eth0', direction: 'up', top: [] } } as unknown as AlertEvent['evidence'];
  assert.deepEqual(formatEvidenceLines(event({ evidence: badTop }), 'en'), []);
});
