// The overlays drawn over the layout: the help list and the command palette (VS Code's, top centre). Each is a box
// with a frame and its own background; blessed clears what it covered when it is hidden, and the next render draws
// the panels under it again.
import { blessed, type Box, type Screen } from '../terminal/blessed-lib.js';
import { OVERLAY_STYLE, SELECTION } from '../theme.js';
import type { OverlayFrame, OverlayRow } from '../view-models/overlay-frame.js';

export function createOverlay(screen: Screen, monochrome: boolean): Box {
  return blessed.box({
    parent: screen,
    wrap: false,
    hidden: true,
    tags: true,
    border: { type: 'line' },
    style: monochrome ? { border: {}, label: { bold: true } } : { ...OVERLAY_STYLE, border: { ...OVERLAY_STYLE.border }, label: { fg: OVERLAY_STYLE.fg, bg: OVERLAY_STYLE.bg, bold: true } },
  });
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

export function drawOverlay(box: Box, frame: OverlayFrame, monochrome: boolean): void {
  box.left = frame.rect.left;
  box.top = frame.rect.top;
  box.width = frame.rect.width;
  box.height = frame.rect.height;
  box.setLabel(` ${blessed.escape(frame.title)} `);
  box.setContent(frame.rows.map((row) => rowTag(row, monochrome)).join('\n'));
  box.show();
  box.setFront();
}
