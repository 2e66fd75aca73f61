// The alert log as blessed draws it, on a real blessed screen writing to a stream: a colour code or a blessed tag in
// a name must come out as the characters it is made of, in the line's own colour.
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { EN, T0 } from './fixtures.js';
import { blessed } from '../../src/ui/terminal/blessed-lib.js';
import { alertLogLines } from '../../src/ui/view-models/alert-log.js';
import { UNICODE_SYMBOLS } from '../../src/ui/view-models/symbols.js';
import { createLogBox, drawLogBox } from '../../src/ui/widgets/log-box.js';

const WIDTH = 120;

function drawn(message: string): { text: string; attrs: number[] } {
  const output = Object.assign(new PassThrough(), { columns: WIDTH, rows: 4, isTTY: true });
  output.resume();
  const screen = blessed.screen({ input: new PassThrough(), output, terminal: 'xterm-256color', fullUnicode: true, warnings: false, autoPadding: false });
  try {
    const box = createLogBox(screen, { left: 0, top: 0, width: WIDTH, height: 3 });
    const lines = alertLogLines({ entries: [], notices: [{ timeMs: T0, level: 'warning', message }], nowMs: T0, locale: 'en', strings: EN, symbols: UNICODE_SYMBOLS, widthCols: WIDTH });
    drawLogBox(box, 'ALERT LOG', lines, false);
    screen.render();
    const row = (screen as unknown as { lines: [number, string][][] }).lines[1]!;
    const text = row.map((cell) => cell[1]).join('').trimEnd();
    // The attributes of the cells the line covers (past its end is the box's own background).
    return { text, attrs: row.slice(0, text.length).map((cell) => cell[0]) };
  } finally {
    screen.destroy();
  }
}

test('an SGR code in a name is shown as text and does not colour the rest of the line', () => {
  const { text, attrs } = drawn('cannot read /mnt/\u001b[41mred-background');
  assert.match(text, /! cannot read \/mnt\/\\x1b\[41mred-background$/);
  assert.equal(new Set(attrs).size, 1, 'one colour across the line');
});

test('blessed tags in a name are not interpreted', () => {
  const { text, attrs } = drawn('cannot read /mnt/{red-fg}tagged{/red-fg}{bold}');
  assert.match(text, /! cannot read \/mnt\/\{red-fg\}tagged\{\/red-fg\}\{bold\}$/);
  assert.equal(new Set(attrs).size, 1, 'one colour across the line');
});
