// cacheRendering: a box whose text, place and colours stay writes its cached cells again (also over cells something
// else cleared), and draws anew when any of them changes. withoutTmuxProbe: no `tmux -V` while the screen is built.
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { blessed, type Screen } from '../../src/ui/terminal/blessed-lib.js';
import { withoutTmuxProbe } from '../../src/ui/terminal/blessed-startup.js';
import { cacheRendering, memoParseAttr } from '../../src/ui/terminal/render-cache.js';

type Cell = [number, string];

function offScreen(): Screen {
  // A 20x4 terminal nobody reads.
  const output = Object.assign(new PassThrough(), { columns: 20, rows: 4 });
  return blessed.screen({ input: new PassThrough() as unknown as NodeJS.ReadStream, output: output as unknown as NodeJS.WriteStream, terminal: 'xterm', warnings: false });
}

const row = (screen: Screen, y: number, from: number, to: number): string =>
  (screen as unknown as { lines: Cell[][] }).lines[y]!.slice(from, to).map((c) => c[1]).join('');

test('a cached box writes its cells again after something cleared them, and redraws when its text or colour changes', (t) => {
  memoParseAttr();
  const screen = offScreen();
  t.after(() => screen.destroy());
  const box = blessed.box({ parent: screen, left: 2, top: 1, width: 8, height: 2, tags: true, wrap: false });
  cacheRendering(box);
  box.setContent('{red-fg}abc{/red-fg}\nxy');
  screen.render();
  assert.equal(row(screen, 1, 2, 10), 'abc     ');
  const lines = (screen as unknown as { lines: Cell[][] }).lines;
  const red = lines[1]![2]![0];
  // An overlay closing blanks the region (blessed's clearRegion); the next frame must restore the box.
  (screen as unknown as { clearRegion(xi: number, xl: number, yi: number, yl: number): void }).clearRegion(0, 20, 0, 4);
  assert.equal(row(screen, 1, 2, 10), '        ');
  screen.render();
  assert.equal(row(screen, 1, 2, 10), 'abc     ');
  assert.equal(row(screen, 2, 2, 10), 'xy      ');
  assert.equal(lines[1]![2]![0], red, 'with its colour');

  box.setContent('{red-fg}abd{/red-fg}\nxy');
  screen.render();
  assert.equal(row(screen, 1, 2, 10), 'abd     ');
  box.style.bg = 'blue';
  screen.render();
  assert.notEqual(lines[2]![2]![0], red, 'a new background is drawn, not the cached cells');
  box.left = 4;
  screen.render();
  assert.equal(row(screen, 1, 4, 12), 'abd     ');
});

test('withoutTmuxProbe: TMUX is hidden while the screen is built, restored after, and blessed still knows it is in tmux', () => {
  const env: NodeJS.ProcessEnv = { TMUX: '/tmp/tmux-0/default,1,0' };
  const program = { tmux: false, tmuxVersion: 0 };
  let seen: string | undefined = 'unset';
  const screen = withoutTmuxProbe(() => {
    seen = env.TMUX;
    return { program } as unknown as Screen;
  }, env);
  assert.equal(seen, undefined);
  assert.equal(env.TMUX, '/tmp/tmux-0/default,1,0');
  assert.deepEqual((screen as unknown as { program: typeof program }).program, { tmux: true, tmuxVersion: 2 });
  const outside = { tmux: false, tmuxVersion: 2 };
  withoutTmuxProbe(() => ({ program: outside }) as unknown as Screen, {});
  assert.equal(outside.tmux, false, 'outside tmux nothing changes');
});
