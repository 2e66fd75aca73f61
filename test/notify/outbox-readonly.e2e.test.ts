// End to end with the real srvmon process, a real read-only state dir (a bind mount remounted `ro` while srvmon runs:
// chmod does not stop root) and a real HTTP receiver on 127.0.0.1 counting POSTs: a notification accepted while its
// outbox file cannot be removed is posted once, not in a loop, and srvmon says once that it may come again after a
// restart.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { isolatedEnv, RunningCli, tempHome } from '../helpers/cli.js';
import { closeRecorders, startRecorder, type RecordedRequest } from '../helpers/http-recorder.js';

const home = tempHome();
const mounts: string[] = [];
const clis: RunningCli[] = [];
after(async () => {
  for (const cli of clis) {
    cli.kill('SIGKILL');
    await cli.exited;
  }
  for (const target of mounts) execFileSync('umount', [target]);
  await closeRecorders();
  home.cleanup();
});

/** Polls a condition (a positive signal: requests arriving) until it holds; fails after timeoutMs. */
async function until(what: string, condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function postsById(requests: RecordedRequest[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const request of requests) {
    const id = (JSON.parse(request.body) as { id: string }).id;
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

test('a read-only state dir: each accepted notification is posted once, with one warning, and srvmon goes on', async () => {
  // The receiver holds its answer to the first POST until the state dir has become read-only.
  let heldAnswer: ServerResponse | null = null;
  const recorder = await startRecorder((_request, res) => {
    if (heldAnswer === null) heldAnswer = res;
    else res.writeHead(200).end('ok');
  });
  const stateDir = join(home.dir, 'state');
  mkdirSync(stateDir);
  execFileSync('mount', ['--bind', stateDir, stateDir]);
  mounts.push(stateDir);
  const config = join(home.dir, 'readonly.yaml');
  // groupWait: false: one POST per notification, counted by its id (grouping is tested in test/cli/policy-grouping).
  writeFileSync(config, ['rules:', '  memory: { threshold: 1, repeat: 1s }', '  cpu: false', '  disk: false', 'channels:', '  webhook:', `    url: ${recorder.baseUrl}/hook`, '    timeout: 5s', '    groupWait: false', ''].join('\n'));
  const cli = new RunningCli(['--no-ui', '--json', '--config', config, '--state-dir', stateDir], { cwd: home.dir, env: isolatedEnv(home.dir) });
  clis.push(cli);

  await until('the first POST', () => heldAnswer !== null, 5000);
  execFileSync('mount', ['-o', 'remount,bind,ro', stateDir]);
  (heldAnswer as ServerResponse | null)?.writeHead(200).end('ok');

  // Positive signal: srvmon reports three deliveries (the first and two 1 s repeats), or the first came back.
  const firstId = (JSON.parse(recorder.requests[0].body) as { id: string }).id;
  const deliveryLines = () => cli.lines.filter((l) => l.includes('"type":"delivery"')).length;
  await until('three deliveries', () => deliveryLines() >= 3 || (postsById(recorder.requests).get(firstId) ?? 0) > 1, 15_000);
  const counts = postsById(recorder.requests);
  assert.equal(counts.get(firstId), 1, `the first notification was posted ${counts.get(firstId)} times`);
  assert.ok([...counts.values()].every((n) => n === 1), JSON.stringify([...counts]));

  const warnings = cli.json().filter((l) => l.type === 'notice' && l.level === 'warning').map((l) => String(l.message));
  const removeWarnings = warnings.filter((w) => w.includes('may be sent again after a restart'));
  assert.equal(removeWarnings.length, 1, warnings.join('\n'));
  assert.match(removeWarnings[0], /EROFS/);
  const deliveries = cli.json().filter((l) => l.type === 'delivery');
  assert.ok(deliveries.length >= 3 && deliveries.every((d) => d.ok === true), JSON.stringify(deliveries));
  assert.ok(!cli.stderr.includes('internal error'), cli.stderr);

  cli.kill();
  assert.equal((await cli.exited).code, 0);
});
