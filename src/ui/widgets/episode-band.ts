// The row that marks alert episodes under the braille chart: one character per text cell in the severity's colour,
// blank where no rule of the chart fired. (ASCII mode marks them on its x axis with characters of their own.)
import type { Severity } from '../../types.js';
import { blessed } from '../terminal/blessed-lib.js';
import { fgTag, RULE_TONE_FG } from '../theme.js';

/** Critical heavier than warning, so the two differ without colour too. */
export const BAND_CHARS: Record<Severity, string> = { warning: '━', critical: '▀' };

export function bandRowTagged(cells: readonly (Severity | null)[], chars: Record<Severity, string> = BAND_CHARS): string {
  let out = '';
  let run = '';
  let runSeverity: Severity | null = null;
  const flush = (): void => {
    out += runSeverity === null ? run : fgTag(RULE_TONE_FG[runSeverity], blessed.escape(run));
    run = '';
  };
  for (const severity of cells) {
    if (severity !== runSeverity) {
      flush();
      runSeverity = severity;
    }
    run += severity === null ? ' ' : chars[severity];
  }
  flush();
  return out;
}
