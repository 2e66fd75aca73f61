// The `?` overlay: every key from the one key table, so help can never drift from what the keys do, then the keys
// that only a view has (processes, network).
import type { KeyBinding } from '../keymap.js';
import type { UiStrings } from './strings.js';
import type { Symbols } from './symbols.js';
import { padEndCols, textCols } from './text-width.js';

export function helpLines(keymap: readonly KeyBinding[], strings: UiStrings, symbols: Symbols): string[] {
  const rows = keymap.filter((b) => !b.hidden).map((b) => [(b.helpLabel ?? b.label)(symbols), b.describe(strings)] as const);
  const keyCols = Math.max(...rows.map(([k]) => textCols(k)));
  return [...rows.map(([key, text]) => `${padEndCols(key, keyCols)}  ${text}`), '', ...strings.helpViewKeys, '', strings.helpFooter];
}
