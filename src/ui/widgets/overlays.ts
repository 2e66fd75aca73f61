// The overlays drawn over the layout: the help list and the command palette (VS Code's, top centre). Each is a box
// with a frame and its own background; blessed clears what it covered when it is hidden, and the next render draws
// the panels under it again.
import { blessed, type Box, type Screen } from '../terminal/blessed-lib.js';
import { OVERLAY_STYLE, SELECTION } from '../theme.js';
import type { OverlayFrame, OverlayRow } from '../view-models/overlay-frame.js';
import { textCols, truncateCols } from '../view-models/text-width.js';

// The frame is drawn as text, not with blessed's border: in ASCII mode blessed would switch to the terminal's
// line-drawing charset (ACS), which tmux under LANG=C showed as "lqqk" and "x".
const FRAME = {
  unicode: { topLeft: '┌', topRight: '┐', bottomLeft: '└', bottomRight: '┘', horizontal: '─', vertical: '│' },
  ascii: { topLeft: '+', topRight: '+', bottomLeft: '+', bottomRight: '+', horizontal: '-', vertical: '|' },
} as const;

export interface OverlayOptions {
  /** Fewer than 8 colours (vt100): no background colour, the selection in reverse video. */
  monochrome: boolean;
  ascii: boolean;
}

export function createOverlay(screen: Screen, options: OverlayOptions): Box {
  return blessed.box({ parent: screen, wrap: false, hidden: true, tags: true, style: options.monochrome ? {} : { fg: OVERLAY_STYLE.fg, bg: OVERLAY_STYLE.bg } });
}

function rowTag(row: OverlayRow, monochrome: boolean): string {
  const text = blessed.escape(row.text);
  switch (row.kind) {
    case 'text':
      return text;
    case 'input':
      return monochrome ? `{underline}${text}{/underline}` : `{black-fg}{white-bg}${text}{/white-bg}{/black-fg}`;
    case 'selected':
      return monochrome ? `{inverse}${text}{/inverse}` : `{bold}{${SELECTION.fg}-fg}{${SELECTION.bg}-bg}${text}{/${SELECTION.bg}-bg}{/${SELECTION.fg}-fg}{/bold}`;
  }
}

/** The frame's lines as blessed tags: the title in the top border, every row between two verticals. */
export function framedLines(frame: OverlayFrame, options: OverlayOptions): string[] {
  const f = options.ascii ? FRAME.ascii : FRAME.unicode;
  const inner = frame.rect.width - 2;
  const title = truncateCols(` ${frame.title} `, Math.max(0, inner - 1));
  const top = `${f.topLeft}${f.horizontal}{bold}${blessed.escape(title)}{/bold}${f.horizontal.repeat(Math.max(0, inner - 1 - textCols(title)))}${f.topRight}`;
  const rows = frame.rows.map((row) => `${f.vertical}${rowTag(row, options.monochrome)}${f.vertical}`);
  const blank = `${f.vertical}${' '.repeat(inner)}${f.vertical}`;
  while (rows.length < frame.rect.height - 2) rows.push(blank);
  return [top, ...rows, `${f.bottomLeft}${f.horizontal.repeat(inner)}${f.bottomRight}`];
}

export function drawOverlay(box: Box, frame: OverlayFrame, options: OverlayOptions): void {
  box.left = frame.rect.left;
  box.top = frame.rect.top;
  box.width = frame.rect.width;
  box.height = frame.rect.height;
  box.setContent(framedLines(frame, options).join('\n'));
  box.show();
  box.setFront();
}
