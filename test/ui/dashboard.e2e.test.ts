// End to end in a real terminal: tmux runs the real `srvmon` at fixed sizes; capture-pane reads the screen,
// send-keys presses the keys a person would. Each session has its own tmux server (socket), HOME and state dir.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { CLI, isolatedEnv, tempHome } from '../helpers/cli.js';
import { shellQuote, TmuxSession } from './tmux.js';

const home = tempHome();
const sessions: TmuxSession[] = [];
after(() => {
  for (const session of sessions) session.kill();
  home.cleanup();
});

const config = join(home.dir, '.srvmonrc');
// memory above 1% fires at once (a log line); cpu at 50 gives + a known starting point; disks stay out of the way.
writeFileSync(config, 'rules:\n  cpu:\n    threshold: 50\n  memory:\n    threshold: 1\n  disk: false\n');

function start(name: string, cols: number, rows: number, locale: string, extraArgs = '', term = 'xterm-256color'): { session: TmuxSession; stateDir: string; startedMs: number } {
  const stateDir = join(home.dir, `state-${name}`);
  const command = `cd ${shellQuote(home.dir)} && env HOME=${shellQuote(home.dir)} TERM=${term} LANG=${locale} LC_ALL= LC_CTYPE= ${shellQuote(process.execPath)} ${shellQuote(CLI)} --config ${shellQuote(config)} --state-dir ${shellQuote(stateDir)} ${extraArgs}`;
  const session = new TmuxSession(command, cols, rows, isolatedEnv(home.dir), join(home.dir, `exit-${name}`));
  sessions.push(session);
  return { session, stateDir, startedMs: Date.now() };
}

/** The CPU chart title carries the newest CPU reading once the first sample is in. */
const hasData = (screen: string): boolean => /CPU % \d+\.\d%/.test(screen) && /\d\d:\d\d:\d\d\s*$/m.test(screen);
const overrides = (stateDir: string): Record<string, number> =>
  (JSON.parse(readFileSync(join(stateDir, 'state.json'), 'utf8')) as { overrides: Record<string, number> }).overrides;

