// The help overlay in a real terminal (tmux, 80x24, en and zh-CN): a frame around its text, aligned by display
// width; closing it gives back the charts it covered and the side bar's selected row, also when it is opened and
// closed 20 times while the CPU is busy and samples keep redrawing the screen.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { CLI, isolatedEnv, tempHome } from '../helpers/cli.js';
import { textCols } from '../../src/ui/view-models/text-width.js';
import { shellQuote, TmuxSession } from './tmux.js';

const home = tempHome();
const sessions: TmuxSession[] = [];
const burners: ChildProcess[] = [];
after(() => {
  for (const burner of burners) burner.kill('SIGKILL');
  for (const session of sessions) session.kill();
  home.cleanup();
});

const config = join(home.dir, '.srvmonrc');
writeFileSync(config, 'rules:\n  cpu:\n    threshold: 50\n  memory:\n    threshold: 1\n  disk: false\n');

function start(name: string, locale: string): TmuxSession {
  const stateDir = join(home.dir, `state-${name}`);
  const command = `cd ${shellQuote(home.dir)} && env HOME=${shellQuote(home.dir)} TERM=xterm-256color LANG=${locale} LC_ALL= LC_CTYPE= ${shellQuote(process.execPath)} ${shellQuote(CLI)} --config ${shellQuote(config)} --state-dir ${shellQuote(stateDir)}`;
  const session = new TmuxSession(command, 80, 24, isolatedEnv(home.dir), join(home.dir, `exit-${name}`));
  sessions.push(session);
  return session;
}

/** Two processes that keep both cores busy, as on the machine where the blank row was seen. */
function burnCpu(): () => void {
  const started = [0, 1].map(() => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
  burners.push(...started);
  return () => {
    for (const burner of started) burner.kill('SIGKILL');
  };
}

const SIDE_BAR_COLS = 30;
const lines = (screen: string): string[] => screen.split('\n');
/** The display column where a substring starts in a captured line (CJK takes two). */
const colOf = (line: string, index: number): number => textCols(line.slice(0, index));

/** The frame's rows (top border to bottom border) and its left and right display columns on each. */
function frameOf(screen: string): { top: number; bottom: number; sides: [number, number][] } | undefined {
  const rows = lines(screen);
  const top = rows.findIndex((l) => l.includes('┌'));
  const bottom = rows.findIndex((l) => l.includes('└'));
  if (top < 0 || bottom <= top) return undefined;
  const sides = rows.slice(top, bottom + 1).map((l, i): [number, number] => {
    const [open, close] = i === 0 ? ['┌', '┐'] : i === bottom - top ? ['└', '┘'] : ['│', '│'];
    return [colOf(l, l.indexOf(open!)), colOf(l, l.lastIndexOf(close!))];
  });
  return { top, bottom, sides };
}

const selectedRow = (screen: string): string => lines(screen).find((l) => l.startsWith('▶')) ?? '';
const chartArea = (screen: string): string[] => lines(screen).slice(1, 15).map((l) => [...l].slice(SIDE_BAR_COLS).join(''));
const hasData = (screen: string): boolean => /CPU % [\d.]+%/.test(screen) && /▶ CPU\s+[\d.]+%/.test(screen);

describe('help overlay in tmux at 80x24', () => {
  for (const [lang, locale, title, footer, quitText] of [
    ['en', 'C.UTF-8', 'Keys', 'Press any key to close', 'Quit'],
    ['zh-CN', 'zh_CN.UTF-8', '按键', '按任意键关闭', '退出'],
  ] as const) {
    test(`${lang}: framed text, the screen restored on close, 20 open/close cycles under load`, async () => {
      const session = start(lang, locale);
      await session.waitFor(hasData, 4000, 'the first frame with data');
      // Pause the charts so what the overlay covered can be compared before and after.
      session.send('p');
      const paused = await session.waitFor((s) => /PAUSED|已暂停/.test(s), 2000, 'paused');
      const before = chartArea(paused);

      session.send('?', true);
      const open = await session.waitFor((s) => s.includes(footer) && s.includes('└'), 2000, 'the help overlay');
      const frame = frameOf(open);
      assert.ok(frame, `a frame on screen:\n${open}`);
      assert.match(lines(open)[frame.top]!, new RegExp(`┌─ ${title} ─+┐`), 'the title in the top border');
      const [left, right] = frame.sides[0]!;
      for (const [i, side] of frame.sides.entries()) assert.deepEqual(side, [left, right], `row ${frame.top + i} framed at columns ${left} and ${right}:\n${open}`);
      const framed = lines(open).slice(frame.top + 1, frame.bottom);
      for (const text of ['Ctrl+P', 'PgUp/PgDn', quitText, footer]) assert.ok(framed.some((l) => l.includes(text)), `${text} inside the frame`);

      session.send('x', true);
      const closed = await session.waitFor((s) => !s.includes(footer), 2000, 'help closed');
      assert.doesNotMatch(closed, /[┌└┐┘]/, 'no frame left behind');
      assert.match(selectedRow(closed), /▶ CPU\s+[\d.]+%\s+50%/, 'the selected side-bar row is back');
      assert.deepEqual(chartArea(closed), before, 'the chart area is restored');

      session.send('p');
      await session.waitFor((s) => !/PAUSED|已暂停/.test(s), 2000, 'resumed');
      const stopBurning = burnCpu();
      try {
        for (let i = 0; i < 20; i++) {
          session.send('?', true);
          await session.waitFor((s) => s.includes(footer), 3000, `help open (${i})`);
          session.send(i % 2 === 0 ? 'Escape' : 'j');
          const after = await session.waitFor((s) => !s.includes(footer), 3000, `help closed (${i})`);
          assert.doesNotMatch(after, /[┌└┐┘]/, `cycle ${i}: no frame left behind`);
          const row = selectedRow(after);
          assert.match(row, /▶ CPU\s+[\d.]+%/, `cycle ${i}: the selected row shows its text:\n${after}`);
          // Its colours as the terminal holds them: an explicit background, never reverse over the default one.
          const escaped = session.tmux('capture-pane', '-e', '-p', '-t', 'e2e').split('\n').find((l) => l.includes('▶')) ?? '';
          assert.match(escaped, /\x1b\[(?:[0-9;]*;)?4[1-3]m/, `cycle ${i}: the selected row has its own background: ${JSON.stringify(escaped.slice(0, 60))}`);
          assert.doesNotMatch(escaped.slice(0, escaped.indexOf('▶')), /\x1b\[(?:[0-9;]*;)?7m/, `cycle ${i}: no reverse video`);
        }
      } finally {
        stopBurning();
      }
      session.send('q');
      assert.equal(await session.waitForExit(4000), 0);
    });
  }
});
