// `srvmon status` from an owner's hello and snapshot: the mute (global or of single rules) and each rule's own.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ownerStatus, ownerStatusLines } from '../../src/control/owner-status.js';
import type { HelloMessage, SnapshotMessage } from '../../src/control/protocol.js';
import { status } from '../ui/fixtures.js';

const NOW = Date.UTC(2026, 11, 1, 8);
const iso = (ms: number): string => new Date(ms).toISOString();
const hello: HelloMessage = { type: 'hello', protocol: '1.1', srvmon: '1.0.0', owner: { pid: 4121, startedMs: NOW - 3_600_000, version: '1.0.0', stateDir: '/var/lib/srvmon', locale: 'en', intervalMs: 1000 } };

function snapshot(partial: Partial<SnapshotMessage>): SnapshotMessage {
  return { type: 'snapshot', history: { capacity: 1, timesMs: [], series: {} }, latest: null, host: null, rules: [status('cpu'), status('memory', {}, 'warning', 91), status('disk:/data')], mute: null, overrides: {}, channels: [], log: [], ...partial };
}

const muted = (json: ReturnType<typeof ownerStatus>): Record<string, unknown> => Object.fromEntries(json.rules.map((r) => [r.id, r.muted]));

test('status: no mute at all', () => {
  const json = ownerStatus(hello, snapshot({}), NOW);
  assert.equal(json.mute, null);
  assert.deepEqual(muted(json), { cpu: false, memory: false, 'disk:/data': false });
  assert.ok(ownerStatusLines(json).includes('mute: off'));
});

test('status: rule mutes give mute {until: the last end, rules}; each rule its own end; an expired one is over', () => {
  const ruleMutes = {
    memory: { sinceMs: NOW, untilMs: NOW + 3_600_000 },
    'disk:/data': { sinceMs: NOW, untilMs: NOW + 7_200_000 },
    cpu: { sinceMs: NOW - 7_200_000, untilMs: NOW - 1 },
  };
  const json = ownerStatus(hello, snapshot({ ruleMutes }), NOW);
  assert.deepEqual(json.mute, { until: iso(NOW + 7_200_000), rules: ['memory', 'disk:/data'] });
  assert.deepEqual(muted(json), { cpu: false, memory: iso(NOW + 3_600_000), 'disk:/data': iso(NOW + 7_200_000) });
  const lines = ownerStatusLines(json);
  assert.ok(lines.includes(`mute: rules memory, disk:/data muted until ${iso(NOW + 7_200_000)}`), lines.join('\n'));
  assert.match(lines.find((l) => l.startsWith('  memory'))!, new RegExp(`FIRING warning .* muted until ${iso(NOW + 3_600_000)}$`));
  assert.doesNotMatch(lines.find((l) => l.startsWith('  cpu'))!, /muted/);
  // One rule until unmuted: the rules' mute has no end.
  const forever = ownerStatus(hello, snapshot({ ruleMutes: { ...ruleMutes, cpu: { sinceMs: NOW, untilMs: null } } }), NOW);
  assert.deepEqual(forever.mute, { until: null, rules: ['memory', 'disk:/data', 'cpu'] });
  assert.equal(muted(forever).cpu, null);
});

test('status: the global mute is {until, rules: null}; each rule is muted until the later of it and its own', () => {
  const mute = { sinceMs: NOW, untilMs: NOW + 1_800_000 };
  const json = ownerStatus(hello, snapshot({ mute, ruleMutes: { memory: { sinceMs: NOW, untilMs: NOW + 3_600_000 } } }), NOW);
  assert.deepEqual(json.mute, { until: iso(NOW + 1_800_000), rules: null });
  assert.deepEqual(muted(json), { cpu: iso(NOW + 1_800_000), memory: iso(NOW + 3_600_000), 'disk:/data': iso(NOW + 1_800_000) });
  assert.ok(ownerStatusLines(json).includes(`mute: every rule muted until ${iso(NOW + 1_800_000)}`));
  // A snapshot of a 1.0 owner has no ruleMutes.
  const { ruleMutes: _none, ...old } = snapshot({ mute: { sinceMs: NOW, untilMs: null } });
  assert.deepEqual(ownerStatus(hello, old as SnapshotMessage, NOW).mute, { until: null, rules: null });
});

test('status: history is null for an owner that keeps no rollups or speaks 1.1; else since and minutes', () => {
  assert.equal(ownerStatus(hello, snapshot({}), NOW).history, null);
  assert.equal(ownerStatus(hello, snapshot({ rollups: null, rollupSpan: { sinceMs: null, minutes: 0 } }), NOW).history, null);
  const json = ownerStatus(hello, snapshot({ rollups: '', rollupSpan: { sinceMs: NOW - 7_200_000, minutes: 118 } }), NOW);
  assert.deepEqual(json.history, { since: iso(NOW - 7_200_000), minutes: 118 });
  assert.ok(ownerStatusLines(json).includes(`history: 118 per-minute points since ${iso(NOW - 7_200_000)}`));
  const empty = ownerStatus(hello, snapshot({ rollups: '', rollupSpan: { sinceMs: null, minutes: 0 } }), NOW);
  assert.deepEqual(empty.history, { since: null, minutes: 0 });
  assert.ok(ownerStatusLines(empty).includes('history: no per-minute points yet'));
});

test('status lines write rates and time left in their units; percentages stay plain numbers', async () => {
  const { ownerStatusLines } = await import('../../src/control/owner-status.js');
  const rule = (id: string, value: number, threshold: number) => ({ id, state: 'ok' as const, severity: null, value, threshold, critical: null, muted: false as const });
  const lines = ownerStatusLines({
    version: '0', pid: 1, startedAt: 'x', intervalMs: 1000, stateDir: '/s', lastSample: null, mute: null, history: null,
    rules: [rule('netTx:eth0', 3_200_000, 12_500_000), rule('diskfull:/data', 0.2, 1 / 24), rule('cpu', 12, 85)],
    channels: [],
  } as unknown as Parameters<typeof ownerStatusLines>[0]);
  assert.ok(lines.some((l) => /netTx:eth0 .* value 3\.2 MB\/s {2}threshold 12\.5 MB\/s/.test(l)), lines.join('\n'));
  assert.ok(lines.some((l) => /diskfull:\/data .* value +5 h {2}threshold 24 h/.test(l)), lines.join('\n'));
  assert.ok(lines.some((l) => /cpu .* value +12 {2}threshold 85$/.test(l)), lines.join('\n'));
});