// One at a time: the first test times the first frame, which three dashboards starting at once on two cores would
// measure as CPU contention rather than as srvmon's start.
describe('dashboard in tmux', { concurrency: false }, () => {
  test('80x24: charts, keys m t + Ctrl+P, resize to 30x8 and back, q exits 0', async () => {
    const { session, stateDir, startedMs } = start('main', 80, 24, 'C.UTF-8');
    await session.waitFor((s) => s.includes('RULES'), 3000, 'the first frame');
    const frameMs = Date.now() - startedMs;
    await session.waitFor((s) => /Memory % \d/.test(s), 3000, 'the first sample');
    console.log(`# first frame after ${frameMs} ms, first sample after ${Date.now() - startedMs} ms`);
    const firstData = await session.waitFor(hasData, 3000, 'the first frame with data');
    const firstFrameMs = Date.now() - startedMs;
    assert.match(firstData, /CPU % \d/);
    // The alert reaches the log once its evidence (top processes) is taken, a moment after the sample that fired it.
    const first = await session.waitFor((s) => hasData(s) && /FIRING Memory/.test(s), 3000, 'the firing memory alert in the log');
    console.log(`# time to first frame with data: ${firstFrameMs} ms`);
    assert.ok(firstFrameMs < 2500, `first data after ${firstFrameMs} ms`);
    assert.match(first, /srvmon · /, 'title bar');
    assert.match(first, /RULES/);
    assert.match(first, /Memory % /, 'memory chart title');
    assert.match(first, /[\u2800-\u28ff]/, 'braille chart drawn');
    assert.match(first, /^\s+50 /m, 'y axis label');
    assert.match(first, /▶ CPU\s+[\d.]+%\s+50%\s/, 'selected CPU row with value and threshold');
    assert.match(first, /Memory\s+[\d.]+%\s+1%\s+WARN/, 'memory row firing');
    assert.match(first, /ALERT LOG/);
    assert.match(first, /FIRING Memory/, 'the firing memory alert in the log');
    assert.match(first, /Ctrl\+P commands · \? help/);
    assert.match(first, /WARN 1/, 'status bar counts');

    // The charts move: the clock and the newest time label advance within ~1 s.
    const clock = /(\d\d:\d\d:\d\d) *\n/.exec(first)?.[1];
    await session.waitFor((s) => /(\d\d:\d\d:\d\d) *\n/.exec(s)?.[1] !== clock, 2500, 'the clock to tick');

    session.send('m');
    await session.waitFor((s) => /MUTED (30:00|29:\d\d)/.test(s), 2000, 'MUTED in the status bar');

    session.send('t');
    await session.waitFor((s) => s.includes('no channel is configured'), 2000, 'the no-channel notice in the log');

    session.send('+', true);
    await session.waitFor((s) => /▶ CPU\s+[\d.]+%\s+51%\*/.test(s), 2000, 'CPU threshold 51 marked edited');
    assert.equal(overrides(stateDir).cpu, 51);

    session.send('C-p');
    await session.waitFor((s) => s.includes('Commands') && s.includes('Send test alert'), 2000, 'the palette');
    session.send('cpu threshold 70', true);
    const filtered = await session.waitFor((s) => s.includes('Set CPU threshold to 70'), 2000, 'the filtered palette');
    assert.doesNotMatch(filtered, /Send test alert/, 'the filter hides other commands');
    session.send('Enter');
    await session.waitFor((s) => /▶ CPU\s+[\d.]+%\s+70%\*/.test(s) && !s.includes('Set CPU threshold to 70'), 2000, 'threshold 70 set, palette closed');
    assert.equal(overrides(stateDir).cpu, 70);

    session.resize(30, 8);
    await session.waitFor((s) => s.includes('Terminal too small'), 2000, 'the too-small message');
    session.resize(100, 30);
    const back = await session.waitFor((s) => !s.includes('too small') && s.includes('ALERT LOG') && hasData(s), 2000, 'the layout back');
    assert.match(back, /Ctrl\+P commands · \? help/);
    assert.match(back, /MUTED/);

    session.send('q');
    assert.equal(await session.waitForExit(4000), 0);
  });

  test('LANG=C: the same screen without braille or any non-ASCII character', async () => {
    const { session } = start('ascii', 80, 24, 'C');
    const screen = await session.waitFor(hasData, 3000, 'the first frame with data');
    assert.doesNotMatch(screen, /[\u2800-\u28ff]/, 'no braille');
    const nonAscii = [...screen].filter((ch) => ch.charCodeAt(0) > 0x7e);
    assert.deepEqual(nonAscii, [], 'only ASCII on screen');
    assert.match(screen, /CPU % /);
    assert.match(screen, /^\s*100\s?\|/m, 'ASCII chart y axis');
    assert.match(screen, /\+-{10,}/, 'ASCII chart x axis');
    assert.match(screen, /Ctrl\+P commands - \? help/);
    assert.match(screen, /> CPU/, 'selected row marker');
    session.send('C-c');
    assert.equal(await session.waitForExit(4000), 0);
  });

  test('200x60: full layout, pause, threshold keys, palette mute, help', async () => {
    const { session } = start('large', 200, 60, 'C.UTF-8');
    const screen = await session.waitFor(hasData, 3000, 'the first frame with data');
    assert.match(screen, /Memory % /);
    assert.match(screen, /^\s+80 /m, 'all five y labels fit');
    assert.match(screen, /Ctrl\+P commands · \? help/);
    assert.match(screen, /every 1s/, 'the interval has room at 200 columns');
    assert.match(screen, /srvmon [\d.]+% \d+(\.\d)?MB/, 'own CPU and RSS');
    session.send('p');
    const paused = await session.waitFor((s) => s.includes('PAUSED'), 2000, 'PAUSED in the status bar');
    const frozenLabel = /(\d\d:\d\d:\d\d)\s*\n\s*\n\s*Memory %/.exec(paused)?.[1];
    await session.waitFor((s) => /(\d\d:\d\d:\d\d) *\n/.exec(s)?.[1] !== /(\d\d:\d\d:\d\d) *\n/.exec(paused)?.[1], 2500, 'the clock goes on while paused');
    assert.equal(/(\d\d:\d\d:\d\d)\s*\n\s*\n\s*Memory %/.exec(session.screen())?.[1], frozenLabel, 'the chart time labels stay frozen');
    session.send('p');
    await session.waitFor((s) => !s.includes('PAUSED'), 2000, 'unpaused');

    // thresholds: - lowers by 1, > raises by 5, < lowers by 5 (CPU starts at 50 in this config)
    session.send('-', true);
    await session.waitFor((s) => /▶ CPU\s+[\d.]+%\s+49%\*/.test(s), 2000, 'CPU threshold 49');
    session.send('>', true);
    await session.waitFor((s) => /▶ CPU\s+[\d.]+%\s+54%\*/.test(s), 2000, 'CPU threshold 54');
    session.send('<', true);
    await session.waitFor((s) => /▶ CPU\s+[\d.]+%\s+49%\*/.test(s), 2000, 'CPU threshold 49 again');

    // mute for 1h from the palette, then unmute with m
    session.send(':', true);
    await session.waitFor((s) => s.includes('Send test alert'), 2000, 'the palette');
    session.send('mute 1h', true);
    await session.waitFor((s) => /Mute for 1h/i.test(s), 2000, 'the mute entry');
    session.send('Enter');
    await session.waitFor((s) => /MUTED (1:00:00|59:\d\d)/.test(s), 2000, 'muted for an hour');
    session.send('m');
    await session.waitFor((s) => !/MUTED \d/.test(s), 2000, 'unmuted');

    session.send('?', true);
    await session.waitFor((s) => s.includes('Toggle per-core CPU lines') && s.includes('Press any key'), 2000, 'help overlay');
    session.send('Escape');
    await session.waitFor((s) => !s.includes('Press any key'), 2000, 'help closed');
    session.send('q');
    assert.equal(await session.waitForExit(4000), 0);
  });
});

