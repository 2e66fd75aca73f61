// Every non-ASCII character the dashboard prints lives here, with its ASCII stand-in: in a non-UTF-8 locale or with
// --ascii the terminal may show mojibake for anything above 0x7e, so nothing else in ui/ may hard-code a symbol.

export interface Symbols {
  ok: string;
  fail: string;
  dot: string;
  bar: string;
  selected: string;
  edited: string;
  /** After the name of a rule muted on its own (`srvmon mute --rule`, the palette). */
  muted: string;
  ellipsis: string;
  upDown: string;
}

export const UNICODE_SYMBOLS: Symbols = {
  ok: '✓',
  fail: '✗',
  dot: '·',
  bar: '│',
  selected: '▶',
  edited: '*',
  muted: '⊘',
  ellipsis: '…',
  upDown: '↑/↓',
};

export const ASCII_SYMBOLS: Symbols = {
  ok: 'ok',
  fail: 'x',
  dot: '-',
  bar: '|',
  selected: '>',
  edited: '*',
  muted: 'M',
  ellipsis: '~',
  upDown: 'up/down',
};

export function symbolsFor(ascii: boolean): Symbols {
  return ascii ? ASCII_SYMBOLS : UNICODE_SYMBOLS;
}
