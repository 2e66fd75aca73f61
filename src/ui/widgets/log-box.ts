// The alert log panel: a header and the newest lines that fit, or older ones when scrolled back (PgUp/PgDn).
import { blessed, type Box, type Screen } from '../terminal/blessed-lib.js';
import { fgTag, LOG_TONE_FG, selectedRowTag } from '../theme.js';
import type { LogLine } from '../view-models/alert-log.js';
import type { Rect } from '../view-models/layout.js';

export function createLogBox(screen: Screen, rect: Rect): Box {
  return blessed.box({ parent: screen, wrap: false, ...rect, tags: true });
}

/** selectedAlertId: the line of the log's cursor, drawn as the side bar's selected row (black on its colour). */
export function drawLogBox(box: Box, header: string, shown: readonly LogLine[], monochrome: boolean, selectedAlertId?: string): void {
  const body = shown.map((line) => {
    const text = blessed.escape(line.text);
    const selected = selectedAlertId !== undefined && line.alertId === selectedAlertId;
    if (monochrome) {
      const marked = line.tone === 'critical' ? `{bold}${text}{/bold}` : text;
      return selected ? `{inverse}${marked}{/inverse}` : marked;
    }
    return selected ? selectedRowTag(LOG_TONE_FG[line.tone], text) : fgTag(LOG_TONE_FG[line.tone], text);
  });
  box.setContent([`{inverse}${blessed.escape(header)}{/inverse}`, ...body].join('\n'));
}
