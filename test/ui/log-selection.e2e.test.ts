// End to end: selecting an alert in the log moves the charts to it. A first srvmon runs headless with its wall clock
// 20 minutes behind (libfaketime) and raises the memory alert; a dashboard on the same state dir, in a real tmux
// terminal, starts on the 10m window. `[` selects that alert (the newest in the log): the window must switch to 1h,
// where its episode is emphasised on the memory chart's axis; Esc clears the selection and the emphasis.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { CLI, isolatedEnv, RunningCli, tempHome } from '../helpers/cli.js';
import { WallClockStepper } from '../helpers/faketime.js';
import { shellQuote, TmuxSession } from './tmux.js';

const home = tempHome();
after(home.cleanup);
const config = join(home.dir, '.srvmonrc');
// memory above 1% fires at the first sample, 20 minutes "ago"; the restarted monitor goes on with the same episode.
writeFileSync(config, 'rules:\n  cpu:\n    threshold: 99\n  memory:\n    threshold: 1\n  disk: false\n');
const stateDir = join(home.dir, 'state');
const BEHIND_S = 20 * 60;

/** The x axis row of the chart titled by `title` (the first line below it with a `+---` axis). */
function axisOf(screen: string, title: RegExp): string {
  const lines = screen.split('\n');
  const top = lines.findIndex((l) => title.test(l));
  const axis = lines.find((l, i) => i > top && /\+[-~!@]+/.test(l));
  assert.ok(top >= 0 && axis !== undefined, `chart ${title} and its axis on screen:\n${screen}`);
  return axis;
}

test('[ selects an alert that fired 20 minutes ago: the chart window switches to 1h and marks its episode; Esc clears', async () => {
  const stepper = new WallClockStepper();
  after(() => stepper.cleanup());
  stepper.setOffsetS(-BEHIND_S);
  const first = new RunningCli(['--no-ui', '--json', '--config', config, '--state-dir', stateDir], { cwd: home.dir, env: { ...isolatedEnv(home.dir), ...stepper.env } });
  after(() => first.kill('SIGKILL'));
  await first.waitForLine((line) => line.includes('"firing"') && line.includes('"memory"'), 10_000);
  first.kill('SIGTERM');
  assert.equal((await first.exited).code, 0);

  const command = `cd ${shellQuote(home.dir)} && env HOME=${shellQuote(home.dir)} TERM=xterm-256color LANG=C.UTF-8 LC_ALL= ${shellQuote(process.execPath)} ${shellQuote(CLI)} --ascii --config ${shellQuote(config)} --state-dir ${shellQuote(stateDir)}`;
  const session = new TmuxSession(command, 120, 36, isolatedEnv(home.dir), join(home.dir, 'exit-dashboard'));
  after(() => session.kill());
  const start = await session.waitFor((s) => /CPU % \d+\.\d%.*\[10m\]/.test(s) && /FIRING Memory/i.test(s), 5000, 'the dashboard on 10m with the alert in its log');
  assert.doesNotMatch(axisOf(start, /Memory % .*\[10m\]/), /@/, 'nothing emphasised before a selection');

  session.send('[', true);
  const hour = await session.waitFor((s) => /CPU % .*\[1h\]/.test(s) && /Memory % .*\[1h\]/.test(s), 3000, 'the 1h window after [');
  const marked = axisOf(hour, /Memory % .*\[1h\]/);
  console.log(`# memory axis with the selected episode: ${marked.trim()}`);
  assert.match(marked, /@/, `the selected episode emphasised on the memory axis:\n${hour}`);
  // The selected log line: black on its warning colour (SGR 30 and 43).
  const coloured = session.tmux('capture-pane', '-e', '-p', '-t', 'e2e').split('\n').find((l) => /FIRING Memory/i.test(l)) ?? '';
  assert.match(coloured, /\x1b\[30m\x1b\[43m[^\x1b]*FIRING Memory/i, `the selected line highlighted: ${JSON.stringify(coloured)}`);

  session.send('Escape');
  const cleared = await session.waitFor((s) => /Memory % .*\[1h\]/.test(s) && !axisOf(s, /Memory % .*\[1h\]/).includes('@'), 3000, 'the emphasis gone after Esc');
  assert.match(axisOf(cleared, /Memory % .*\[1h\]/), /~/, 'the episode still marked, no longer emphasised');
  session.send('q');
  await session.waitFor(() => session.exitStatus() !== undefined, 3000, 'the dashboard to quit');
  assert.equal(session.exitStatus(), 0);
});
