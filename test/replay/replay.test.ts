import assert from 'node:assert/strict';
import { test } from 'node:test';
import { replay } from '../../src/replay/replay.js';
import { parseTrace, TraceError } from '../../src/replay/trace.js';
import { samplesOf, testConfig } from '../helpers/config.js';

test('two hours at 95% CPU then recovery: one firing, three repeats, one resolved', () => {
  const samples = samplesOf(7200 + 10, (i) => ({ cpu: i < 7200 ? 95 : 10 }));
  const { summary, events } = replay(samples, testConfig());
  assert.deepEqual(summary.notifiedByState, { firing: 1, repeat: 3, escalated: 0, resolved: 1 });
  assert.deepEqual(events.map((e) => e.state), ['firing', 'repeat', 'repeat', 'repeat', 'resolved']);
  // repeats 30 minutes apart
  assert.equal(events[1].timeMs - events[0].timeMs, 30 * 60_000);
});

test('an hour flapping across the threshold every 10 s: at most 4 notifications (the original sent one per reading)', () => {
  const samples = samplesOf(3600, (i) => ({ cpu: Math.floor(i / 10) % 2 === 0 ? 95 : 20 }));
  const { summary } = replay(samples, testConfig());
  assert.ok(summary.events > 300, `episodes recorded: ${summary.events}`);
  assert.ok(summary.notifications <= 4, `notifications: ${summary.notifications}`);
  assert.ok(summary.notifications >= 2);
});

test('trace parsing: ISO times, disk objects, gaps, load1 per core', () => {
  const text = [
    '{"time": "2026-03-01T02:00:00Z", "cpu": 91.2, "memory": 40.1, "disk": {"/": 71}}',
    '',
    '{"time": "2026-03-01T02:00:01Z", "memory": null, "load1": 4, "cores": 2}',
  ].join('\n');
  const samples = parseTrace(text, 't.jsonl');
  assert.equal(samples.length, 2);
  assert.deepEqual(samples[0].values, { cpu: 91.2, memory: 40.1, 'disk:/': 71 });
  assert.deepEqual(samples[1].values, { load1: 4, load1PerCore: 2 });
  assert.equal(samples[1].timeMs, Date.UTC(2026, 2, 1, 2, 0, 1));
});

test('trace errors name the file and line', () => {
  assert.throws(() => parseTrace('{"time": "2026-03-01T02:00:00Z"}\n{"time": 5, "cpu": "high"}', 't.jsonl'), (e: unknown) => {
    assert.ok(e instanceof TraceError);
    assert.equal(e.message, 't.jsonl:2: "cpu" must be a percentage 0-100, got "high"');
    return true;
  });
  assert.throws(() => parseTrace('not json', 'x.jsonl'), /x\.jsonl:1: not a JSON object/);
  assert.throws(() => parseTrace('{"cpu": 1}', 'x.jsonl'), /x\.jsonl:1: "time" is missing/);
});
