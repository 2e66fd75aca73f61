// End to end: the real `srvmon replay` over recorded traces.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { CLI, isolatedEnv, runCli, tempHome } from '../helpers/cli.js';
import { HOSTILE_MOUNT } from '../helpers/raw-control.js';

const home = tempHome();
after(home.cleanup);

function trace(name: string, seconds: number, cpuAt: (i: number) => number): string {
  const start = Date.UTC(2026, 2, 1, 2);
  const lines = Array.from({ length: seconds }, (_, i) => JSON.stringify({ time: new Date(start + i * 1000).toISOString(), cpu: cpuAt(i), memory: 40 }));
  const file = join(home.dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

test('2 hours at 95% CPU: one firing, three repeats, one resolved', async () => {
  const file = trace('busy.jsonl', 7200 + 5, (i) => (i < 7200 ? 95 : 5));
  const result = await runCli(['replay', file, '--json'], { cwd: home.dir, env: isolatedEnv(home.dir) });
  assert.equal(result.code, 0, result.stderr);
  const rows = result.stdout.trim().split('\n').map((l) => JSON.parse(l));
  const alerts = rows.filter((r) => r.type === 'alert');
  assert.deepEqual(alerts.map((a) => [a.state, a.notify]), [['firing', true], ['repeat', true], ['repeat', true], ['repeat', true], ['resolved', true]]);
  assert.equal(alerts[0].time, '2026-03-01T02:00:02.000Z', 'fires on the third sample, in the trace time');
  assert.equal(rows.at(-1).type, 'summary');
});

test('an hour flapping every 10 s: at most 4 notifications; human output has a summary', async () => {
  const file = trace('flap.jsonl', 3600, (i) => (Math.floor(i / 10) % 2 === 0 ? 95 : 20));
  const json = await runCli(['replay', file, '--json'], { cwd: home.dir, env: isolatedEnv(home.dir) });
  const alerts = json.stdout.trim().split('\n').map((l) => JSON.parse(l)).filter((r) => r.type === 'alert');
  const sent = alerts.filter((a) => a.notify);
  assert.ok(alerts.length > 300);
  assert.ok(sent.length <= 4 && sent.length >= 2, `sent ${sent.length}`);
  const human = await runCli(['replay', file], { cwd: home.dir, env: isolatedEnv(home.dir) });
  assert.match(human.stdout, /replay: 3600 samples from 2026-03-01T02:00:00.000Z to 2026-03-01T02:59:59.000Z: \d+ events, [2-4] notifications/);
});

test('a bad trace: file and line named, exit 65, no stack trace', async () => {
  const file = join(home.dir, 'bad.jsonl');
  writeFileSync(file, '{"time":"2026-03-01T02:00:00Z","cpu":1}\n{"time":"2026-03-01T02:00:01Z","cpu":"x"}\n');
  const result = await runCli(['replay', file], { cwd: home.dir, env: isolatedEnv(home.dir) });
  assert.equal(result.code, 65);
  assert.equal(result.stderr, `srvmon: ${file}:2: "cpu" must be a percentage 0-100, got "x"\n`);
});

test('a mount named with ESC ] 0;title BEL, SGR, C1 CSI and a newline: no raw control byte reaches stdout', async () => {
  const start = Date.UTC(2026, 2, 1, 2);
  const file = join(home.dir, 'hostile.jsonl');
  const lines = [0, 1, 2].map((i) => JSON.stringify({ time: new Date(start + i * 1000).toISOString(), disk: { [HOSTILE_MOUNT]: i < 2 ? 99 : 10 } }));
  writeFileSync(file, `${lines.join('\n')}\n`);
  const text = await runCliBytes(['replay', file], { cwd: home.dir, env: isolatedEnv(home.dir) });
  assert.equal(text.code, 0, text.stderr);
  assertNoRawControl(text.stdout);
  const rows = text.stdout.toString('utf8').split('\n');
  assert.equal(rows.length, 4, 'firing, resolved, summary and the final newline: no forged line');
  assert.match(rows[0]!, /^2026-03-01T02:00:00\.000Z {2}FIRING .*disk:\/media\/\\x1b\]0;pwned\\x07\\x1b\[41m\\nFIRING {2}critical {2}forged\\x9b2J\{red-fg\}x {2}99% > 95%/);
  const json = await runCliBytes(['replay', file, '--json'], { cwd: home.dir, env: isolatedEnv(home.dir) });
  assert.equal(json.code, 0, json.stderr);
  assertNoRawControl(json.stdout);
  const events = json.stdout.toString('utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(events[0].mountpoint, HOSTILE_MOUNT, 'JSON carries the name itself, escaped once as JSON');
});

test('data errors through the real CLI: exit 65, one short line naming file, line and key, value cut short', async () => {
  const cases: [string, RegExp][] = [
    [`{"time":"2026-03-01T02:00:01Z","cpu":"${'x'.repeat(5 * 1024 * 1024)}"}`, /:2: "cpu" must be a percentage 0-100, got "x{58}…$/],
    ['{"time":1e20,"cpu":5}', /:2: "time" must be between 1970-01-01 and 9999-12-31 .*got 100000000000000000000$/],
    ['{"time":"2026-03-01T02:00:01Z","cpu":1e309}', /:2: "cpu" must be a percentage 0-100, got 1e309 \(beyond the largest number\)$/],
    ['{"time":"2026-03-01T02:00:01Z","cpu":1e308}', /:2: "cpu" must be a percentage 0-100, got 1e\+308$/],
    ['{"time":"2026-03-01T02:00:01Z","disk":{"/":-3}}', /:2: "disk\.\/" must be a percentage 0-100, got -3$/],
    ['{"time":"2026-03-01T02:00:01Z","cpuu":5}', /:2: "cpuu": unknown key \(did you mean "cpu"\?\)$/],
  ];
  for (const [index, [line, expected]] of cases.entries()) {
    const file = join(home.dir, `data-error-${index}.jsonl`);
    writeFileSync(file, `{"time":"2026-03-01T02:00:00Z","cpu":1}\n${line}\n`);
    const result = await runCli(['replay', file], { cwd: home.dir, env: isolatedEnv(home.dir) });
    assert.equal(result.code, 65, `${line.slice(0, 60)}: ${result.stderr.slice(0, 300)}`);
    assert.ok(result.stderr.length < 300, `stderr is ${result.stderr.length} bytes`);
    assert.equal(result.stderr.split('\n').length, 2, 'one line');
    assert.ok(result.stderr.startsWith(`srvmon: ${file}:2: `), result.stderr);
    assert.match(result.stderr.trimEnd(), expected);
  }
});

test('a line longer than 16 MiB (a file without newlines) is refused while reading: exit 65', async () => {
  const file = join(home.dir, 'one-long-line.jsonl');
  writeFileSync(file, `{"time":"2026-03-01T02:00:00Z","cpu":1}\n{"cpu":"${'y'.repeat(17 * 1024 * 1024)}"}\n`);
  const result = await runCli(['replay', file], { cwd: home.dir, env: isolatedEnv(home.dir) });
  assert.equal(result.code, 65, result.stderr.slice(0, 300));
  assert.equal(result.stderr, `srvmon: ${file}:2: the line is longer than 16 MiB (a trace has one sample a line)\n`);
});

test('a 200,000-line trace (38 MB) replays in flat memory: peak RSS about that of a 2,000-line one', async (t) => {
  const small = richTrace('small.jsonl', 2_000);
  const large = richTrace('large.jsonl', 200_000);
  const smallRun = await replayPeakRss(small);
  const largeRun = await replayPeakRss(large);
  t.diagnostic(`peak RSS: 2,000 lines ${smallRun.peakMb} MB, 200,000 lines ${largeRun.peakMb} MB (${largeRun.elapsedMs} ms)`);
  assert.equal(largeRun.summary.samples, 200_000);
  assert.ok(largeRun.summary.events >= 600, `events: ${largeRun.summary.events}`);
  // Read whole, this trace took about 150 MB more than the small one; streamed, the heap settles about 20 MB higher.
  assert.ok(largeRun.peakMb - smallRun.peakMb < 50, `peak grew by ${largeRun.peakMb - smallRun.peakMb} MB`);
});

/** A trace with every kind of key, about 190 bytes a line; CPU alternates 5 minutes at 95%, 5 minutes at 5%. */
function richTrace(name: string, seconds: number): string {
  const start = Date.UTC(2026, 2, 1, 2);
  const lines = Array.from({ length: seconds }, (_, i) =>
    JSON.stringify({
      time: new Date(start + i * 1000).toISOString(), cpu: i % 600 < 300 ? 95 : 5, 'cpu:0': 50, 'cpu:1': 50, memory: 40, swap: 1, load1: 0.5,
      disk: { '/': 71, '/data': 50, '/var/lib/docker': 30 }, 'netRx:eth0': 123456.5, 'netTx:eth0': 654321.25,
    }),
  );
  const file = join(home.dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** Exit code, stderr and stdout as bytes (a raw control byte must not be hidden by decoding). */
function runCliBytes(args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<{ code: number | null; stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out), stderr }));
  });
}

function assertNoRawControl(bytes: Buffer): void {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    assert.ok(b === 0x0a || (b >= 0x20 && b !== 0x7f), `raw byte 0x${b.toString(16)} at ${i}`);
    // C1 controls UTF-8 encoded (U+0080-U+009F): C2 80..C2 9F
    assert.ok(!(b === 0xc2 && bytes[i + 1]! >= 0x80 && bytes[i + 1]! <= 0x9f), `raw C1 control at ${i}`);
  }
}

/** Replays a trace with the child's own peak RSS (getrusage maxrss) reported on exit. */
async function replayPeakRss(file: string): Promise<{ peakMb: number; elapsedMs: number; summary: { samples: number; events: number } }> {
  const hook = `data:text/javascript,import{writeSync}from'node:fs';process.on('exit',()=>writeSync(2,'maxrss_kb='+process.resourceUsage().maxRSS+'\\n'))`;
  const startedMs = Date.now();
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', hook, CLI, 'replay', file, '--json'], { cwd: home.dir, env: isolatedEnv(home.dir), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (err += d));
    child.on('error', reject);
    child.on('close', (exitCode) => resolve({ code: exitCode, stdout: out, stderr: err }));
  });
  assert.equal(code, 0, stderr);
  const kb = Number(/maxrss_kb=(\d+)/.exec(stderr)?.[1]);
  assert.ok(kb > 0, stderr);
  return { peakMb: Math.round(kb / 1024), elapsedMs: Date.now() - startedMs, summary: JSON.parse(stdout.trim().split('\n').at(-1)!) };
}
