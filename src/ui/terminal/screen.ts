// The blessed screen, set up for a person on SSH: no mouse, the alternate screen, Unicode only when the locale can
// show it. blessed reads TERM's terminfo (xterm, xterm-256color, screen, screen-256color, vt100 all ship with
// ncurses) and falls back to its bundled xterm entry for an unknown TERM.
import { blessed, terminalCaps, type Screen } from './blessed-lib.js';
import { withoutTmuxProbe } from './blessed-startup.js';
import { memoParseAttr } from './render-cache.js';

export interface ScreenOptions {
  ascii: boolean;
  env: NodeJS.ProcessEnv;
}

export function createScreen(options: ScreenOptions): Screen {
  memoParseAttr();
  const screen = withoutTmuxProbe(() => blessed.screen({
    smartCSR: true,
    // fullUnicode: CJK strings (zh-CN) take two columns; forceUnicode false in ASCII mode makes blessed itself
    // replace any stray non-ASCII character, a second line of defence behind the ASCII symbol table.
    fullUnicode: !options.ascii,
    forceUnicode: !options.ascii,
    terminal: options.env.TERM || 'xterm',
    title: 'srvmon',
    autoPadding: false,
    warnings: false,
    sendFocus: false,
    // blessed's own Ctrl+C/q handling is not used: keys go through the key table.
    ignoreLocked: [],
  }));
  // In a UTF-8 locale the terminal takes '·' and '│' as they are. Left to itself blessed would switch to the DEC
  // line-drawing charset (ACS) for them, which tmux's capture-pane and some SSH clients show as '~' and 'x'.
  if (!options.ascii) terminalCaps(screen).brokenACS = true;
  return screen;
}
