// One owner, many views, with real processes: an agent (`srvmon --no-ui --json`), the CLI (status, mute, unmute,
// test-alert) and the dashboard in tmux, all on one state dir, talking over the real Unix socket.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { CLI, isolatedEnv, runCli, RunningCli, tempHome } from '../helpers/cli.js';
import { closeRecorders, startRecorder } from '../helpers/http-recorder.js';
import { shellQuote, TmuxSession } from '../ui/tmux.js';

const home = tempHome();
after(home.cleanup);
const env = isolatedEnv(home.dir);
const isMemoryAlert = (line: string): boolean => line.includes('"type":"alert"') && line.includes('"rule":"memory"');

/** memory above 1% fires at once; cpu at 50 gives + a known starting point (cpuRule false: out of the way). */
function agentConfig(name: string, extra = '', cpuRule = '\n    threshold: 50'): { rc: string; stateDir: string; args: string[] } {
  const rc = join(home.dir, `${name}.yaml`);
  const stateDir = join(home.dir, `state-${name}`);
  writeFileSync(rc, `stateDir: ${stateDir}\nrules:\n  cpu:${cpuRule}\n  memory:\n    threshold: 1\n  disk: false\n${extra}`);
  return { rc, stateDir, args: ['--config', rc] };
}

async function startAgent(args: string[]): Promise<RunningCli> {
  const agent = new RunningCli(['--no-ui', '--json', ...args], { cwd: home.dir, env });
  after(() => agent.kill('SIGKILL'));
  await agent.waitForLine((l) => l.includes('"type":"start"'), 5000);
  await agent.waitForLine((l) => l.includes('control socket'), 5000);
  return agent;
}

async function statusJson(args: string[]): Promise<Record<string, any>> {
  const result = await runCli(['status', '--json', ...args], { cwd: home.dir, env });
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout);
}

