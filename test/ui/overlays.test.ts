// The help and the palette as blessed draws them on a real blessed screen writing to a stream: a frame, a background
// of their own over every cell they cover, columns aligned by display width in zh-CN, the selected row kept in view,
// and the screen under them back cell for cell once they close.
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { EN, status, ZH } from './fixtures.js';
import { KEYMAP } from '../../src/ui/keymap.js';
import { blessed, type Screen } from '../../src/ui/terminal/blessed-lib.js';
import { OVERLAY_STYLE, SELECTION } from '../../src/ui/theme.js';
import { helpLines } from '../../src/ui/view-models/help-overlay.js';
import { helpFrame, paletteFrame, type OverlayFrame } from '../../src/ui/view-models/overlay-frame.js';
import { filterPalette, paletteCommands } from '../../src/ui/view-models/palette.js';
import { EMPTY_PALETTE } from '../../src/ui/view-models/palette-input.js';
import type { UiStrings } from '../../src/ui/view-models/strings.js';
import { sideBarRows } from '../../src/ui/view-models/side-bar.js';
import { ASCII_SYMBOLS, UNICODE_SYMBOLS } from '../../src/ui/view-models/symbols.js';
import { textCols } from '../../src/ui/view-models/text-width.js';
import { createOverlay, drawOverlay, framedLines } from '../../src/ui/widgets/overlays.js';
import { createSideBar, drawSideBar } from '../../src/ui/widgets/side-bar-box.js';

type Cell = [number, string];
const cellsOf = (screen: Screen): Cell[][] => (screen as unknown as { lines: Cell[][] }).lines;
const bgOf = (attr: number): number => attr & 0x1ff;
const fgOf = (attr: number): number => (attr >> 9) & 0x1ff;
const INVERSE = 8;
const flagsOf = (attr: number): number => attr >> 18;
const COLOR_UNICODE = { monochrome: false, ascii: false };
const COLOR = { black: 0, red: 1, green: 2, yellow: 3, blue: 4, white: 7 } as const;

function withScreen<T>(cols: number, rows: number, fn: (screen: Screen) => T): T {
  const output = Object.assign(new PassThrough(), { columns: cols, rows, isTTY: true });
  output.resume();
  const screen = blessed.screen({ input: new PassThrough(), output, terminal: 'xterm-256color', fullUnicode: true, forceUnicode: true, warnings: false, autoPadding: false });
  try {
    return fn(screen);
  } finally {
    screen.destroy();
  }
}

/** Text of a row of cells as the terminal shows it: blessed keeps the column after a wide character empty. */
function rowText(row: Cell[], from: number, to: number): string {
  let text = '';
  for (let x = from; x < to; x++) {
    const ch = row[x]![1];
    text += ch;
    if (textCols(ch) === 2) x++;
  }
  return text;
}

/** Fills the screen with a busy pattern, as the charts do, so what shows through or stays behind is visible. */
function busyBackground(screen: Screen, cols: number, rows: number): void {
  const line = '⣿⠒x'.repeat(Math.ceil(cols / 3)).slice(0, cols);
  blessed.box({ parent: screen, left: 0, top: 0, width: cols, height: rows, content: Array.from({ length: rows }, () => line).join('\n'), style: { fg: 'cyan' } });
}

function assertFramed(screen: Screen, frame: OverlayFrame, what: string): void {
  const { left, top, width, height } = frame.rect;
  const cells = cellsOf(screen);
  const right = left + width - 1;
  const bottom = top + height - 1;
  assert.equal(cells[top]![left]![1], '┌', `${what}: top left corner`);
  assert.equal(cells[top]![right]![1], '┐', `${what}: top right corner`);
  assert.equal(cells[bottom]![left]![1], '└', `${what}: bottom left corner`);
  assert.equal(cells[bottom]![right]![1], '┘', `${what}: bottom right corner`);
  assert.ok(rowText(cells[top]!, left, right + 1).includes(frame.title), `${what}: the title in the top border`);
  for (let y = top + 1; y < bottom; y++) {
    assert.equal(cells[y]![left]![1], '│', `${what}: left border on row ${y}`);
    assert.equal(cells[y]![right]![1], '│', `${what}: right border on row ${y} (display-width alignment)`);
  }
  for (let y = top; y <= bottom; y++) {
    for (let x = left; x <= right; x++) {
      const [attr, ch] = cells[y]![x]!;
      assert.ok(!'⣿⠒'.includes(ch) || ch === ' ', `${what}: background shows through at ${x},${y}`);
      if (cells[y]![x]![1] === ' ' && y > top && y < bottom && x > left && x < right) {
        // Plain cells carry the overlay's own background; coloured rows (input, selection) carry theirs.
        const bg = bgOf(attr);
        assert.ok([OVERLAY_STYLE.bg, COLOR.white, COLOR[SELECTION.bg]].includes(bg as never), `${what}: background ${bg} at ${x},${y}`);
      }
    }
  }
}

