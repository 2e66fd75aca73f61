// The only door to blessed. blessed's index requires every widget it has (lists, forms, images with a PNG decoder,
// a terminal emulator...): 50 files before the first frame. srvmon uses the screen, plain boxes and escape(), so only
// those are required (19 files). (blessed-contrib's line chart is no longer loaded either: view-models/braille-plot.ts
// draws the same picture at a fraction of the cost, and blessed-contrib, lodash, drawille and gl-matrix stay out.)
import { createRequire } from 'node:module';
import type * as BlessedTypes from 'blessed';

const require = createRequire(import.meta.url);

export type Blessed = typeof BlessedTypes;
export type Screen = BlessedTypes.Widgets.Screen;
export type Box = BlessedTypes.Widgets.BoxElement;
export type BoxOptions = BlessedTypes.Widgets.BoxOptions;
export type KeyEvent = BlessedTypes.Widgets.Events.IKeyEventArg;

/** The part of blessed srvmon uses, with blessed's own constructors (the same as its index would give). */
export interface BlessedParts {
  screen: Blessed['screen'];
  box: Blessed['box'];
  escape: Blessed['escape'];
  /** The base class, for render-cache.ts. */
  Element: { prototype: object };
}

const ScreenCtor = require('blessed/lib/widgets/screen') as Blessed['screen'];
const BoxCtor = require('blessed/lib/widgets/box') as Blessed['box'];
const helpers = require('blessed/lib/helpers') as { escape: Blessed['escape'] };

export const blessed: BlessedParts = {
  // blessed's widget constructors return a new instance when called without `new`, as its index's factories do.
  screen: (options) => ScreenCtor(options),
  box: (options) => BoxCtor(options),
  escape: (text) => helpers.escape(text),
  Element: require('blessed/lib/widgets/element') as { prototype: object },
};

/** The terminfo facts blessed has read (missing from @types/blessed). */
export interface TerminalCaps {
  /** max_colors; undefined or below 8 on vt100. */
  colors?: number;
  /** When true blessed writes box-drawing characters as UTF-8 instead of switching to the ACS charset. */
  brokenACS: boolean;
}

export function terminalCaps(screen: Screen): TerminalCaps {
  return screen.tput as unknown as TerminalCaps;
}
