import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatEvidenceLines } from '../../src/alerts/evidence-text.js';
import type { AlertEvent } from '../../src/types.js';

const HOUR = 3_600_000;
const GB = 1024 ** 3;

function event(overrides: Partial<AlertEvent>): AlertEvent {
  return {
    type: 'alert', id: 'e1', timeMs: 10 * HOUR, rule: 'cpu', kind: 'cpu', state: 'firing', severity: 'warning',
    value: 91, threshold: 85, window: 3, notify: true, muted: false, message: 'CPU usage 91% is above 85%', sinceMs: 10 * HOUR,
    ...overrides,
  };
}

const cpuEvidence: AlertEvent['evidence'] = {
  topByCpu: [
    { name: 'python3', pid: 4121, user: 'app', cpuPercent: 97.04 },
    { name: 'node', pid: 12, user: 'root', cpuPercent: 3.14 },
  ],
  cpuSplit: { user: 10, system: 4, iowait: 60, steal: 0 },
  diagnosis: 'iowait',
};

test('cpu: top processes with pid, user and %, the CPU split and the diagnosis, in en', () => {
  assert.deepEqual(formatEvidenceLines(event({ evidence: cpuEvidence }), 'en'), [
    'Top CPU: python3 (pid 4121, user app) 97%, node (pid 12, user root) 3.1%',
    'CPU time: user 10%, system 4%, iowait 60%, steal 0%',
    'high iowait: waiting for disk',
  ]);
});

test('cpu: the same in zh-CN', () => {
  assert.deepEqual(formatEvidenceLines(event({ evidence: { ...cpuEvidence, diagnosis: 'steal' } }), 'zh-CN'), [
    'CPU占用最高：python3（pid 4121，用户 app）97%，node（pid 12，用户 root）3.1%',
    'CPU时间：用户 10%，系统 4%，IO等待 60%，被宿主机占用(steal) 0%',
    'steal 高：宿主机（hypervisor）正在占用 CPU',
  ]);
});

test('memory: top processes by RSS and whether the system swaps now', () => {
  const e = event({ kind: 'memory', rule: 'memory', evidence: { topByRss: [{ name: 'java', pid: 88, user: 'app', rssBytes: 3.2 * GB }], swappingNow: true, swapInPagesPerSec: 12.4, swapOutPagesPerSec: 300 } });
  assert.deepEqual(formatEvidenceLines(e, 'en'), ['Top memory: java (pid 88, user app) 3.2GB', 'Swapping now: 12 pages/s in, 300 pages/s out']);
  assert.deepEqual(formatEvidenceLines({ ...e, evidence: { swappingNow: false } }, 'zh-CN'), ['当前没有换页']);
});

test('disk: free bytes, growth over the hour and the time left, en and zh-CN', () => {
  const e = event({ kind: 'disk', rule: 'disk:/data', mountpoint: '/data', evidence: { disk: { mount: '/data', freeBytes: 2 * GB, growthBytesPerHour: GB, growthOverMs: HOUR, timeLeftMs: 2 * HOUR } } });
  assert.deepEqual(formatEvidenceLines(e, 'en'), ['Free on /data: 2.0GB; growing 1.0GB/h over the last 1h; full in about 2h at that rate']);
  assert.deepEqual(formatEvidenceLines(e, 'zh-CN'), ['/data 剩余 2.0GB；最近1小时每小时增长 1.0GB；按此速度约 2小时 后写满']);
});

test('resolved: how long the episode lasted and its peak', () => {
  const e = event({ state: 'resolved', sinceMs: 10 * HOUR - 12 * 60_000, peak: 97.34 });
  assert.deepEqual(formatEvidenceLines(e, 'en'), ['Lasted 12m, peak 97.3%']);
  assert.deepEqual(formatEvidenceLines(e, 'zh-CN'), ['持续 12分钟，峰值 97.3%']);
  assert.deepEqual(formatEvidenceLines({ ...e, peak: undefined }, 'en'), ['Lasted 12m'], 'an episode from before peaks were kept');
});

test('an event without evidence has no lines; malformed evidence (a hand-edited outbox file) is left out, not thrown', () => {
  assert.deepEqual(formatEvidenceLines(event({}), 'en'), []);
  const bad = event({ evidence: { topByCpu: [{ name: 5 }, null], cpuSplit: { user: 'x' }, diagnosis: 'toString', disk: { mount: '/x' } } as never });
  assert.deepEqual(formatEvidenceLines(bad, 'en'), []);
});
