// Every data problem in a trace: a TraceError (exit 65) naming file, line and key, the value cut short and escaped.
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { replay } from '../../src/replay/replay.js';
import { parseTrace, TraceError } from '../../src/replay/trace.js';
import { LineTooLongError, readLines } from '../../src/replay/trace-lines.js';
import { testConfig } from '../helpers/config.js';
import { RAW_CONTROL } from '../helpers/raw-control.js';

const GOOD = '{"time":"2026-03-01T02:00:00Z","cpu":1}';

function errorOf(line: string): string {
  try {
    parseTrace(`${GOOD}\n${line}\n`, 't.jsonl', 4);
  } catch (error: unknown) {
    assert.ok(error instanceof TraceError, `a TraceError, not ${String(error)}`);
    assert.equal(error.exitCode, 65);
    assert.doesNotMatch(error.message, RAW_CONTROL);
    assert.ok(error.message.length < 300, `short: ${error.message.length} chars`);
    return error.message;
  }
  assert.fail(`accepted: ${line.slice(0, 80)}`);
}

test('numbers out of their range are refused: 1e309 (read as Infinity), 1e308, negative percentages, absurd loads', () => {
  assert.equal(errorOf('{"time":"2026-03-01T02:00:01Z","cpu":1e309}'), 't.jsonl:2: "cpu" must be a percentage 0-100, got 1e309 (beyond the largest number)');
  assert.equal(errorOf('{"time":"2026-03-01T02:00:01Z","memory":-1e309}'), 't.jsonl:2: "memory" must be a percentage 0-100, got -1e309 (beyond the largest number)');
  assert.equal(errorOf('{"time":"2026-03-01T02:00:01Z","cpu":1e308}'), 't.jsonl:2: "cpu" must be a percentage 0-100, got 1e+308');
  assert.equal(errorOf('{"time":"2026-03-01T02:00:01Z","swap":-5}'), 't.jsonl:2: "swap" must be a percentage 0-100, got -5');
  assert.equal(errorOf('{"time":"2026-03-01T02:00:01Z","disk":{"/data":-0.5}}'), 't.jsonl:2: "disk./data" must be a percentage 0-100, got -0.5');
  assert.equal(errorOf('{"time":"2026-03-01T02:00:01Z","load1":1e308}'), 't.jsonl:2: "load1" must be a load average 0-1000000, got 1e+308');
  assert.equal(errorOf('{"time":"2026-03-01T02:00:01Z","cores":2.5}'), 't.jsonl:2: "cores" must be a whole number of cores 1-65536, got 2.5');
});

test('unknown keys are refused with a did-you-mean; family keys need their name', () => {
  assert.equal(errorOf('{"time":"2026-03-01T02:00:01Z","cpuu":5}'), 't.jsonl:2: "cpuu": unknown key (did you mean "cpu"?)');
  assert.equal(errorOf('{"time":"2026-03-01T02:00:01Z","netrx:eth0":5}'), 't.jsonl:2: "netrx:eth0": unknown key (did you mean "netRx:eth0"?)');
  assert.match(errorOf('{"time":"2026-03-01T02:00:01Z","temperature":5}'), /^t\.jsonl:2: "temperature": unknown key/);
  assert.equal(errorOf('{"time":"2026-03-01T02:00:01Z","cpu:x":5}'), 't.jsonl:2: "cpu:x": after "cpu:" comes a core number');
  assert.equal(errorOf('{"time":"2026-03-01T02:00:01Z","disk":{"data":5}}'), 't.jsonl:2: "disk.data": a mount point starts with "/"');
  assert.equal(errorOf('{"time":"2026-03-01T02:00:01Z","disk":5}'), 't.jsonl:2: "disk" must be an object of mount point to percentage, got 5');
});

