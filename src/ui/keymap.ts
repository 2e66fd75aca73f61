// The one key table: the dashboard dispatches from it, the help overlay lists it, the palette shows each entry's key.
// Key names are blessed's `key.full` (C-p, up, S-j) or the typed character for symbols (+, >, ?, :).
import type { UiAction } from './ui-action.js';
import type { UiStrings } from './view-models/strings.js';
import type { Symbols } from './view-models/symbols.js';

export interface KeyBinding {
  keys: readonly string[];
  action: UiAction;
  /** How the keys are written in the help overlay. */
  label: (symbols: Symbols) => string;
  describe: (strings: UiStrings) => string;
  /** Not listed in help (aliases already covered by another row). */
  hidden?: boolean;
  /** The help's key column when one row stands for this binding and a hidden one (`+ -`); the palette keeps label. */
  helpLabel?: (symbols: Symbols) => string;
}

export const KEYMAP: readonly KeyBinding[] = [
  { keys: ['m'], action: { kind: 'toggleMute' }, label: () => 'm', describe: (s) => s.commands.toggleMute },
  { keys: ['t'], action: { kind: 'testAlert' }, label: () => 't', describe: (s) => s.commands.testAlert },
  { keys: ['+', '='], action: { kind: 'nudgeThreshold', delta: 1 }, label: () => '+', helpLabel: () => '+ -', describe: (s) => s.commands.nudge(1) },
  { keys: ['-', '_'], action: { kind: 'nudgeThreshold', delta: -1 }, label: () => '-', describe: (s) => s.commands.lower(1), hidden: true },
  { keys: ['>', '.'], action: { kind: 'nudgeThreshold', delta: 5 }, label: () => '>', helpLabel: () => '> <', describe: (s) => s.commands.nudge(5) },
  { keys: ['<', ','], action: { kind: 'nudgeThreshold', delta: -5 }, label: () => '<', describe: (s) => s.commands.lower(5), hidden: true },
  { keys: ['up', 'k'], action: { kind: 'select', delta: -1 }, label: (y) => `${y.upDown} k/j`, describe: (s) => s.commands.select },
  { keys: ['down', 'j'], action: { kind: 'select', delta: 1 }, label: () => 'down', describe: (s) => s.commands.select, hidden: true },
  { keys: ['pageup'], action: { kind: 'scrollLog', delta: -5 }, label: () => 'PgUp/PgDn', describe: (s) => s.commands.scrollLog },
  { keys: ['pagedown'], action: { kind: 'scrollLog', delta: 5 }, label: () => 'PgDn', describe: (s) => s.commands.scrollLog, hidden: true },
  { keys: ['['], action: { kind: 'selectLogAlert', delta: -1 }, label: () => '[ ]', describe: (s) => s.commands.selectLogAlert },
  { keys: [']'], action: { kind: 'selectLogAlert', delta: 1 }, label: () => ']', describe: (s) => s.commands.selectLogAlert, hidden: true },
  { keys: ['c'], action: { kind: 'togglePerCore' }, label: () => 'c', describe: (s) => s.commands.togglePerCore },
  { keys: ['z'], action: { kind: 'cycleChartWindow' }, label: () => 'z', describe: (s) => s.commands.cycleChartWindow },
  { keys: ['p'], action: { kind: 'togglePause' }, label: () => 'p', describe: (s) => s.commands.togglePause },
  { keys: ['C-p', ':'], action: { kind: 'openPalette' }, label: () => 'Ctrl+P  :', describe: (s) => s.commands.palette },
  { keys: ['?'], action: { kind: 'toggleHelp' }, label: () => '?', describe: (s) => s.commands.help },
  { keys: ['escape'], action: { kind: 'closeOverlay' }, label: () => 'Esc', describe: (s) => s.commands.close },
  { keys: ['1'], action: { kind: 'showView', view: 'overview' }, label: () => '1-4', describe: (s) => s.commands.showViews },
  { keys: ['2'], action: { kind: 'showView', view: 'processes' }, label: () => '2', describe: () => '', hidden: true },
  { keys: ['3'], action: { kind: 'showView', view: 'network' }, label: () => '3', describe: () => '', hidden: true },
  { keys: ['4'], action: { kind: 'showView', view: 'disks' }, label: () => '4', describe: () => '', hidden: true },
  { keys: ['tab'], action: { kind: 'cycleView', delta: 1 }, label: () => 'Tab S-Tab', describe: (s) => s.commands.cycleViews },
  { keys: ['S-tab'], action: { kind: 'cycleView', delta: -1 }, label: () => 'S-Tab', describe: () => '', hidden: true },
  { keys: ['q', 'C-c'], action: { kind: 'quit' }, label: () => 'q  Ctrl+C', describe: (s) => s.commands.quit },
];

const BY_KEY = new Map<string, UiAction>();
for (const binding of KEYMAP) for (const key of binding.keys) BY_KEY.set(key, binding.action);

/** The action bound to a key press; `full` is blessed's key.full, `ch` the typed character. */
export function actionForKey(full: string | undefined, ch: string | undefined): UiAction | undefined {
  return (full !== undefined ? BY_KEY.get(full) : undefined) ?? (ch !== undefined ? BY_KEY.get(ch) : undefined);
}

/** The first key bound to an action of this kind (and delta), for the palette's right column. */
export function keyLabelFor(action: UiAction, symbols: Symbols): string | undefined {
  const binding = KEYMAP.find((b) => b.action.kind === action.kind && JSON.stringify(b.action) === JSON.stringify(action));
  return binding?.label(symbols);
}