function helpOf(strings: UiStrings, cols: number, rows: number): OverlayFrame {
  return helpFrame(strings.helpTitle, helpLines(KEYMAP, strings, UNICODE_SYMBOLS), cols, rows);
}

for (const [cols, rows] of [[80, 24], [200, 60]] as const) {
  for (const [lang, strings] of [['en', EN], ['zh-CN', ZH]] as const) {
    test(`help ${cols}x${rows} ${lang}: framed, centred, own background, every key row complete, descriptions aligned`, () => {
      const frame = helpOf(strings, cols, rows);
      const lines = helpLines(KEYMAP, strings, UNICODE_SYMBOLS);
      // Every line fits; on a short screen the blank separators are the ones left out.
      assert.deepEqual(frame.rows.map((r) => r.text.trim()), lines.filter((l) => rows >= 60 || l !== '').map((l) => l.trim()));
      assert.ok(frame.rect.left >= 1 && frame.rect.left + frame.rect.width <= cols - 1, 'inside the screen with a column to spare');
      assert.ok(frame.rect.top >= 1 && frame.rect.top + frame.rect.height <= rows - 1);
      assert.ok(Math.abs(frame.rect.left * 2 + frame.rect.width - cols) <= 1, 'centred');
      withScreen(cols, rows, (screen) => {
        busyBackground(screen, cols, rows);
        const box = createOverlay(screen, COLOR_UNICODE);
        drawOverlay(box, frame, COLOR_UNICODE);
        screen.render();
        assertFramed(screen, frame, `help ${lang}`);
        // Every description starts at the same display column, whatever the key and the language.
        const cells = cellsOf(screen);
        const starts = new Set<number>();
        KEYMAP.filter((b) => !b.hidden).forEach((b, i) => {
          const row = cells[frame.rect.top + 1 + i]!;
          const shown = rowText(row, frame.rect.left + 1, frame.rect.left + frame.rect.width - 1);
          const description = b.describe(strings);
          assert.ok(shown.includes(description), `row ${i} shows "${description}": ${shown}`);
          starts.add(textCols(shown.slice(0, shown.indexOf(description))));
        });
        assert.equal(starts.size, 1, `descriptions start at columns ${[...starts].join(', ')}`);
      });
    });
  }
}

test('closing an overlay gives back every cell it covered (text and colours)', () => {
  for (const [cols, rows] of [[80, 24], [200, 60]] as const) {
    withScreen(cols, rows, (screen) => {
      busyBackground(screen, cols, rows);
      const side = createSideBar(screen, { left: 0, top: 1, width: 30, height: 5 });
      const rules = [status('cpu'), status('memory', {}, 'warning')];
      drawSideBar(side, 'RULES', sideBarRows({ rules, overrides: {}, values: { cpu: 99.5, memory: 85 }, selectedIndex: 0, locale: 'en', strings: EN, symbols: UNICODE_SYMBOLS, widthCols: 30 }), false);
      screen.render();
      const before = JSON.stringify(cellsOf(screen));
      const box = createOverlay(screen, COLOR_UNICODE);
      drawOverlay(box, helpOf(ZH, cols, rows), COLOR_UNICODE);
      screen.render();
      assert.notEqual(JSON.stringify(cellsOf(screen)), before, 'the overlay is drawn');
      box.hide();
      screen.render();
      assert.equal(JSON.stringify(cellsOf(screen)), before, `${cols}x${rows}: the screen is back`);
      const commands = paletteCommands(rules, 'en', EN, UNICODE_SYMBOLS);
      drawOverlay(box, paletteFrame(EMPTY_PALETTE, filterPalette('', commands), EN, cols, rows), COLOR_UNICODE);
      screen.render();
      box.hide();
      screen.render();
      assert.equal(JSON.stringify(cellsOf(screen)), before, `${cols}x${rows}: the screen is back after the palette`);
    });
  }
});