test('times: an out-of-range epoch is a data error (it was exit 70, a RangeError); missing and unreadable ones too', () => {
  assert.match(errorOf('{"time":1e20,"cpu":5}'), /^t\.jsonl:2: "time" must be between 1970-01-01 and 9999-12-31 .*got 100000000000000000000$/);
  assert.match(errorOf('{"time":"+100000-01-01T00:00:00Z","cpu":5}'), /^t\.jsonl:2: "time" must be between/);
  assert.match(errorOf('{"time":-1,"cpu":5}'), /^t\.jsonl:2: "time" must be between/);
  assert.equal(errorOf('{"cpu":5}'), 't.jsonl:2: "time" is missing (an ISO 8601 time or epoch milliseconds)');
  assert.equal(errorOf('{"time":"yesterday","cpu":5}'), 't.jsonl:2: "time" must be an ISO 8601 time or epoch milliseconds, got "yesterday"');
});

test('a 5 MB bad field is quoted in 60 characters; control characters in a bad line or key are escaped', () => {
  const huge = 'x'.repeat(5 * 1024 * 1024);
  assert.equal(errorOf(`{"time":"2026-03-01T02:00:01Z","cpu":"${huge}"}`), `t.jsonl:2: "cpu" must be a percentage 0-100, got "${'x'.repeat(58)}…`);
  assert.equal(errorOf(`{"time":"2026-03-01T02:00:01Z","${huge}":1}`), `t.jsonl:2: "${'x'.repeat(58)}…: unknown key`);
  assert.equal(errorOf(`{"time":"${huge}"}`), `t.jsonl:2: "time" must be an ISO 8601 time or epoch milliseconds, got "${'x'.repeat(58)}…`);
  assert.equal(errorOf('not json \u001b]0;pwned\u0007'), 't.jsonl:2: not a JSON object: not json \\x1b]0;pwned\\x07');
  assert.equal(errorOf('{"time":"2026-03-01T02:00:01Z","\\u001b[31m":1}'), 't.jsonl:2: "\\u001b[31m": unknown key');
  assert.equal(errorOf('{"time":"2026-03-01T02:00:01Z","\\u009b2J":1}'), 't.jsonl:2: "\\x9b2J": unknown key');
});

test('every sample key the monitor records is accepted', () => {
  const [sample] = parseTrace(
    '{"time":1772330400000,"cpu":5,"cpu:0":7,"memory":40,"swap":0,"load1":4,"load5":1,"load15":0.5,"cores":2,"disk":{"/":71,"/x":null},"disk:/data":80,"netRx:eth0":1e9,"netTx:eth0":0,"self:cpu":150,"self:rssBytes":5e7,"swap":null}',
    't.jsonl',
  );
  assert.deepEqual(sample!.values, { cpu: 5, 'cpu:0': 7, memory: 40, load1: 4, load5: 1, load15: 0.5, 'disk:/': 71, 'disk:/data': 80, 'netRx:eth0': 1e9, 'netTx:eth0': 0, 'self:cpu': 150, 'self:rssBytes': 5e7, load1PerCore: 2 });
});

test('lines are read from chunks: a UTF-8 character split across chunks stays whole; a too-long line is refused early', async () => {
  const bytes = Buffer.from('{"a":"磁盘"}\n\n{"b":1}');
  const chunks = Array.from({ length: bytes.length }, (_, i) => bytes.subarray(i, i + 1));
  const lines = [];
  for await (const batch of readLines(Readable.from(chunks), 100)) lines.push(...batch);
  assert.deepEqual(lines, [{ lineNo: 1, text: '{"a":"磁盘"}' }, { lineNo: 2, text: '' }, { lineNo: 3, text: '{"b":1}' }]);
  let pulled = 0;
  const endless = Readable.from((function* () {
    for (;;) {
      pulled++;
      yield Buffer.alloc(1024, 0x78);
    }
  })());
  await assert.rejects(async () => {
    for await (const _ of readLines(endless, 10 * 1024)) assert.fail('no line');
  }, (error: unknown) => error instanceof LineTooLongError && error.lineNo === 1);
  assert.ok(pulled <= 12, `stopped after ${pulled} chunks`);
});

test('replay streams: a summary without holding the samples', () => {
  const { summary } = replay(parseTrace(`${GOOD}\n{"time":"2026-03-01T02:00:05Z","cpu":2}`, 't.jsonl'), testConfig());
  assert.deepEqual([summary.samples, summary.fromMs, summary.toMs], [2, Date.UTC(2026, 2, 1, 2), Date.UTC(2026, 2, 1, 2, 0, 5)]);
});
