// End to end: the real monitor when its terminal goes away, when it cannot draw, when a signal arrives during start,
// and when a bug surfaces: it stops or goes on as it should, and never spins or hides the bug.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { CLI, isolatedEnv, RunningCli, tempHome } from '../helpers/cli.js';
import { shellQuote, TmuxSession } from '../ui/tmux.js';

const home = tempHome();
const sessions: TmuxSession[] = [];
const started: RunningCli[] = [];
after(() => {
  for (const session of sessions) session.kill();
  for (const cli of started) cli.kill('SIGKILL');
  home.cleanup();
});
const env = isolatedEnv(home.dir);
const rc = join(home.dir, '.srvmonrc');
writeFileSync(rc, 'rules:\n  memory:\n    threshold: 1\n  cpu: false\n  disk: false\n');
const CLOCK_TICKS_PER_S = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

/** Runs srvmon in a tmux pane through `exec`, so the pid written to pidFile is srvmon's own. */
function inTmux(name: string, args: string, term = 'xterm-256color'): { session: TmuxSession; pidFile: string } {
  const pidFile = join(home.dir, `${name}.pid`);
  const inner = `echo $$ > ${shellQuote(pidFile)}; exec env HOME=${shellQuote(home.dir)} TERM=${term} ${shellQuote(process.execPath)} ${shellQuote(CLI)} --config ${shellQuote(rc)} --state-dir ${shellQuote(join(home.dir, `state-${name}`))} ${args}`;
  const session = new TmuxSession(`sh -c ${shellQuote(inner)}`, 100, 30, env, join(home.dir, `exit-${name}`));
  sessions.push(session);
  return { session, pidFile };
}

/** State (R, S, Z...) and CPU ticks used (utime + stime) of a process, or null once it is gone. */
function procStat(pid: number): { state: string; ticks: number } | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' '); // after "pid (comm) ": field 3 onwards
  return { state: fields[0], ticks: Number(fields[11]) + Number(fields[12]) };
}

async function waitUntil(pred: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pred()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the terminal', { concurrency: true }, () => {
  for (const mode of ['text', 'json']) {
    test(`--no-ui (${mode}) in a tmux pane whose server is killed: ends within 5 s, no spinning`, async () => {
      const { session, pidFile } = inTmux(`hangup-${mode}`, mode === 'json' ? '--no-ui --json' : '--no-ui');
      await session.waitFor((screen) => /FIRING|"state":"firing"/.test(screen), 5000, 'the first alert on screen');
      const pid = Number(readFileSync(pidFile, 'utf8').trim());
      const before = procStat(pid);
      assert.ok(before && before.state !== 'Z', 'srvmon runs');
      const killedMs = Date.now();
      session.kill(); // tmux kill-server: the pane's terminal hangs up, as when SSH drops
      let last = before;
      const ended = (): boolean => {
        const now = procStat(pid);
        if (now) last = now;
        return now === null || now.state === 'Z';
      };
      try {
        await waitUntil(ended, 5000, 'srvmon to end');
      } finally {
        const cpuS = (last.ticks - before.ticks) / CLOCK_TICKS_PER_S;
        console.log(`# ${mode}: ${ended() ? 'ended' : 'still running'} ${Date.now() - killedMs} ms after the hangup, ${cpuS.toFixed(2)} s of CPU meanwhile`);
        if (!ended()) process.kill(pid, 'SIGKILL');
        assert.ok(cpuS < 1, `used ${cpuS} s of CPU after the hangup`);
      }
      // It stopped the way SIGTERM does: state flushed.
      assert.ok(existsSync(join(home.dir, `state-hangup-${mode}`, 'state.json')));
    });
  }

  test('TERM=dumb: falls back to headless with a notice instead of drawing an unreadable dashboard', async () => {
    const { session, pidFile } = inTmux('dumb', '', 'dumb');
    const screen = await session.waitFor((s) => s.includes('FIRING'), 5000, 'a headless alert line');
    assert.match(screen, /srvmon: TERM=dumb cannot draw the dashboard; running headless \(--no-ui\)/);
    assert.doesNotMatch(screen, /RULES|ALERT LOG/, 'no dashboard');
    process.kill(Number(readFileSync(pidFile, 'utf8').trim()), 'SIGTERM');
    assert.equal(await session.waitForExit(5000), 0);
  });
});

