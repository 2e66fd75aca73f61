// The side bar: a header row and one row per rule, the selected row on its state's colour, the others in it.
import { blessed, type Box, type Screen } from '../terminal/blessed-lib.js';
import { fgTag, RULE_TONE_FG, selectedRowTag } from '../theme.js';
import type { Rect } from '../view-models/layout.js';
import type { SideBarRow } from '../view-models/side-bar.js';

export function createSideBar(screen: Screen, rect: Rect): Box {
  return blessed.box({ parent: screen, wrap: false, ...rect, tags: true });
}

export function drawSideBar(box: Box, header: string, rows: readonly SideBarRow[], monochrome: boolean): void {
  const lines = rows.map((row) => {
    const text = blessed.escape(row.text);
    if (monochrome) {
      const marked = row.tone === 'warning' || row.tone === 'critical' ? `{bold}${text}{/bold}` : text;
      return row.selected ? `{inverse}${marked}{/inverse}` : marked;
    }
    return row.selected ? selectedRowTag(RULE_TONE_FG[row.tone], text) : fgTag(RULE_TONE_FG[row.tone], text);
  });
  box.setContent([`{bold}${blessed.escape(` ${header}`)}{/bold}`, ...lines].join('\n'));
}
