// The overlays drawn over the layout: the help list and the command palette (VS Code's, top centre).
import { blessed, type Box, type Screen } from '../terminal/blessed-lib.js';
import type { PaletteItem } from '../view-models/palette.js';
import type { PaletteState } from '../view-models/palette-input.js';
import type { UiStrings } from '../view-models/strings.js';
import { padEndCols, spreadCols, textCols } from '../view-models/text-width.js';

export function createOverlay(screen: Screen): Box {
  return blessed.box({ parent: screen, wrap: false, hidden: true, tags: true, style: { inverse: false } });
}

export function drawHelp(box: Box, screen: Screen, title: string, lines: readonly string[]): void {
  const width = Math.min(Number(screen.width) - 2, Math.max(...lines.map(textCols), textCols(title)) + 4);
  const height = Math.min(Number(screen.height) - 2, lines.length + 2);
  box.left = Math.max(0, Math.floor((Number(screen.width) - width) / 2));
  box.top = Math.max(0, Math.floor((Number(screen.height) - height) / 2));
  box.width = width;
  box.height = height;
  const body = lines.slice(0, height - 2).map((l) => `  ${blessed.escape(padEndCols(l, width - 4))}  `);
  box.setContent([`{inverse}${blessed.escape(padEndCols(` ${title}`, width))}{/inverse}`, ...body, ''].join('\n'));
  box.show();
  box.setFront();
}

export function drawPalette(box: Box, screen: Screen, state: PaletteState, items: readonly PaletteItem[], strings: UiStrings): void {
  const cols = Number(screen.width);
  const width = Math.min(cols - 2, 64);
  const maxRows = Math.max(3, Math.min(Number(screen.height) - 3, 14));
  const inner = width - 2;
  const lines: string[] = [];
  if (state.prompt) {
    lines.push(` ${blessed.escape(padEndCols(strings.paletteValuePrompt(state.prompt.ruleName, state.prompt.current), inner))}`);
    lines.push(`{inverse} ${blessed.escape(padEndCols(`${strings.palettePrompt}${state.prompt.input}_`, inner))}{/inverse}`);
  } else {
    lines.push(`{inverse} ${blessed.escape(padEndCols(`${strings.palettePrompt}${state.query}_`, inner))}{/inverse}`);
    const listRows = maxRows - 1;
    const selected = Math.min(state.selected, Math.max(0, items.length - 1));
    // Keep the selection in view when it moves past the bottom.
    const first = Math.max(0, selected - listRows + 1);
    items.slice(first, first + listRows).forEach((item, i) => {
      const text = ` ${spreadCols(item.label, item.command.key ?? '', inner - 1)} `;
      lines.push(first + i === selected ? `{bold}{inverse}${blessed.escape(text)}{/inverse}{/bold}` : blessed.escape(text));
    });
    if (items.length === 0) lines.push(` ${blessed.escape(strings.paletteEmpty)}`);
  }
  box.left = Math.max(0, Math.floor((cols - width) / 2));
  box.top = 1;
  box.width = width;
  box.height = lines.length + 1;
  box.setContent([`{bold} ${blessed.escape(strings.paletteTitle)}{/bold}`, ...lines].join('\n'));
  box.show();
  box.setFront();
}
