// Severity and state to colour: the only place in srvmon where a severity becomes a colour. Chart line colours are
// the eight ANSI names, the only ones blessed-contrib's canvas understands and 16-colour terminals show.
import type { LineRole } from './view-models/chart-series.js';
import type { LogTone } from './view-models/alert-log.js';
import type { RuleTone } from './view-models/rule-display.js';
import type { StatusTone } from './view-models/status-bar.js';

export type AnsiColor = 'black' | 'red' | 'green' | 'yellow' | 'blue' | 'magenta' | 'cyan' | 'white';

export const RULE_TONE_FG: Record<RuleTone, AnsiColor | 'default'> = { ok: 'green', warning: 'yellow', critical: 'red', noData: 'default' };

export const LOG_TONE_FG: Record<LogTone, AnsiColor | 'default'> = {
  critical: 'red',
  warning: 'yellow',
  resolved: 'green',
  info: 'default',
  noticeWarning: 'yellow',
  test: 'cyan',
};

export const STATUS_BG: Record<StatusTone, AnsiColor> = { critical: 'red', warning: 'yellow', muted: 'magenta', normal: 'blue' };
export const STATUS_FG: Record<StatusTone, AnsiColor> = { critical: 'white', warning: 'black', muted: 'white', normal: 'white' };

const CORE_COLORS: readonly AnsiColor[] = ['green', 'blue', 'magenta', 'white', 'cyan', 'yellow'];

export function lineColor(role: LineRole, index = 0): AnsiColor {
  switch (role) {
    case 'total':
    case 'memory':
      return 'cyan';
    case 'swap':
      return 'magenta';
    case 'threshold':
      return 'yellow';
    case 'critical':
      return 'red';
    case 'core':
      return CORE_COLORS[index % CORE_COLORS.length]!;
  }
}

/** blessed tag for a foreground colour, or '' for the terminal's default. */
export function fgTag(color: AnsiColor | 'default', text: string): string {
  return color === 'default' ? text : `{${color}-fg}${text}{/${color}-fg}`;
}

/**
 * The help and the palette are boxes of their own, as VS Code's quick input: a frame and a background that the
 * charts behind cannot show through. 235 is a dark grey on 256-colour terminals; blessed reduces it to black on 8 or
 * 16 colours, where the frame alone marks the edge.
 */
export const OVERLAY_STYLE = { fg: 'white', bg: 235 } as const;

/**
 * A selected row (palette, side bar) gets explicit colours rather than reverse video over the terminal's default
 * background: reverse plus "default background" is drawn blank by some renderers (aha, used for the README pictures,
 * turns ESC[7;33;49m into black on black), and an explicit pair reads the same everywhere.
 */
export const SELECTION = { fg: 'white', bg: 'blue' } as const;

/** The side bar's selected row: black text on the rule's state colour (white when there is no data). */
export function selectedRowTag(tone: AnsiColor | 'default', text: string): string {
  const bg = tone === 'default' ? 'white' : tone;
  return `{black-fg}{${bg}-bg}${text}{/${bg}-bg}{/black-fg}`;
}
