// End to end: the day of chart history survives a restart, and `z` switches the chart window. A first srvmon runs
// headless with its wall clock 20 minutes behind (libfaketime), so what it records is clearly "before the restart";
// a second one, a dashboard in a real tmux terminal on the same state dir, must show those minutes on its 1h chart at
// once, with the memory rule's episode (firing since then) marked on the axis.
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { CLI, isolatedEnv, RunningCli, tempHome } from '../helpers/cli.js';
import { WallClockStepper } from '../helpers/faketime.js';
import { shellQuote, TmuxSession } from './tmux.js';

const home = tempHome();
after(home.cleanup);
const config = join(home.dir, '.srvmonrc');
// memory above 1% fires at the first sample: an episode that starts before the restart and goes on after it.
writeFileSync(config, 'rules:\n  cpu:\n    threshold: 50\n  memory:\n    threshold: 1\n  disk: false\n');
const stateDir = join(home.dir, 'state');
const BEHIND_S = 20 * 60;

/** The rows of one chart (from its title to the next blank-titled part), and where its plot starts on the axis row. */
function chartRows(screen: string, title: RegExp): { rows: string[]; axis: string; plotStart: number } {
  const lines = screen.split('\n');
  const top = lines.findIndex((l) => title.test(l));
  assert.ok(top >= 0, `chart ${title} on screen:\n${screen}`);
  const axisAt = lines.findIndex((l, i) => i > top && /\+-*[-~!]+/.test(l));
  assert.ok(axisAt > top, `the x axis of ${title}:\n${screen}`);
  const axis = lines[axisAt]!;
  return { rows: lines.slice(top + 1, axisAt), axis, plotStart: axis.search(/\+[-~!]/) + 1 };
}

test('a restarted monitor shows the minutes before the restart on the 1h chart; z cycles 10m, 1h, 6h, 24h', async () => {
  const stepper = new WallClockStepper();
  after(() => stepper.cleanup());
  stepper.setOffsetS(-BEHIND_S);
  const first = new RunningCli(['--no-ui', '--json', '--config', config, '--state-dir', stateDir], { cwd: home.dir, env: { ...isolatedEnv(home.dir), ...stepper.env } });
  after(() => first.kill('SIGKILL'));
  await first.waitForLine((line) => line.includes('"firing"') && line.includes('"memory"'), 10_000);
  first.kill('SIGTERM');
  assert.equal((await first.exited).code, 0);
  assert.ok(existsSync(join(stateDir, 'rollups.bin')), 'the rollups were written at stop');

  const command = `cd ${shellQuote(home.dir)} && env HOME=${shellQuote(home.dir)} TERM=xterm-256color LANG=C.UTF-8 LC_ALL= ${shellQuote(process.execPath)} ${shellQuote(CLI)} --ascii --config ${shellQuote(config)} --state-dir ${shellQuote(stateDir)}`;
  const session = new TmuxSession(command, 120, 36, isolatedEnv(home.dir), join(home.dir, 'exit-dashboard'));
  after(() => session.kill());
  await session.waitFor((s) => /CPU % \d+\.\d%.*\[10m\]/.test(s), 5000, 'the dashboard with data, 10m window');

  session.send('z');
  const hour = await session.waitFor((s) => /CPU % .*\[1h\]/.test(s) && /Memory % .*\[1h\]/.test(s), 2000, 'the 1h window');
  const cpu = chartRows(hour, /CPU % .*\[1h\]/);
  const plotCols = cpu.axis.length - cpu.plotStart;
  const dataCols = new Set<number>();
  for (const row of cpu.rows) for (let c = cpu.plotStart; c < row.length; c++) if (row[c] === '*') dataCols.add(c - cpu.plotStart);
  const oldest = Math.min(...dataCols);
  // Twenty minutes back in a one-hour window is a third of the way from the right (the newest column holds now); the
  // new run's own data is at the edge.
  const columnMs = Math.ceil(3_600_000 / plotCols);
  const expected = Math.floor(plotCols - 1 - (BEHIND_S * 1000) / columnMs);
  console.log(`# 1h chart: ${plotCols} columns, data from column ${oldest} (the minutes before the restart at ~${expected})`);
  // The minute's bucket starts up to a minute (1.4 columns) before the sample that made it.
  assert.ok(oldest >= expected - 2 && oldest <= expected + 1, `data from column ${oldest}, expected ~${expected}:\n${hour}`);
  // (A redraw just after a column boundary may come before the first sample of the new column.)
  assert.ok(dataCols.has(plotCols - 1) || dataCols.has(plotCols - 2), 'the new samples at the right edge');

  const memory = chartRows(hour, /Memory % .*\[1h\]/);
  const marks = [...memory.axis.slice(memory.plotStart)].map((ch, i) => (ch === '~' ? i : -1)).filter((i) => i >= 0);
  console.log(`# memory episode marked on columns ${marks[0]}-${marks.at(-1)}`);
  assert.ok(marks.length > 0 && marks[0]! >= expected - 1 && marks[0]! <= expected + 1, `the episode from before the restart on the axis:\n${memory.axis}`);
  assert.equal(marks.at(-1), plotCols - 1, 'the episode goes on to now');

  session.send('z');
  await session.waitFor((s) => /CPU % .*\[6h\]/.test(s), 2000, 'the 6h window');
  session.send('z');
  await session.waitFor((s) => /CPU % .*\[24h\]/.test(s), 2000, 'the 24h window');
  session.send('z');
  await session.waitFor((s) => /CPU % .*\[10m\]/.test(s), 2000, 'back to 10m');
  session.send('q');
  await session.waitFor(() => session.exitStatus() !== undefined, 3000, 'the dashboard to quit');
  assert.equal(session.exitStatus(), 0);
});
