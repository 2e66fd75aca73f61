// The side bar ("explorer"): one row per rule with its current value, threshold (and critical), and state; a rule
// muted on its own has a mark after its name. Columns are fixed from the right so values line up; the label takes
// what is left and is cut first.
import type { RuleStatus } from '../../alerts/engine.js';
import type { ThresholdOverrides } from '../../types.js';
import { ruleName, ruleTone, thresholdText, valueText, type RuleTone } from './rule-display.js';
import type { UiLocale, UiStrings } from './strings.js';
import type { Symbols } from './symbols.js';
import { fitLabels } from './label-fit.js';
import { padEndCols, padStartCols, textCols } from './text-width.js';

export interface SideBarRow {
  ruleId: string;
  text: string;
  tone: RuleTone;
  selected: boolean;
  edited: boolean;
  /** Muted on its own (the global mute is in the status bar). */
  muted: boolean;
}

export interface SideBarInput {
  rules: readonly RuleStatus[];
  overrides: ThresholdOverrides;
  /** The rules muted on their own now (activeRuleMutes: not those run out that the monitor has yet to notice). */
  mutedRuleIds?: readonly string[];
  /** The newest sample's values (rule.metric -> value). */
  values: Readonly<Record<string, number>> | undefined;
  selectedIndex: number;
  locale: UiLocale;
  strings: UiStrings;
  symbols: Symbols;
  widthCols: number;
}

const VALUE_COLS = 6;
const THRESHOLD_COLS = 7;

export function sideBarRows(input: SideBarInput): SideBarRow[] {
  const { strings, symbols, widthCols } = input;
  const stateCols = Math.max(...Object.values(strings.state).map(textCols));
  // Drop the state column, then the threshold, when the bar is narrow: colour still tells the state.
  const showThreshold = widthCols - (2 + VALUE_COLS) >= THRESHOLD_COLS + 1 + 6;
  const fixed = 2 + VALUE_COLS + (showThreshold ? THRESHOLD_COLS + 2 : 0);
  const showState = widthCols - fixed >= stateCols + 1 + 6;
  const labelCols = Math.max(1, widthCols - fixed - (showState ? stateCols + 1 : 0));
  const muted = input.rules.map((status) => input.mutedRuleIds?.includes(status.rule.id) ?? false);
  // The mute mark takes the label's last two columns (a space and the mark) in every row, so the marks line up.
  const markCols = muted.includes(true) && labelCols >= 2 + 3 ? 1 + textCols(symbols.muted) : 0;
  // Cut in the middle and kept distinct: two mounts under one long prefix must not read the same.
  const labels = fitLabels(input.rules.map((status) => ruleName(status, input.locale)), labelCols - markCols, symbols.ellipsis);
  return input.rules.map((status, index) => {
    const mark = markCols === 0 ? '' : muted[index] ? ` ${symbols.muted}` : ' '.repeat(markCols);
    const value = input.values?.[status.rule.metric];
    const tone = ruleTone(status, value !== undefined);
    const edited = input.overrides[status.rule.id] !== undefined;
    const selected = index === input.selectedIndex;
    const stateText = tone === 'noData' ? strings.state.noData : strings.state[tone];
    const threshold = `${thresholdText(status)}${edited ? symbols.edited : ' '}`;
    const columns = [padStartCols(valueText(status, value), VALUE_COLS)];
    if (showThreshold) columns.push(padStartCols(threshold, THRESHOLD_COLS + 1));
    if (showState) columns.push(padEndCols(stateText, stateCols));
    const marker = selected ? symbols.selected.slice(0, 1) : ' ';
    const text = padEndCols(`${marker} ${padEndCols(labels[index]!, labelCols - markCols)}${mark}${columns.join(' ')}`, widthCols);
    return { ruleId: status.rule.id, text, tone, selected, edited, muted: muted[index]! };
  });
}
