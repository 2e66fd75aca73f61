// End to end with the real srvmon process and a real HTTP receiver on 127.0.0.1 counting POSTs: two SIGHUPs 200 ms
// apart while a slow delivery is in flight (each reload rebuilds the channels) still deliver every notification once.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { delay, isolatedEnv, RunningCli, tempHome } from '../helpers/cli.js';
import { closeRecorders, startRecorder } from '../helpers/http-recorder.js';

const home = tempHome();
const clis: RunningCli[] = [];
after(async () => {
  for (const cli of clis) {
    cli.kill('SIGKILL');
    await cli.exited;
  }
  await closeRecorders();
  home.cleanup();
});

/** Polls a condition (a positive signal: lines or requests arriving) until it holds; fails after timeoutMs. */
async function until(what: string, condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await delay(20);
  }
}

test('two SIGHUPs 200 ms apart during a slow delivery: every notification is delivered once', async () => {
  let heldAnswer: ServerResponse | null = null;
  const recorder = await startRecorder((_request, res) => {
    if (heldAnswer === null) heldAnswer = res; // the first delivery is slow: answered when the test says
    else res.writeHead(200).end('ok');
  });
  const postsOf = (id: string) => recorder.requests.filter((r) => (JSON.parse(r.body) as { id: string }).id === id).length;
  const config = join(home.dir, 'storm.yaml');
  // groupWait: false: one POST per notification, so each can be counted by its id (grouping is tested elsewhere).
  writeFileSync(config, ['rules:', '  memory: { threshold: 1, repeat: 1s }', '  cpu: false', '  disk: false', 'channels:', '  webhook:', `    url: ${recorder.baseUrl}/hook`, '    timeout: 10s', '    groupWait: false', ''].join('\n'));
  const cli = new RunningCli(['--no-ui', '--json', '--config', config, '--state-dir', join(home.dir, 'state')], { cwd: home.dir, env: isolatedEnv(home.dir) });
  clis.push(cli);
  const alertIds = () => cli.json().filter((l) => l.type === 'alert' && l.notify === true).map((l) => String(l.id));

  await until('the first POST', () => heldAnswer !== null, 5000);
  cli.kill('SIGHUP');
  await delay(200);
  cli.kill('SIGHUP');
  // Notifications queue up behind the slow one while both reloads wait for it.
  await until('two more notifications queued', () => alertIds().length >= 3, 5000);
  (heldAnswer as ServerResponse | null)?.writeHead(200).end('ok');

  await until('both reloads', () => cli.lines.filter((l) => l.includes('"configuration reloaded"')).length === 2, 5000);
  const before = alertIds();
  // Positive signal: a notification raised after both reloads is delivered; everything before it was sent by then.
  await until('a later notification delivered', () => {
    const later = alertIds().filter((id) => !before.includes(id));
    return later.some((id) => cli.lines.some((l) => l.includes('"type":"delivery"') && l.includes(id)));
  }, 10_000);
  assert.deepEqual(before.map(postsOf), before.map(() => 1), `POSTs per notification: ${before.map(postsOf).join(', ')}`);
  assert.ok(!cli.stderr.includes('internal error'), cli.stderr);
  cli.kill();
  assert.equal((await cli.exited).code, 0);
});
