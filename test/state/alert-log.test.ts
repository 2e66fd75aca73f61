import assert from 'node:assert/strict';
import { linkSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { AlertLogFile } from '../../src/state/alert-log.js';
import type { AlertEvent, DeliveryEvent } from '../../src/types.js';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'srvmon-alertlog-'));
  dirs.push(dir);
  return dir;
}

function alert(id: string, timeMs = 1_700_000_000_000): AlertEvent {
  return {
    type: 'alert', id, timeMs, rule: 'memory', kind: 'memory', state: 'firing', severity: 'warning', value: 91, threshold: 90,
    window: 1, notify: true, muted: false, message: 'Memory usage 91% is above 90%', sinceMs: timeMs,
  };
}

const delivery: DeliveryEvent = { type: 'delivery', timeMs: 1_700_000_000_500, alertId: 'a1', rule: 'memory', channel: 'mail', ok: true, attempt: 1 };

test('invalid lines read back are skipped with one warning that counts them; the valid ones are kept', () => {
  const dir = tempDir();
  const lines = [
    JSON.stringify(alert('a1')),
    '{"type":"alert"}',
    JSON.stringify(delivery),
    JSON.stringify({ ...alert('a2'), timeMs: 'yesterday' }),
    JSON.stringify({ ...alert('a3'), state: 'exploded' }),
    '{"type":"delivery","ok":true}',
    '{"type":"alert","id":"a4","timeMs":1e300', // cut short
    JSON.stringify(alert('a5')),
  ];
  writeFileSync(join(dir, 'alerts.jsonl'), `${lines.join('\n')}\n`);
  writeFileSync(join(dir, 'alerts.jsonl.1'), `${JSON.stringify(alert('a0'))}\nnull\n[]\n`);
  const warnings: string[] = [];
  const entries = new AlertLogFile(dir, (m) => warnings.push(m)).readRecent(100);
  assert.deepEqual(entries.map((e) => (e.type === 'alert' ? e.id : `delivery:${e.alertId}`)), ['a0', 'a1', 'delivery:a1', 'a5']);
  assert.equal(warnings.length, 1, warnings.join('\n'));
  assert.match(warnings[0]!, /skipped: 5 in .*alerts\.jsonl, 2 in .*alerts\.jsonl\.1$/);
});

test('a line cut short by a crash does not swallow the next entry appended', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'alerts.jsonl'), `${JSON.stringify(alert('a1'))}\n{"type":"alert","id":"a2","ti`);
  const log = new AlertLogFile(dir, () => {});
  log.append(alert('a3'));
  assert.deepEqual(log.readRecent(100).map((e) => (e as AlertEvent).id), ['a1', 'a3']);
});

test('alerts.jsonl as a symlink to another file: the file is not written, one warning says why', () => {
  const dir = tempDir();
  const victim = join(tempDir(), 'passwd');
  writeFileSync(victim, 'root:x:0:0::/root:/bin/sh\n');
  symlinkSync(victim, join(dir, 'alerts.jsonl'));
  const warnings: string[] = [];
  const log = new AlertLogFile(dir, (m) => warnings.push(m));
  assert.deepEqual(log.readRecent(100), []);
  log.append(alert('a1'));
  log.append(delivery);
  assert.equal(readFileSync(victim, 'utf8'), 'root:x:0:0::/root:/bin/sh\n');
  assert.equal(warnings.length, 1, warnings.join('\n'));
  assert.match(warnings[0]!, /alerts\.jsonl: a symbolic link, not followed; alerts are kept in memory only$/);
});

test('alerts.jsonl hard-linked to another file is not written either', () => {
  const dir = tempDir();
  const victim = join(dir, 'other');
  writeFileSync(victim, 'theirs\n');
  linkSync(victim, join(dir, 'alerts.jsonl'));
  const warnings: string[] = [];
  new AlertLogFile(dir, (m) => warnings.push(m)).append(alert('a1'));
  assert.equal(readFileSync(victim, 'utf8'), 'theirs\n');
  assert.match(warnings.join('\n'), /a file with 2 hard links, not used/);
});

test('only the newest `limit` entries are read back, from both files, oldest first', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'alerts.jsonl.1'), `${JSON.stringify(alert('a0'))}\n${JSON.stringify(alert('a1'))}\n`);
  writeFileSync(join(dir, 'alerts.jsonl'), `${JSON.stringify(alert('a2'))}\n${JSON.stringify(alert('a3'))}\n`);
  const log = new AlertLogFile(dir, () => {});
  assert.deepEqual(log.readRecent(3).map((e) => (e as AlertEvent).id), ['a1', 'a2', 'a3']);
  assert.deepEqual(log.readRecent(1).map((e) => (e as AlertEvent).id), ['a3']);
});

test('rotation keeps one old file and the byte limit', () => {
  const dir = tempDir();
  const log = new AlertLogFile(dir, () => {}, 1000);
  for (let i = 0; i < 10; i++) log.append(alert(`a${i}`));
  const current = readFileSync(join(dir, 'alerts.jsonl'), 'utf8');
  assert.ok(Buffer.byteLength(current) <= 1000);
  assert.ok(readFileSync(join(dir, 'alerts.jsonl.1'), 'utf8').length > 0);
  assert.deepEqual(log.readRecent(100).map((e) => (e as AlertEvent).id).slice(-2), ['a8', 'a9']);
});
