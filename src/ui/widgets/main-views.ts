// The tab row and the body box of the non-chart views: plain boxes whose lines come ready from the view models.
import { blessed, type Box, type Screen } from '../terminal/blessed-lib.js';
import type { Rect } from '../view-models/layout.js';
import type { TableLine } from '../view-models/process-view.js';
import { textCols } from '../view-models/text-width.js';
import type { TabSegment } from '../view-models/views.js';

export function createTabRow(screen: Screen, rect: Rect): Box {
  return blessed.box({ parent: screen, wrap: false, tags: true, ...rect });
}

/** The active tab in reverse video (VS Code's lit editor tab); the others as they are. */
export function drawTabRow(box: Box, segments: readonly TabSegment[], separator: string, widthCols: number): void {
  const used = segments.reduce((sum, s) => sum + textCols(s.text), 0) + Math.max(0, segments.length - 1) * textCols(separator);
  const parts = segments.map((s) => (s.active ? `{inverse}{bold}${blessed.escape(s.text)}{/bold}{/inverse}` : blessed.escape(s.text)));
  box.setContent(parts.join(blessed.escape(separator)) + ' '.repeat(Math.max(0, widthCols - used)));
}

export function createViewBody(screen: Screen, rect: Rect): Box {
  return blessed.box({ parent: screen, wrap: false, tags: true, hidden: true, ...rect });
}

export function drawViewBody(box: Box, lines: readonly TableLine[]): void {
  box.setContent(
    lines
      .map((line) => {
        const text = blessed.escape(line.text);
        if (line.selected) return `{inverse}${text}{/inverse}`;
        return line.header ? `{bold}${text}{/bold}` : text;
      })
      .join('\n'),
  );
}

export function createInfoLine(screen: Screen, rect: Rect): Box {
  return blessed.box({ parent: screen, wrap: false, ...rect });
}