const rules = [status('cpu'), status('memory'), status('disk:/data'), status('disk:/var/lib/docker')];

for (const [cols, rows] of [[80, 24], [200, 60], [40, 12]] as const) {
  test(`palette ${cols}x${rows}: framed under the title bar, input row, the selection kept in view to the last command`, () => {
    const commands = paletteCommands(rules, 'zh-CN', ZH, UNICODE_SYMBOLS);
    const items = filterPalette('', commands);
    for (const selected of [0, 5, items.length - 1]) {
      const frame = paletteFrame({ query: '', selected }, items, ZH, cols, rows);
      assert.equal(frame.rect.top, 1);
      assert.ok(frame.rect.top + frame.rect.height <= rows, 'inside the screen');
      assert.ok(frame.rect.width <= Math.min(64, cols - 2));
      assert.equal(frame.rows[0]!.kind, 'input');
      const chosen = frame.rows.filter((r) => r.kind === 'selected');
      assert.equal(chosen.length, 1, `selection ${selected} is shown`);
      assert.ok(chosen[0]!.text.includes(items[selected]!.label.slice(0, 4)), `the selected row is command ${selected}`);
      for (const row of frame.rows) assert.equal(textCols(row.text), frame.rect.width - 2, 'every row fills the inner width');
      withScreen(cols, rows, (screen) => {
        busyBackground(screen, cols, rows);
        const box = createOverlay(screen, COLOR_UNICODE);
        drawOverlay(box, frame, COLOR_UNICODE);
        screen.render();
        assertFramed(screen, frame, `palette ${selected}`);
        const y = frame.rect.top + 1 + frame.rows.indexOf(chosen[0]!);
        const attr = cellsOf(screen)[y]![frame.rect.left + 2]![0];
        assert.deepEqual([bgOf(attr), fgOf(attr), flagsOf(attr) & INVERSE], [COLOR[SELECTION.bg], COLOR[SELECTION.fg], 0], 'selection colours, no reverse video');
      });
    }
  });
}

test('the side bar selection: the state colour as background, black text, no reverse video over the default background', () => {
  withScreen(40, 6, (screen) => {
    const side = createSideBar(screen, { left: 0, top: 0, width: 30, height: 5 });
    const statuses = [status('cpu', {}, 'warning'), status('memory'), status('load', {}, 'critical')];
    for (const [index, bg] of [[0, COLOR.yellow], [1, COLOR.green], [2, COLOR.red]] as const) {
      drawSideBar(side, 'RULES', sideBarRows({ rules: statuses, overrides: {}, values: { cpu: 99, memory: 10, load1PerCore: 3 }, selectedIndex: index, locale: 'en', strings: EN, symbols: UNICODE_SYMBOLS, widthCols: 30 }), false);
      screen.render();
      const row = cellsOf(screen)[1 + index]!;
      assert.match(rowText(row, 0, 30), /▶ \S/, 'the selected row keeps its text');
      for (const [attr] of row.slice(0, 30)) assert.deepEqual([bgOf(attr), fgOf(attr), flagsOf(attr) & INVERSE], [bg, COLOR.black, 0]);
    }
  });
});

test('LANG=C: the frame in ASCII (+ - |), the same size, nothing else outside ASCII', () => {
  const strings = EN;
  const frame = helpFrame(strings.helpTitle, helpLines(KEYMAP, strings, ASCII_SYMBOLS), 80, 24);
  const lines = framedLines(frame, { monochrome: true, ascii: true }).map((l) => l.replace(/\{\/?[a-z-]+\}/g, ''));
  assert.equal(lines.length, frame.rect.height);
  for (const line of lines) {
    assert.equal(line.length, frame.rect.width, line);
    assert.match(line, /^[\x20-\x7e]+$/, `only ASCII: ${line}`);
  }
  assert.match(lines[0]!, /^\+- Keys -+\+$/);
  assert.match(lines.at(-1)!, /^\+-+\+$/);
  for (const line of lines.slice(1, -1)) assert.match(line, /^\|.*\|$/);
});