test('a closed terminal (SIGHUP: SSH dropped, tmux pane gone) ends the dashboard instead of leaving it running', async () => {
  const { session } = start('hangup', 80, 24, 'C.UTF-8');
  await session.waitFor(hasData, 3000, 'the first frame with data');
  const shellPid = Number(session.tmux('display-message', '-p', '-t', 'e2e', '#{pane_pid}').trim());
  const srvmonPid = Number(execFileSync('ps', ['-o', 'pid=', '--ppid', String(shellPid)], { encoding: 'utf8' }).trim().split('\n')[0]);
  assert.ok(srvmonPid > 0, 'found the srvmon process');
  session.kill();
  const deadline = Date.now() + 3000;
  const alive = (): boolean => {
    try {
      process.kill(srvmonPid, 0);
      return true;
    } catch {
      return false;
    }
  };
  while (alive() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal(alive(), false, `srvmon ${srvmonPid} still runs after its terminal closed`);
});

for (const term of ['xterm', 'screen', 'screen-256color', 'vt100']) {
  test(`TERM=${term}: the dashboard draws with data and quits cleanly`, async () => {
    const { session } = start(`term-${term}`, 80, 24, 'C.UTF-8', '', term);
    const screen = await session.waitFor(hasData, 4000, 'the first frame with data');
    assert.match(screen, /RULES/);
    assert.match(screen, /ALERT LOG/);
    session.send('q');
    assert.equal(await session.waitForExit(4000), 0);
  });
}