describe('attach', { concurrency: false }, () => {
  test('status: exit 69 with one line when nothing runs; the owner\'s state when it does', async () => {
    const { args } = agentConfig('status');
    const none = await runCli(['status', ...args], { cwd: home.dir, env });
    assert.equal(none.code, 69);
    assert.match(none.stderr, /^srvmon: no srvmon is running for .*state-status/);
    assert.equal(none.stderr.trim().split('\n').length, 1);
    const agent = await startAgent(args);
    await agent.waitForLine(isMemoryAlert, 5000);
    const status = await statusJson(args);
    assert.equal(status.pid, agent.child.pid);
    assert.equal(status.mute, null);
    const memory = status.rules.find((r: { id: string }) => r.id === 'memory');
    assert.deepEqual([memory.state, memory.severity, memory.threshold], ['firing', 'warning', 1]);
    assert.ok(memory.value > 1);
    assert.deepEqual(status.channels, []);
    const text = await runCli(['status', ...args], { cwd: home.dir, env });
    assert.match(text.stdout, new RegExp(`pid ${agent.child.pid}`));
    assert.match(text.stdout, /memory\s+FIRING warning/);
  });

  test('a second agent on the same state dir exits 75 naming the holder', async () => {
    const { args } = agentConfig('second');
    const agent = await startAgent(args);
    const second = await runCli(['--no-ui', ...args], { cwd: home.dir, env, timeoutMs: 10_000 });
    assert.equal(second.code, 75);
    assert.match(second.stderr, new RegExp(`^srvmon: .*state-second is in use by srvmon pid ${agent.child.pid} \\(running since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d\\); "srvmon" attaches to it, "srvmon status" shows it\\n$`));
  });

  test('srvmon mute and unmute act on the agent, which persists the mute across a SIGHUP', async () => {
    const { args, stateDir } = agentConfig('mute');
    const agent = await startAgent(args);
    const muted = await runCli(['mute', '1h', ...args], { cwd: home.dir, env });
    assert.equal(muted.code, 0, muted.stderr);
    assert.match(muted.stdout, /^muted until \d{4}-.*Z \(srvmon pid \d+\)/);
    await agent.waitForLine((l) => l.includes('"type":"mute"') && l.includes('"state":"muted"'), 3000);
    agent.kill('SIGHUP');
    await agent.waitForLine((l) => l.includes('configuration reloaded'), 5000);
    const saved = JSON.parse(readFileSync(join(stateDir, 'state.json'), 'utf8'));
    assert.ok(saved.mute && saved.mute.untilMs > Date.now() + 50 * 60_000, 'the mute is in state.json after the reload');
    assert.ok((await statusJson(args)).mute.until);
    const unmuted = await runCli(['unmute', ...args], { cwd: home.dir, env });
    assert.equal(unmuted.code, 0, unmuted.stderr);
    assert.equal((await statusJson(args)).mute, null);
    const bad = await runCli(['mute', 'soon', ...args], { cwd: home.dir, env });
    assert.equal(bad.code, 64);
    assert.match(bad.stderr, /mute: .*"soon"/);
  });

  test('srvmon mute --rule mutes one rule of the agent: its transitions are recorded muted while the others notify', async () => {
    // memory fires at once (threshold 1), cpu almost surely (0.01% of all cores over a window); both repeat every 1s.
    const rc = join(home.dir, 'rulemute.yaml');
    const stateDir = join(home.dir, 'state-rulemute');
    writeFileSync(rc, `stateDir: ${stateDir}\ninterval: 250ms\nrules:\n  cpu:\n    threshold: 0.01\n    clear: 0\n    repeat: 1s\n  memory:\n    threshold: 1\n    repeat: 1s\n  disk: false\n`);
    const args = ['--config', rc];
    const agent = await startAgent(args);
    await agent.waitForLine(isMemoryAlert, 5000);
    const bad = await runCli(['mute', '1h', '--rule', 'memroy', ...args], { cwd: home.dir, env });
    assert.equal(bad.code, 64);
    assert.equal(bad.stderr, 'srvmon: mute: unknown rule "memroy"; the rules are cpu, memory\n');

    const muted = await runCli(['mute', '1h', '--rule', 'memory', ...args], { cwd: home.dir, env });
    assert.equal(muted.code, 0, muted.stderr);
    assert.match(muted.stdout, /^muted rule memory until \d{4}-.*Z \(srvmon pid \d+\); "srvmon unmute --rule memory" ends it\n$/);
    const muteLine = await agent.waitForLine((l) => l.includes('"type":"mute"') && l.includes('"rules":["memory"]'), 3000);
    const muteAt = agent.lines.indexOf(muteLine);
    const since = (pred: (line: string) => boolean) => agent.waitForLine((l) => agent.lines.indexOf(l) > muteAt && pred(l), 10_000);
    const memory = JSON.parse(await since((l) => isMemoryAlert(l)));
    assert.deepEqual([memory.state, memory.notify, memory.muted, memory.suppressedBy], ['repeat', false, true, 'mute']);
    const cpu = JSON.parse(await since((l) => l.includes('"type":"alert"') && l.includes('"rule":"cpu"') && l.includes('"notify":true')));
    assert.equal(cpu.muted, false, 'the other rules still notify');

    const status = await statusJson(args);
    assert.deepEqual(status.mute.rules, ['memory']);
    assert.ok(Date.parse(status.mute.until) > Date.now() + 50 * 60_000);
    const byId = Object.fromEntries(status.rules.map((r: { id: string; muted: unknown }) => [r.id, r.muted]));
    assert.deepEqual(byId, { cpu: false, memory: status.mute.until });
    const text = await runCli(['status', ...args], { cwd: home.dir, env });
    assert.match(text.stdout, /^mute: rule memory muted until \d{4}-/m);
    assert.match(text.stdout, /^ {2}memory .* muted until \d{4}-/m);
    const check = await runCli(['check-config', ...args], { cwd: home.dir, env });
    assert.match(check.stdout, /^# muted \(srvmon mute, in .*state-rulemute\): memory until \d{4}-.*Z$/m, 'persisted by the owner');

    const unmuted = await runCli(['unmute', '--rule', 'memory', ...args], { cwd: home.dir, env });
    assert.equal(unmuted.code, 0, unmuted.stderr);
    assert.match(unmuted.stdout, /^unmuted rule memory \(srvmon pid \d+\)\n$/);
    const unmuteLine = await agent.waitForLine((l) => l.includes('"type":"mute"') && l.includes('"state":"unmuted"'), 3000);
    const afterUnmute = agent.lines.indexOf(unmuteLine);
    // The first memory transition evaluated after the unmute: an alert line can follow the unmute line on stdout yet
    // have been decided before it (its evidence is taken in between), so order by the transition's own time.
    const unmutedAtMs = Date.parse(JSON.parse(unmuteLine).time);
    const sent = JSON.parse(
      await agent.waitForLine((l) => agent.lines.indexOf(l) > afterUnmute && isMemoryAlert(l) && Date.parse(JSON.parse(l).time) > unmutedAtMs, 10_000),
    );
    assert.deepEqual([sent.notify, sent.muted], [true, false], 'memory notifies again');
    assert.equal((await statusJson(args)).mute, null);
  });

  test('test-alert goes through the agent; with no agent it never touches the outbox; the queued alert goes out once', async () => {
    // The webhook accepts test alerts and refuses (500) the real one until `up`, so that one stays queued for retries.
    let up = false;
    const recorder = await startRecorder((req, res) => {
      const accept = up || req.body.includes('TEST');
      res.statusCode = accept ? 200 : 500;
      res.end(accept ? 'ok' : 'down');
    });
    after(closeRecorders);
    const { args, stateDir } = agentConfig('test', `channels:\n  webhook:\n    url: ${recorder.baseUrl}/hook\n`, ' false');
    const agent = await startAgent(args);
    await agent.waitForLine((l) => l.includes('"type":"delivery"') && l.includes('"ok":false'), 10_000);
    assert.equal((await statusJson(args)).channels[0].queued, 1);
    const test1 = await runCli(['test-alert', ...args], { cwd: home.dir, env });
    assert.equal(test1.code, 0, test1.stderr + test1.stdout);
    assert.match(test1.stdout, /^through srvmon pid \d+ .*\n✓ webhook \d+ms\n$/);
    await agent.waitForLine((l) => l.includes('"type":"delivery"') && l.includes('"test":true'), 3000);
    assert.equal((await statusJson(args)).channels[0].queued, 1, 'the test did not take the queued notification along');
    // Stop the agent: the queued notification stays on disk; test-alert without an owner sends only the test.
    agent.kill('SIGTERM');
    await agent.exited;
    const outbox = (): string[] => execFileSync('find', [join(stateDir, 'outbox'), '-name', '*.json'], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
    const queuedFiles = outbox();
    assert.equal(queuedFiles.length, 1);
    const posts = recorder.requests.length;
    const test2 = await runCli(['test-alert', ...args], { cwd: home.dir, env });
    assert.equal(test2.code, 0, test2.stderr + test2.stdout);
    assert.equal(recorder.requests.length, posts + 1, 'only the test notification was sent');
    assert.match(recorder.requests.at(-1)!.body, /TEST/);
    assert.deepEqual(outbox(), queuedFiles, 'the queued notification was not sent, moved or removed');
    // The agent back, the receiver up: the queued notification is delivered, exactly once.
    up = true;
    const again = await startAgent(args);
    await again.waitForLine((l) => l.includes('"type":"delivery"') && l.includes('"ok":true') && !l.includes('"test":true'), 30_000);
    assert.equal((await statusJson(args)).channels[0].queued, 0);
    again.kill('SIGTERM');
    await again.exited;
    assert.equal(again.json().filter((e) => e.type === 'delivery' && e.ok === true && e.test !== true).length, 1, 'delivered once');
  });

  test('an unprivileged user is refused with one line naming what to do', async () => {
    const { args, stateDir } = agentConfig('perm');
    await startAgent(args);
    chmodSync(home.dir, 0o755);
    chmodSync(stateDir, 0o755); // let nobody reach the socket file itself: the socket's own mode must refuse
    const sock = join(stateDir, 'control.sock');
    const result = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, CLI, 'status', '--attach', sock], { encoding: 'utf8', env, cwd: '/' });
    assert.equal(result.status, 77, result.stderr);
    assert.match(result.stderr, /^srvmon: permission denied on .*control\.sock: only its owner may attach; set control\.group/);
    assert.equal(result.stderr.trim().split('\n').length, 1);
  });

  test('control.group lets a member of the group attach: the socket is 0660 with that group', async () => {
    const sockDir = join(home.dir, 'run-group');
    mkdirSync(sockDir, { mode: 0o755 });
    chmodSync(sockDir, 0o755);
    chmodSync(home.dir, 0o755);
    const sock = join(sockDir, 'control.sock');
    const { args } = agentConfig('group', `control:\n  socket: ${sock}\n  group: nogroup\n`);
    const agent = await startAgent(args);
    const mode = statSync(sock);
    assert.equal(mode.mode & 0o777, 0o660);
    assert.equal(mode.gid, 65534);
    // A user whose only group is nogroup: attaches and reads the agent's status.
    const member = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, CLI, 'status', '--json', '--attach', sock], { encoding: 'utf8', env, cwd: '/' });
    assert.equal(member.status, 0, member.stderr);
    assert.equal(JSON.parse(member.stdout).pid, agent.child.pid);
  });

  test('a flood of 50 clients connecting and disconnecting does not delay samples', async () => {
    const { args, stateDir } = agentConfig('flood', 'interval: 250ms\n');
    await startAgent(args);
    const sock = join(stateDir, 'control.sock');
    // One well-behaved client records the spacing of live samples while 50 others connect and hang up in a loop.
    const watcher = createConnection({ path: sock });
    const times: number[] = [];
    let buffer = '';
    watcher.on('data', (d: Buffer) => {
      buffer += d;
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (line.includes('"type":"sample"')) times.push(Date.now());
      }
    });
    let stop = false;
    const flooders = Array.from({ length: 50 }, async () => {
      while (!stop) {
        await new Promise<void>((resolve) => {
          const s = createConnection({ path: sock });
          s.on('data', () => s.destroy());
          s.on('error', () => resolve());
          s.on('close', () => resolve());
        });
      }
    });
    while (times.length < 16) await new Promise((resolve) => setTimeout(resolve, 50));
    stop = true;
    await Promise.all(flooders);
    watcher.destroy();
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    const worst = Math.max(...gaps);
    console.log(`# sample spacing under a 50-client flood: median ${gaps.sort((a, b) => a - b)[gaps.length >> 1]} ms, worst ${worst} ms (interval 250 ms)`);
    assert.ok(worst < 1000, `a sample was ${worst} ms late`);
  });

  test('the dashboard attaches: full history, keys act on the agent, and it reattaches after kill -9', async () => {
    const { args, rc, stateDir } = agentConfig('dash');
    void execFileSync;
    let agent = await startAgent(args);
    const command = `cd ${shellQuote(home.dir)} && env HOME=${shellQuote(home.dir)} TERM=xterm-256color LANG=C.UTF-8 ${shellQuote(process.execPath)} ${shellQuote(CLI)} --config ${shellQuote(rc)}`;
    const session = new TmuxSession(command, 120, 40, env, join(home.dir, 'exit-dash'));
    after(() => session.kill());
    const first = await session.waitFor((s) => /agent pid \d+/.test(s) && /CPU % \d+\.\d%/.test(s), 5000, 'the attached dashboard');
    assert.match(first, new RegExp(`agent pid ${agent.child.pid}`));
    // m in the dashboard mutes the agent: its JSON output says so.
    session.send('m', true);
    const muteLine = await agent.waitForLine((l) => l.includes('"type":"mute"') && l.includes('"state":"muted"'), 3000);
    // ...and the agent's state.json keeps that mute across a SIGHUP of the agent.
    const muteAt = agent.lines.indexOf(muteLine);
    agent.kill('SIGHUP');
    await agent.waitForLine((l) => agent.lines.indexOf(l) > muteAt && l.includes('configuration reloaded'), 5000);
    const saved = JSON.parse(readFileSync(join(stateDir, 'state.json'), 'utf8')) as { mute: { untilMs: number } | null };
    assert.ok(saved.mute && saved.mute.untilMs > Date.now() + 25 * 60_000, 'the mute from the dashboard is in the agent\'s state.json');
    // + raises the agent's CPU threshold: status shows it.
    session.send('+', true);
    for (let i = 0; i < 50; i++) {
      const cpu = (await statusJson(args)).rules.find((r: { id: string }) => r.id === 'cpu');
      if (cpu.threshold === 51) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal((await statusJson(args)).rules.find((r: { id: string }) => r.id === 'cpu').threshold, 51);
    // kill -9: the dashboard says so and keeps its picture; a new agent: it reattaches.
    agent.kill('SIGKILL');
    await agent.exited;
    await session.waitFor((s) => /AGENT pid \d+ GONE/.test(s), 5000, 'the lost agent in the status bar');
    agent = await startAgent(args);
    await session.waitFor((s) => new RegExp(`agent pid ${agent.child.pid}`).test(s) && !/GONE/.test(s), 5000, 'the dashboard to reattach');
    session.send('q', true);
    await session.waitForExit(5000);
    assert.equal(session.exitStatus(), 0);
    // q left the agent running.
    assert.equal((await statusJson(args)).pid, agent.child.pid);
  });
});
