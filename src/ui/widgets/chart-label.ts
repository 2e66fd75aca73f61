// A chart's title, coloured by its rule's state: a firing rule's chart title takes its severity colour.
import { blessed } from '../terminal/blessed-lib.js';
import { fgTag, RULE_TONE_FG } from '../theme.js';
import type { ChartModel } from '../view-models/chart-series.js';

export function chartLabel(model: ChartModel): string {
  const color = model.tone === 'ok' || model.tone === 'noData' ? 'default' : RULE_TONE_FG[model.tone];
  const text = ` ${blessed.escape(model.title)} `;
  return color === 'default' ? `{bold}${text}{/bold}` : `{bold}${fgTag(color, text)}{/bold}`;
}
