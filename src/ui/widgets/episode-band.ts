// The row that marks alert episodes under the braille chart: one character per text cell in the severity's colour,
// blank where no rule of the chart fired. (ASCII mode marks them on its x axis with characters of their own.)
import type { Severity } from '../../types.js';
import { blessed } from '../terminal/blessed-lib.js';
import { fgTag, RULE_TONE_FG } from '../theme.js';

/** Critical heavier than warning, so the two differ without colour too. */
export const BAND_CHARS: Record<Severity, string> = { warning: '━', critical: '▀' };
/** The episode of the alert selected in the log: a full block, whatever its severity (its colour still says which). */
export const EMPHASIS_CHAR = '█';

export function bandRowTagged(cells: readonly (Severity | null)[], chars: Record<Severity, string> = BAND_CHARS, emphasised: readonly boolean[] = []): string {
  let out = '';
  let run = '';
  let runSeverity: Severity | null = null;
  const flush = (): void => {
    out += runSeverity === null ? run : fgTag(RULE_TONE_FG[runSeverity], blessed.escape(run));
    run = '';
  };
  cells.forEach((severity, i) => {
    if (severity !== runSeverity) {
      flush();
      runSeverity = severity;
    }
    run += severity === null ? ' ' : emphasised[i] ? EMPHASIS_CHAR : chars[severity];
  });
  flush();
  return out;
}
