// The one-line bars and the "terminal too small" notice: plain boxes whose text comes ready from the view models.
import { blessed, type Box, type Screen } from '../terminal/blessed-lib.js';
import { STATUS_BG, STATUS_FG } from '../theme.js';
import type { Rect } from '../view-models/layout.js';
import type { StatusBar } from '../view-models/status-bar.js';

export interface BarOptions {
  /** Fewer than 8 colours (vt100): bars are drawn in reverse video instead of a background colour. */
  monochrome: boolean;
}

export function createTitleBar(screen: Screen, rect: Rect, options: BarOptions): Box {
  return blessed.box({ parent: screen, wrap: false, ...rect, style: options.monochrome ? { inverse: true } : { fg: 'white', bg: 'black', bold: true } });
}

export function drawTitleBar(box: Box, text: string): void {
  box.setContent(blessed.escape(text));
}

export function createStatusBar(screen: Screen, rect: Rect, options: BarOptions): Box {
  return blessed.box({ parent: screen, wrap: false, ...rect, style: options.monochrome ? { inverse: true } : { fg: 'white', bg: 'blue' } });
}

export function drawStatusBar(box: Box, bar: StatusBar, options: BarOptions): void {
  if (!options.monochrome) {
    box.style.bg = STATUS_BG[bar.tone];
    box.style.fg = STATUS_FG[bar.tone];
  }
  box.setContent(blessed.escape(bar.text));
}

export function createTooSmall(screen: Screen): Box {
  return blessed.box({ parent: screen, top: 0, left: 0, width: '100%', height: '100%', hidden: true, style: { bold: true } });
}

export function place(box: Box, rect: Rect): void {
  box.left = rect.left;
  box.top = rect.top;
  box.width = rect.width;
  box.height = rect.height;
}