describe('signals during start', { concurrency: true }, () => {
  /** A JS config that takes a second to load and says when it starts: the monitor is mid-start in between. */
  function slowConfig(name: string): { config: string; loading: string } {
    const loading = join(home.dir, `${name}.loading`);
    const config = join(home.dir, `${name}.config.mjs`);
    writeFileSync(
      config,
      `import { writeFileSync } from 'node:fs';\n` +
        `writeFileSync(${JSON.stringify(loading)}, 'x');\n` +
        `await new Promise((resolve) => setTimeout(resolve, 1000));\n` +
        `export default { rules: { memory: { threshold: 1 }, cpu: false, disk: false } };\n`,
    );
    return { config, loading };
  }

  test('SIGHUP while the config loads is kept and applied once running: "configuration reloaded", no exit 129', async () => {
    const { config, loading } = slowConfig('hup');
    const cli = new RunningCli(['--no-ui', '--json', '--config', config, '--state-dir', join(home.dir, 'state-hup')], { cwd: home.dir, env });
    started.push(cli);
    await waitUntil(() => existsSync(loading), 5000, 'the config to start loading');
    cli.kill('SIGHUP');
    cli.kill('SIGHUP'); // two during start are one reload
    const reloaded = JSON.parse(await cli.waitForLine((line) => line.includes('configuration reloaded'), 5000));
    assert.equal(reloaded.type, 'notice');
    assert.ok(cli.lines.some((line) => line.includes('"type":"start"')), 'the monitor started');
    assert.equal(cli.child.exitCode, null, 'still running');
    cli.kill('SIGTERM');
    assert.deepEqual(await cli.exited, { code: 0, signal: null });
    assert.equal(cli.lines.filter((line) => line.includes('configuration reloaded')).length, 1);
  });

  test('SIGTERM while the config loads: a clean stop, exit 0', async () => {
    const { config, loading } = slowConfig('term');
    const cli = new RunningCli(['--no-ui', '--json', '--config', config, '--state-dir', join(home.dir, 'state-term')], { cwd: home.dir, env });
    started.push(cli);
    await waitUntil(() => existsSync(loading), 5000, 'the config to start loading');
    cli.kill('SIGTERM');
    assert.deepEqual(await cli.exited, { code: 0, signal: null });
    assert.equal(cli.stderr, '');
  });
});

test('a bug after start: one line on stderr and exit 70, not a notice and a process that goes on', async () => {
  const config = join(home.dir, 'buggy.config.mjs');
  // The stand-in for a bug in a channel or a view: an exception thrown from a timer, with no one to catch it.
  writeFileSync(
    config,
    `setTimeout(() => { throw new TypeError('planted bug'); }, 1500);\n` +
      `export default { rules: { memory: { threshold: 1 }, cpu: false, disk: false } };\n`,
  );
  const cli = new RunningCli(['--no-ui', '--json', '--config', config, '--state-dir', join(home.dir, 'state-bug')], { cwd: home.dir, env });
  started.push(cli);
  const timer = setTimeout(() => cli.kill('SIGKILL'), 10_000);
  const ended = await cli.exited;
  clearTimeout(timer);
  assert.deepEqual(ended, { code: 70, signal: null });
  assert.match(cli.stderr, /^srvmon: internal error: TypeError: planted bug \(at file:\/\/\S+buggy\.config\.mjs[^:]*:1:\d+\)\n$/);
  assert.ok(cli.lines.every((line) => !line.includes('planted bug')), 'not turned into a notice');
});
