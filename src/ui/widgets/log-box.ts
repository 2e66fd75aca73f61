// The alert log panel: a header and the newest lines that fit, or older ones when scrolled back (PgUp/PgDn).
import { blessed, type Box, type Screen } from '../terminal/blessed-lib.js';
import { fgTag, LOG_TONE_FG } from '../theme.js';
import type { LogLine } from '../view-models/alert-log.js';
import type { Rect } from '../view-models/layout.js';

export function createLogBox(screen: Screen, rect: Rect): Box {
  return blessed.box({ parent: screen, wrap: false, ...rect, tags: true });
}

/** selectedAlertId: the line of the log's cursor, drawn in reverse video. */
export function drawLogBox(box: Box, header: string, shown: readonly LogLine[], monochrome: boolean, selectedAlertId?: string): void {
  const body = shown.map((line) => {
    const text = blessed.escape(line.text);
    const styled = monochrome ? (line.tone === 'critical' ? `{bold}${text}{/bold}` : text) : fgTag(LOG_TONE_FG[line.tone], text);
    return selectedAlertId !== undefined && line.alertId === selectedAlertId ? `{inverse}${styled}{/inverse}` : styled;
  });
  box.setContent([`{inverse}${blessed.escape(header)}{/inverse}`, ...body].join('\n'));
}
