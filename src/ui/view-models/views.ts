// The main area's views, switched like editor tabs, and the tab row that shows them.
import { padEndCols, textCols } from './text-width.js';
import type { ViewId, ViewStrings } from './view-strings.js';

export type { ViewId } from './view-strings.js';

export const VIEW_ORDER: readonly ViewId[] = ['overview', 'processes', 'network', 'disks'];

/** The view delta steps away from current, wrapping (Tab / Shift+Tab). */
export function cycleView(current: ViewId, delta: number): ViewId {
  const n = VIEW_ORDER.length;
  return VIEW_ORDER[(((VIEW_ORDER.indexOf(current) + delta) % n) + n) % n]!;
}

export interface TabSegment {
  text: string;
  active: boolean;
}

/**
 * The tab row, VS Code's editor tabs: ` 1 Overview │ 2 Processes │ ...`, the active one marked by the widget (reverse
 * video) and, for captured text and monochrome terminals, by brackets. Names shrink to their number when the row is
 * too narrow, so every tab stays reachable by its key.
 */
export function tabRow(active: ViewId, strings: ViewStrings, widthCols: number, separator: string): TabSegment[] {
  const full = VIEW_ORDER.map((id, i) => ({ id, text: `${i + 1} ${strings.tabs[id]}` }));
  const make = (texts: { id: ViewId; text: string }[]): TabSegment[] =>
    texts.map(({ id, text }) => ({ text: id === active ? `[${text}]` : ` ${text} `, active: id === active }));
  let segments = make(full);
  const cols = (s: TabSegment[]): number => s.reduce((sum, seg) => sum + textCols(seg.text), 0) + (s.length - 1) * textCols(separator);
  // Too wide: only the active tab keeps its name.
  if (cols(segments) > widthCols) segments = make(full.map((t, i) => (t.id === active ? t : { id: t.id, text: String(i + 1) })));
  return segments;
}

/** The tab row as one line of plain text, exactly widthCols wide (what tests and monochrome terminals read). */
export function tabRowText(segments: readonly TabSegment[], widthCols: number, separator: string): string {
  return padEndCols(segments.map((s) => s.text).join(separator), widthCols);
}
