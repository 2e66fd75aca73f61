// End to end: `srvmon replay` applies the notification policy, so a night's trace shows what the channels would get.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { isolatedEnv, runCli, tempHome } from '../helpers/cli.js';

const home = tempHome();
after(home.cleanup);

/** 22:00 to 06:00 in Shanghai, one sample a minute: CPU high 23:30-00:30, memory high from 01:00, a disk critical at 02:00. */
function nightTrace(): string {
  const start = Date.UTC(2026, 2, 4, 14, 0);
  const lines = Array.from({ length: 8 * 60 }, (_, i) => {
    const hours = i / 60;
    return JSON.stringify({
      time: new Date(start + i * 60_000).toISOString(),
      cpu: hours >= 1.5 && hours < 2.5 ? 97 : 10,
      memory: hours >= 3 ? 92 : 40,
      disk: { '/': hours >= 4 && hours < 4.1 ? 97 : 50 },
    });
  });
  const file = join(home.dir, 'night.jsonl');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

function config(name: string, text: string): string {
  const file = join(home.dir, name);
  writeFileSync(file, text);
  return file;
}

test('a night with quiet hours: only the allowed critical and its recovery, then one digest at 07:30', async () => {
  const rc = config(
    'night.yaml',
    ['channels:', '  webhook:', '    url: http://127.0.0.1:9/hook', '    quietHours:', '      - { from: "23:00", to: "07:30", timezone: Asia/Shanghai, allow: [critical] }', ''].join('\n'),
  );
  const result = await runCli(['replay', nightTrace(), '--json', '--config', rc], { cwd: home.dir, env: isolatedEnv(home.dir) });
  assert.equal(result.code, 0, result.stderr);
  const rows = result.stdout.trim().split('\n').map((line) => JSON.parse(line));
  const sent = rows.filter((row) => row.type === 'notification');
  assert.deepEqual(
    sent.map((row) => [row.time, row.kind, row.rule ?? null, row.afterTrace]),
    [
      ['2026-03-04T18:00:03.000Z', 'single', 'disk:/', false],
      ['2026-03-04T18:06:03.000Z', 'single', 'disk:/', false],
      ['2026-03-04T23:30:00.000Z', 'digest', null, true],
    ],
  );
  const digest = sent[2];
  assert.equal(digest.title, 'digest of 2 alerts held during quiet hours');
  assert.deepEqual(digest.lines, [
    'Held from 03-04 23:32 to 07:30:',
    'WARNING CPU: resolved; fired 03-04 23:32, lasted 58m, peak 97%',
    'WARNING Memory: still firing; since 01:00 (6h30m), peak 92%, now 92%',
  ]);
  assert.deepEqual(rows.at(-1).channels, { webhook: { messages: 3, digests: 1 } });
  const human = await runCli(['replay', nightTrace(), '--config', rc], { cwd: home.dir, env: isolatedEnv(home.dir) });
  assert.match(human.stdout, /2026-03-04T23:30:00\.000Z {2}SEND {7}webhook {2}digest: digest of 2 alerts held during quiet hours \(after the trace ends\)\n {4}Held from/);
  assert.match(human.stdout, /; webhook would get 3 messages \(1 digest\)\n$/);
});

test('a storm stops at the budget: the messages it allows, one summary, one digest when the hour rolls over', async () => {
  // Six rules go up and down every 4 minutes from 10:00 UTC to 11:10 UTC.
  const start = Date.UTC(2026, 2, 4, 10, 0);
  const lines = Array.from({ length: 70 }, (_, i) => {
    const high = Math.floor(i / 2) % 2 === 0;
    return JSON.stringify({ time: new Date(start + i * 60_000).toISOString(), cpu: high ? 99 : 5, memory: high ? 95 : 5, disk: { '/': high ? 93 : 10, '/data': high ? 93 : 10 } });
  });
  const trace = join(home.dir, 'storm.jsonl');
  writeFileSync(trace, `${lines.join('\n')}\n`);
  const rc = config('storm.yaml', ['rules:', '  cpu: { window: 1 }', 'channels:', '  webhook:', '    url: http://127.0.0.1:9/hook', '    maxPerHour: 3', '    groupWait: false', ''].join('\n'));
  const result = await runCli(['replay', trace, '--json', '--config', rc], { cwd: home.dir, env: isolatedEnv(home.dir) });
  assert.equal(result.code, 0, result.stderr);
  const sent = result.stdout.trim().split('\n').map((line) => JSON.parse(line)).filter((row) => row.type === 'notification');
  const before11 = sent.filter((row) => row.time < '2026-03-04T11:00:00.000Z');
  assert.deepEqual(before11.map((row) => row.kind), ['single', 'single', 'single', 'summary'], 'three messages, then one summary, then nothing');
  assert.match(before11[3].lines[0], /^1 more alert on .+: /);
  const atRollover = sent.find((row) => row.time === '2026-03-04T11:00:00.000Z');
  assert.equal(atRollover?.kind, 'digest');
  assert.ok(atRollover.lines.length > 2, 'the digest lists what the budget held');
});
