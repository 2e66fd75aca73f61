// A blessed box that shows a BraillePlot by writing its cells straight into the screen buffer (screen.lines), the
// way blessed's own Element.render ends, but without a content string to build, tag-parse and escape-scan on every
// frame: a cell that did not change costs one comparison, and blessed's draw() sends only the changed lines.
import { blessed, type Box, type Screen } from '../terminal/blessed-lib.js';
import type { BraillePlot } from '../view-models/braille-plot.js';
import type { Rect } from '../view-models/layout.js';

/** A cell of blessed's screen buffer: [attr, char]; a line carries a dirty flag for draw(). */
type Cell = [number, string];
type Line = Cell[] & { dirty?: boolean };

interface Coords {
  xi: number;
  xl: number;
  yi: number;
  yl: number;
}

/** blessed's attr word: flags << 18 | fg << 9 | bg; 0x1ff is the terminal's default colour. */
const FG_MASK = 0x1ff << 9;

interface BlessedInternals {
  screen: { lines: Line[] };
  aleft: number;
  atop: number;
  style: object;
  lpos?: Coords;
  _getCoords(get: boolean): Coords | undefined;
  sattr(style: object): number;
}

export function createPlotBox(screen: Screen, rect: Rect, plot: BraillePlot): Box {
  const box = blessed.box({ parent: screen, wrap: false, ...rect });
  const el = box as unknown as BlessedInternals;
  (box as unknown as { render: () => Coords | undefined }).render = function render(): Coords | undefined {
    const coords = el._getCoords(true);
    if (!coords) {
      delete el.lpos;
      return undefined;
    }
    el.lpos = coords;
    const lines = el.screen.lines;
    const dattr = el.sattr(el.style);
    const colourless = dattr & ~FG_MASK;
    const { cols, rows } = plot;
    for (let y = Math.max(0, coords.yi); y < coords.yl; y++) {
      const line = lines[y];
      if (!line) break;
      const r = y - el.atop;
      for (let x = Math.max(0, coords.xi); x < coords.xl; x++) {
        const cell = line[x];
        if (!cell) break;
        const c = x - el.aleft;
        let attr = dattr;
        let ch = ' ';
        if (r < rows && c < cols) {
          const i = r * cols + c;
          ch = plot.charAt(i);
          const colour = plot.color[i] as number;
          // Blank cells keep the box's attr, as blessed-contrib's spaces did.
          if (colour !== 0 && ch !== ' ') attr = colourless | ((colour - 1) << 9);
        }
        if (cell[0] !== attr || cell[1] !== ch) {
          cell[0] = attr;
          cell[1] = ch;
          line.dirty = true;
        }
      }
    }
    return coords;
  };
  return box;
}
