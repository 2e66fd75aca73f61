// End to end: the real `srvmon replay` over recorded traces.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { isolatedEnv, runCli, tempHome } from '../helpers/cli.js';

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
  assert.equal(result.stderr, `srvmon: ${file}:2: "cpu" must be a number, got "x"\n`);
});
