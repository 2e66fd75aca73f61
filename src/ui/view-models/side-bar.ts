// The side bar ("explorer"): one row per rule with its current value, threshold (and critical), and state.
// Columns are fixed from the right so values line up; the label takes what is left and is cut first.
import type { RuleStatus } from '../../alerts/engine.js';
import type { ThresholdOverrides } from '../../types.js';
import { ruleName, ruleTone, thresholdText, valueText, type RuleTone } from './rule-display.js';
import type { UiLocale, UiStrings } from './strings.js';
import type { Symbols } from './symbols.js';
import { padEndCols, padStartCols, textCols } from './text-width.js';

export interface SideBarRow {
  ruleId: string;
  text: string;
  tone: RuleTone;
  selected: boolean;
  edited: boolean;
}

export interface SideBarInput {
  rules: readonly RuleStatus[];
  overrides: ThresholdOverrides;
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
  return input.rules.map((status, index) => {
    const value = input.values?.[status.rule.metric];
    const tone = ruleTone(status, value !== undefined);
    const edited = input.overrides[status.rule.id] !== undefined;
    const selected = index === input.selectedIndex;
    const stateText = tone === 'noData' ? strings.state.noData : strings.state[tone];
    const threshold = `${thresholdText(status)}${edited ? symbols.edited : ' '}`;
    // Drop the state column, then the threshold, when the bar is narrow: colour still tells the state.
    const columns = [padStartCols(valueText(status, value), VALUE_COLS)];
    let fixed = 2 + VALUE_COLS;
    if (widthCols - fixed >= THRESHOLD_COLS + 1 + 6) {
      columns.push(padStartCols(threshold, THRESHOLD_COLS + 1));
      fixed += THRESHOLD_COLS + 2;
    }
    if (widthCols - fixed >= stateCols + 1 + 6) {
      columns.push(padEndCols(stateText, stateCols));
      fixed += stateCols + 1;
    }
    const labelCols = Math.max(1, widthCols - fixed);
    const marker = selected ? symbols.selected.slice(0, 1) : ' ';
    const text = padEndCols(`${marker} ${padEndCols(ruleName(status, input.locale), labelCols)}${columns.join(' ')}`, widthCols);
    return { ruleId: status.rule.id, text, tone, selected, edited };
  });
}
