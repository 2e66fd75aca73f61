// Where the help and the palette boxes go and what each of their rows says, in terminal columns. The widget only
// turns these rows into blessed tags; keeping the arithmetic here lets a test check every size and both languages.
import type { Rect } from './layout.js';
import type { PaletteItem } from './palette.js';
import type { PaletteState } from './palette-input.js';
import type { UiStrings } from './strings.js';
import { padEndCols, spreadCols, textCols } from './text-width.js';

/** What a row is, so the widget can colour it: the input line, the selected command, any other text. */
export type OverlayRowKind = 'input' | 'selected' | 'text';

export interface OverlayRow {
  kind: OverlayRowKind;
  /** Exactly the frame's inner width in columns (padded or cut), so the background fills the row. */
  text: string;
}

export interface OverlayFrame {
  /** Outer rectangle, border included. */
  rect: Rect;
  /** Shown in the top border. */
  title: string;
  rows: OverlayRow[];
}

/** Columns of the border on each side. */
const BORDER = 1;
/** Blank columns between the border and the text, on each side. */
const PAD = 2;

/** The help box, centred: as wide as its longest line, cut to the screen (one column kept free at each edge). */
export function helpFrame(title: string, allLines: readonly string[], cols: number, rows: number): OverlayFrame {
  // On a short screen the blank separator lines go first, so that every key still shows.
  const lines = allLines.length + 2 * BORDER > rows - 2 ? allLines.filter((line) => line !== '') : allLines;
  const longest = Math.max(textCols(title) + 2, ...lines.map(textCols));
  const width = Math.max(BORDER * 2 + 1, Math.min(cols - 2, longest + 2 * (PAD + BORDER)));
  const height = Math.max(BORDER * 2 + 1, Math.min(rows - 2, lines.length + 2 * BORDER));
  const inner = width - 2 * BORDER;
  const textWidth = Math.max(0, inner - 2 * PAD);
  const body = lines.slice(0, height - 2 * BORDER).map((line) => ({ kind: 'text' as const, text: padEndCols(`${' '.repeat(PAD)}${padEndCols(line, textWidth)}`, inner) }));
  return { rect: { left: Math.max(0, Math.floor((cols - width) / 2)), top: Math.max(0, Math.floor((rows - height) / 2)), width, height }, title, rows: body };
}

/** The palette: 64 columns at most, under the title bar, as VS Code's quick open. */
export const PALETTE_MAX_COLS = 64;
/** Commands shown at once; the list scrolls to keep the selection in view. */
export const PALETTE_MAX_ITEMS = 13;

export function paletteFrame(state: PaletteState, items: readonly PaletteItem[], strings: UiStrings, cols: number, rows: number): OverlayFrame {
  const width = Math.max(BORDER * 2 + 4, Math.min(cols - 2, PALETTE_MAX_COLS));
  const inner = width - 2 * BORDER;
  const line = (kind: OverlayRowKind, text: string): OverlayRow => ({ kind, text: padEndCols(` ${text}`, inner) });
  const body: OverlayRow[] = [];
  if (state.prompt) {
    body.push(line('text', strings.paletteValuePrompt(state.prompt.ruleName, state.prompt.current)));
    body.push(line('input', `${strings.palettePrompt}${state.prompt.input}_`));
  } else {
    body.push(line('input', `${strings.palettePrompt}${state.query}_`));
    // Top 1, the input row and two border rows: the rest of the screen less a row is for the list.
    const listRows = Math.max(1, Math.min(PALETTE_MAX_ITEMS, rows - 1 - 1 - 2 * BORDER - 1));
    const selected = Math.min(state.selected, Math.max(0, items.length - 1));
    // Keep the selection in view when it moves past the bottom.
    const first = Math.max(0, selected - listRows + 1);
    items.slice(first, first + listRows).forEach((item, i) => {
      body.push(line(first + i === selected ? 'selected' : 'text', spreadCols(item.label, item.command.key ?? '', inner - 2)));
    });
    if (items.length === 0) body.push(line('text', strings.paletteEmpty));
  }
  const height = Math.min(rows - 1, body.length + 2 * BORDER);
  return { rect: { left: Math.max(0, Math.floor((cols - width) / 2)), top: 1, width, height }, title: strings.paletteTitle, rows: body.slice(0, Math.max(0, height - 2 * BORDER)) };
}
