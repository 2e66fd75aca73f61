// The palette's keyboard handling as a pure reducer: a key in, the next palette state and at most one action out.
// Two steps for "set threshold" without a typed number: pick the command, then type the value.
import type { UiAction } from '../ui-action.js';
import { filterPalette, type PaletteCommand, type PaletteItem } from './palette.js';

export interface PaletteState {
  query: string;
  selected: number;
  /** Second step: typing the value for a rule's threshold. */
  prompt?: { ruleId: string; ruleName: string; current: string; input: string };
}

export const EMPTY_PALETTE: PaletteState = { query: '', selected: 0 };

export interface PaletteKey {
  /** blessed key.full: enter, escape, up, down, backspace, C-n, ... */
  full?: string;
  /** The typed character, for printable keys. */
  ch?: string;
}

export type PaletteOutcome = { state: PaletteState } | { close: true; run?: UiAction };

function isPrintable(ch: string | undefined): ch is string {
  return ch !== undefined && ch.length >= 1 && !/[\x00-\x1f\x7f]/.test(ch);
}

export function paletteKey(state: PaletteState, key: PaletteKey, commands: readonly PaletteCommand[]): PaletteOutcome {
  if (key.full === 'escape') return { close: true };
  if (state.prompt) return promptKey(state, state.prompt, key);
  const items = filterPalette(state.query, commands);
  switch (key.full) {
    case 'enter':
    case 'return': {
      const item: PaletteItem | undefined = items[Math.min(state.selected, items.length - 1)];
      if (!item) return { state };
      if (item.action.kind === 'setThreshold' && item.action.value === undefined && item.command.valueFor) {
        return { state: { ...state, prompt: { ...item.command.valueFor, input: '' } } };
      }
      return { close: true, run: item.action };
    }
    case 'up':
    case 'C-p':
    case 'C-k':
      return { state: { ...state, selected: Math.max(0, state.selected - 1) } };
    case 'down':
    case 'C-n':
    case 'C-j':
    case 'tab':
      return { state: { ...state, selected: Math.min(Math.max(0, items.length - 1), state.selected + 1) } };
    case 'backspace':
      return { state: { query: state.query.slice(0, -1), selected: 0 } };
    case 'C-u':
      return { state: EMPTY_PALETTE };
  }
  if (isPrintable(key.ch)) return { state: { query: state.query + key.ch, selected: 0 } };
  return { state };
}

function promptKey(state: PaletteState, prompt: NonNullable<PaletteState['prompt']>, key: PaletteKey): PaletteOutcome {
  if (key.full === 'enter' || key.full === 'return') {
    const value = Number(prompt.input);
    if (prompt.input.trim() === '' || !Number.isFinite(value)) return { state };
    return { close: true, run: { kind: 'setThreshold', ruleId: prompt.ruleId, value } };
  }
  if (key.full === 'backspace') return { state: { ...state, prompt: { ...prompt, input: prompt.input.slice(0, -1) } } };
  if (key.ch !== undefined && /^[\d.\-]$/.test(key.ch)) return { state: { ...state, prompt: { ...prompt, input: prompt.input + key.ch } } };
  return { state };
}
