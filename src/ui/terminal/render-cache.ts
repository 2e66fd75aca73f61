// Two cuts in blessed's per-frame work, both found in the dashboard's CPU profile (bench/results.md, "Dashboard"):
// - Screen.render() calls every element's render(), which walks the element's content string again, escape code by
//   escape code (Screen.attrCode), even when nothing in it changed. cacheRendering(box) keeps the cells the box
//   wrote last time and, while its content, place and style are the same, writes those cells again instead: a
//   comparison per cell. (Written again, not skipped: another element, an overlay closing, may have cleared them.)
// - Element.parseContent() re-scans the whole parsed content for escape codes on every render (_parseAttr: its
//   "already done" test compares a string's .attr, which is always undefined). memoParseAttr() keeps the answer
//   per parsed content and default attribute; both are replaced together whenever the content changes.
import { blessed, type Box } from './blessed-lib.js';

type Cell = [number, string];
type Line = Cell[] & { dirty?: boolean };

interface Coords {
  xi: number;
  xl: number;
  yi: number;
  yl: number;
}

interface ElementInternals {
  content: string;
  style: object;
  lpos?: Coords;
  screen: { lines: Line[] };
  render(): Coords | undefined;
  _getCoords(get: boolean): Coords | undefined;
  sattr(style: object): number;
}

/**
 * Makes `box` (no border, no scrolling, no children) write its last cells again while nothing about it changed; and
 * setContent() with the text it already has does nothing (blessed's would clear the box's cells and re-parse), with
 * new text it does not blank the box first.
 */
export function cacheRendering(box: Box): void {
  const el = box as unknown as ElementInternals;
  const render = el.render;
  const setContent = box.setContent;
  box.setContent = function setContentIfChanged(this: Box, text: string): void {
    // noClear: blessed would first blank the box's cells (clearPos), which its next render overwrites every one of
    // anyway (a box without wrapping fills its whole area).
    if (text !== this.content) (setContent as (text: string, noClear: boolean) => void).call(this, text, true);
  };
  let key: { content: string; dattr: number; xi: number; xl: number; yi: number; yl: number } | undefined;
  let attrs = new Int32Array(0);
  let chars: string[] = [];
  el.render = function cachedRender(this: ElementInternals): Coords | undefined {
    const coords = this._getCoords(true);
    const dattr = coords ? this.sattr(this.style) : 0;
    const lines = this.screen.lines;
    if (coords && key && key.content === this.content && key.dattr === dattr && key.xi === coords.xi && key.xl === coords.xl && key.yi === coords.yi && key.yl === coords.yl) {
      const width = coords.xl - coords.xi;
      for (let y = coords.yi; y < coords.yl; y++) {
        const line = lines[y];
        if (!line) continue;
        const row = (y - coords.yi) * width;
        for (let x = coords.xi; x < coords.xl; x++) {
          const cell = line[x];
          if (!cell) continue;
          const attr = attrs[row + x - coords.xi] as number;
          const ch = chars[row + x - coords.xi] as string;
          if (cell[0] !== attr || cell[1] !== ch) {
            cell[0] = attr;
            cell[1] = ch;
            line.dirty = true;
          }
        }
      }
      this.lpos = coords;
      return coords;
    }
    const drawn = render.call(this);
    if (!drawn || drawn.xl <= drawn.xi || drawn.yl <= drawn.yi) {
      key = undefined;
      return drawn;
    }
    const width = drawn.xl - drawn.xi;
    const size = width * (drawn.yl - drawn.yi);
    if (attrs.length !== size) {
      attrs = new Int32Array(size);
      chars = new Array<string>(size);
    }
    for (let y = drawn.yi; y < drawn.yl; y++) {
      const line = lines[y];
      for (let x = drawn.xi; x < drawn.xl; x++) {
        const cell = line?.[x];
        const i = (y - drawn.yi) * width + x - drawn.xi;
        attrs[i] = cell ? cell[0] : 0;
        chars[i] = cell ? cell[1] : ' ';
      }
    }
    key = { content: this.content, dattr, xi: drawn.xi, xl: drawn.xl, yi: drawn.yi, yl: drawn.yl };
    return drawn;
  };
}

interface ParsedLines {
  attrMemo?: { dattr: number; attrs: number[] | undefined };
}

let memoInstalled = false;

/** Once per process: Element._parseAttr answers from its last result while content and default attr are the same. */
export function memoParseAttr(): void {
  if (memoInstalled) return;
  memoInstalled = true;
  const proto = (blessed as { Element: object } as { Element: { prototype: { _parseAttr(lines: ParsedLines): number[] | undefined; sattr(style: object): number; style: object } } }).Element.prototype;
  const parseAttr = proto._parseAttr;
  proto._parseAttr = function memoized(this: typeof proto, lines: ParsedLines): number[] | undefined {
    const dattr = this.sattr(this.style);
    const memo = lines.attrMemo;
    if (memo && memo.dattr === dattr) return memo.attrs;
    const attrs = parseAttr.call(this, lines);
    lines.attrMemo = { dattr, attrs };
    return attrs;
  };
}
