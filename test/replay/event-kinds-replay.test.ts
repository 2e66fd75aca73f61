// The event kinds replay from traces like the metric kinds: a process that is gone for a while, a unit that failed,
// a runaway process, a reboot; each fires and resolves (a reboot's resolve is recorded, not sent).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { replay } from '../../src/replay/replay.js';
import { parseTrace } from '../../src/replay/trace.js';
import { rulesConfig, testConfig } from '../helpers/config.js';

function trace(rows: Record<string, unknown>[]): string {
  return rows.map((row, i) => JSON.stringify({ time: new Date(Date.UTC(2026, 11, 3, 3, 0, i)).toISOString(), ...row })).join('\n');
}

const rules = rulesConfig({
  cpu: { enabled: false },
  memory: { enabled: false },
  disk: { enabled: false },
  running: { enabled: true },
  systemd: { enabled: true },
  process: { enabled: true, window: 2 },
  reboot: { enabled: true },
});

test('running, systemd, process and reboot fire and resolve in a replayed trace', () => {
  const samples = parseTrace(
    trace([
      { 'procMissing:nginx': 0, 'unitFailed:backup.service': 0, processCpu: 20, rebooted: 1 },
      { 'procMissing:nginx': 1, 'unitFailed:backup.service': 1, processCpu: 97, rebooted: 0 },
      { 'procMissing:nginx': 1, 'unitFailed:backup.service': 1, processCpu: 250 },
      { 'procMissing:nginx': 0, 'unitFailed:backup.service': 0, processCpu: 10 },
      { 'procMissing:nginx': 0, processCpu: 10 },
    ]),
    'events.jsonl',
  );
  const { events } = replay(samples, testConfig({ rules }));
  const seen = events.map((e) => `${e.rule} ${e.state} ${e.notify ? 'sent' : 'recorded'}: ${e.message}`);
  assert.deepEqual(seen, [
    'reboot firing sent: Host rebooted',
    'reboot resolved recorded: Host: reboot recorded',
    'running:nginx firing sent: Process nginx is not running',
    'systemd:backup.service firing sent: Unit backup.service has failed',
    'process firing sent: Busiest process at 173.5% CPU, above 90%',
    'running:nginx resolved sent: Process nginx is running again (after 2s)',
    'systemd:backup.service resolved sent: Unit backup.service is no longer failed (after 2s)',
    'process resolved sent: Busiest process is back below 85% CPU, at 10% (after 2s)',
  ]);
});

test('a trace with a state outside 0-1 is refused', () => {
  assert.throws(() => parseTrace(trace([{ 'procMissing:nginx': 2 }]), 'bad.jsonl'), /"procMissing:nginx" must be 0 or 1/);
});
