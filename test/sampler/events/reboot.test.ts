// The reboot kind: boot identity and record, the watch's 0/1 reading, and its notice in both languages.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { formatAlertMessage } from '../../../src/alerts/messages.js';
import { BootRecordFile, compareBoots, parseBootRecord, parseBtimeMs, readBootInfo } from '../../../src/sampler/events/boot-record.js';
import { RebootWatch } from '../../../src/sampler/events/reboot-watch.js';

const BOOT_A = { bootId: 'aaaaaaaa-0000-4000-8000-000000000001', bootTimeMs: 1_764_700_000_000 };
const BOOT_B = { bootId: 'bbbbbbbb-0000-4000-8000-000000000002', bootTimeMs: 1_764_790_000_000 };

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'srvmon-boot-'));
}

test('btime and boot_id are read from a /proc tree', () => {
  assert.equal(parseBtimeMs('cpu  1 2 3\nbtime 1764700000\nprocesses 9\n'), 1_764_700_000_000);
  assert.equal(parseBtimeMs('cpu  1 2 3\n'), undefined);
  const proc = tempDir();
  try {
    writeFileSync(join(proc, 'stat'), 'cpu  1 2 3 4\nbtime 1764700000\n');
    assert.deepEqual(readBootInfo(proc), { bootTimeMs: 1_764_700_000_000 }, 'no boot_id: btime alone');
    const random = join(proc, 'sys/kernel/random');
    mkdirSync(random, { recursive: true });
    writeFileSync(join(random, 'boot_id'), `${BOOT_A.bootId}\n`);
    assert.deepEqual(readBootInfo(proc), { bootId: BOOT_A.bootId, bootTimeMs: 1_764_700_000_000 });
  } finally {
    rmSync(proc, { recursive: true, force: true });
  }
});

test('the boot id decides; without ids, boot times more than a minute apart are two boots', () => {
  assert.equal(compareBoots(undefined, BOOT_A), 'first');
  assert.equal(compareBoots(BOOT_A, BOOT_A), 'same');
  assert.equal(compareBoots(BOOT_A, BOOT_B), 'rebooted');
  // An NTP step moves btime, not the boot id.
  assert.equal(compareBoots(BOOT_A, { ...BOOT_A, bootTimeMs: BOOT_A.bootTimeMs + 3_600_000 }), 'same');
  assert.equal(compareBoots({ bootTimeMs: 1000 }, { bootTimeMs: 31_000 }), 'same');
  assert.equal(compareBoots({ bootTimeMs: 1000 }, { bootTimeMs: 120_000 }), 'rebooted');
  assert.equal(parseBootRecord('not json'), undefined);
  assert.equal(parseBootRecord('{"bootId":"x"}'), undefined);
});

test('the record is written atomically in the state dir and read back', () => {
  const dir = tempDir();
  try {
    const file = new BootRecordFile(dir);
    assert.equal(file.read(), undefined);
    file.write(BOOT_A);
    assert.deepEqual(file.read(), BOOT_A);
    assert.deepEqual(readdirSync(dir), ['boot.json'], 'no temp file left');
    assert.deepEqual(JSON.parse(readFileSync(join(dir, 'boot.json'), 'utf8')), { version: 1, ...BOOT_A });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

function watch(recorded: typeof BOOT_A | undefined, current: typeof BOOT_A) {
  const writes: unknown[] = [];
  let reads = 0;
  const w = new RebootWatch({
    readBoot: () => (reads++, current),
    record: { read: () => recorded, write: (boot) => writes.push(boot) },
    hostname: 'web-1',
  });
  return { w, writes, reads: () => reads };
}

test('first start records without reporting; another boot reports 1 for the window, then 0; the same boot never', () => {
  const first = watch(undefined, BOOT_A);
  assert.equal(first.w.read(BOOT_A.bootTimeMs + 60_000, 1).values.rebooted, 0);
  assert.deepEqual(first.writes, [BOOT_A]);

  const rebooted = watch(BOOT_A, BOOT_B);
  const now = BOOT_B.bootTimeMs + 4 * 60_000;
  const seen = [0, 1, 2, 3].map((i) => rebooted.w.read(now + i * 1000, 2));
  assert.deepEqual(seen.map((r) => r.values.rebooted), [1, 1, 0, 0]);
  assert.deepEqual(seen[0]!.subjects.rebooted, { name: 'web-1', sinceMs: BOOT_B.bootTimeMs, forMs: 4 * 60_000 });
  assert.deepEqual(rebooted.writes, [BOOT_B]);
  assert.equal(rebooted.reads(), 1, 'the boot is read once, not per tick');

  const same = watch(BOOT_A, BOOT_A);
  assert.deepEqual([same.w.read(now, 1), same.w.read(now, 1)].map((r) => r.values.rebooted), [0, 0]);
  assert.deepEqual(same.writes, [], 'nothing to write for the same boot');
});

test('the reboot notice names the host, the time and the uptime, in en and zh-CN', () => {
  const sinceMs = new Date(2026, 11, 3, 3, 12).getTime();
  const input = {
    kind: 'reboot' as const, state: 'firing' as const, severity: 'warning' as const, value: 1, level: 0.9, window: 1, durationMs: 0,
    subject: { name: 'web-1', sinceMs, forMs: 4 * 60_000 },
  };
  assert.equal(formatAlertMessage(input, 'en'), 'Host web-1 rebooted at 03:12, up 4m');
  assert.equal(formatAlertMessage(input, 'zh-CN'), '主机web-1于03:12重启，已运行4分钟，请关注');
  const later = { ...input, subject: { ...input.subject, forMs: 2 * 86_400_000 } };
  assert.equal(formatAlertMessage(later, 'en'), 'Host web-1 rebooted at 2026-12-03 03:12, up 48h');
});
