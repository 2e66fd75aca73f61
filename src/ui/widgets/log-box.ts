// The alert log panel: a header and the newest lines that fit, or older ones when scrolled back (PgUp/PgDn).
import { blessed, type Box, type Screen } from '../terminal/blessed-lib.js';
import { fgTag, LOG_TONE_FG } from '../theme.js';
import type { LogLine } from '../view-models/alert-log.js';
import type { Rect } from '../view-models/layout.js';

export function createLogBox(screen: Screen, rect: Rect): Box {
  return blessed.box({ parent: screen, wrap: false, ...rect, tags: true });
}

export function drawLogBox(box: Box, header: string, shown: readonly LogLine[], monochrome: boolean): void {
  const body = shown.map((line) => {
    const text = blessed.escape(line.text);
    if (monochrome) return line.tone === 'critical' ? `{bold}${text}{/bold}` : text;
    return fgTag(LOG_TONE_FG[line.tone], text);
  });
  box.setContent([`{inverse}${blessed.escape(header)}{/inverse}`, ...body].join('\n'));
}
