// The processes view as data: its own keys (sort, filter prompt, selection, follow, kernel threads), which row is
// selected as the order changes, and the table's lines at any width. Pure; the rows come from sampler/processes.ts.
import { terminalSafe } from '../../text/terminal-safe.js';
import type { ProcessRow, ProcessSortKey } from '../../sampler/processes.js';
import { bytes } from './format.js';
import type { Symbols } from './symbols.js';
import { padEndCols, padStartCols, textCols, truncateCols } from './text-width.js';
import type { ViewStrings } from './view-strings.js';

export interface ProcessViewState {
  sortBy: ProcessSortKey;
  filter: string;
  /** The `/` prompt is open: typed characters go to the filter. */
  editingFilter: boolean;
  showKernelThreads: boolean;
  /** Row index of the selection as last drawn; the place kept when not following. */
  selectedIndex: number;
  selectedPid: number | undefined;
  /** Keep the selection on selectedPid wherever the sort moves it. */
  following: boolean;
}

export const INITIAL_PROCESS_VIEW: ProcessViewState = {
  sortBy: 'cpu',
  filter: '',
  editingFilter: false,
  showKernelThreads: false,
  selectedIndex: 0,
  selectedPid: undefined,
  following: false,
};

const SORT_ORDER: readonly ProcessSortKey[] = ['cpu', 'memory', 'pid'];

/** Longest filter kept: a pasted megabyte must not become a megabyte of screen work per frame. */
const MAX_FILTER_CHARS = 64;

/**
 * A key in the processes view: the new state, or undefined when the key is not the view's (the dashboard's own
 * keymap then has it). While the filter prompt is open every key is the prompt's.
 */
export function processKey(state: ProcessViewState, key: { full: string | undefined; ch: string | undefined }): ProcessViewState | undefined {
  const { full, ch } = key;
  if (state.editingFilter) {
    if (full === 'escape') return { ...state, filter: '', editingFilter: false, selectedIndex: 0 };
    if (full === 'enter' || full === 'return') return { ...state, editingFilter: false };
    if (full === 'backspace') return { ...state, filter: Array.from(state.filter).slice(0, -1).join(''), selectedIndex: 0 };
    if (full === 'C-c') return undefined;
    if (ch !== undefined && ch.length > 0 && !/[\u0000-\u001f\u007f]/.test(ch) && state.filter.length < MAX_FILTER_CHARS) {
      return { ...state, filter: state.filter + ch, selectedIndex: 0 };
    }
    return state;
  }
  switch (full) {
    case 'up':
    case 'k':
      return { ...state, selectedIndex: Math.max(0, state.selectedIndex - 1), following: false };
    case 'down':
    case 'j':
      return { ...state, selectedIndex: state.selectedIndex + 1, following: false };
    case 'home':
      return { ...state, selectedIndex: 0, following: false };
    case 's':
      return { ...state, sortBy: SORT_ORDER[(SORT_ORDER.indexOf(state.sortBy) + 1) % SORT_ORDER.length]! };
    case 'f':
      return { ...state, following: !state.following && state.selectedPid !== undefined };
    case 'S-k':
      return { ...state, showKernelThreads: !state.showKernelThreads };
    case 'escape':
      // Esc clears a kept filter first; with none, it is the dashboard's (closes an overlay).
      return state.filter !== '' ? { ...state, filter: '', selectedIndex: 0 } : undefined;
  }
  if (ch === '/') return { ...state, editingFilter: true };
  if (ch === 'K') return { ...state, showKernelThreads: !state.showKernelThreads };
  return undefined;
}

/**
 * Which row is selected in rows (already filtered and sorted): the followed pid's row when following and it is still
 * there, else the remembered index clamped to the table. A followed process that ended ends the following.
 */
export function resolveSelection(state: ProcessViewState, rows: readonly ProcessRow[]): ProcessViewState {
  if (rows.length === 0) return { ...state, selectedIndex: 0, selectedPid: undefined, following: false };
  if (state.following && state.selectedPid !== undefined) {
    const index = rows.findIndex((r) => r.pid === state.selectedPid);
    if (index >= 0) return { ...state, selectedIndex: index };
  }
  const index = Math.min(Math.max(0, state.selectedIndex), rows.length - 1);
  return { ...state, selectedIndex: index, selectedPid: rows[index]!.pid, following: false };
}

export interface TableLine {
  text: string;
  selected: boolean;
  /** The header lines (bold). */
  header?: boolean;
}

export interface ProcessTableInput {
  /** Filtered and sorted (selectProcesses). undefined before the first read. */
  rows: readonly ProcessRow[] | undefined;
  total: number;
  state: ProcessViewState;
  strings: ViewStrings;
  symbols: Symbols;
  widthCols: number;
  heightRows: number;
  /** What the newest read of /proc took, ms: shown so the cost of the view is visible where it is paid. */
  readMs?: number;
}

interface Column {
  title: string;
  cols: number;
  right: boolean;
  cell: (row: ProcessRow) => string;
}

/** Columns that fit: USER and RSS go first on a narrow view; the command takes what is left, with arguments from 100 columns. */
function columns(strings: ViewStrings, widthCols: number): { fixed: Column[]; commandCols: number; withArgs: boolean } {
  const c = strings.processes.columns;
  const pct = (v: number | undefined): string => (v === undefined ? '-' : v.toFixed(1));
  const fixed: Column[] = [
    { title: c.pid, cols: 7, right: true, cell: (r) => String(r.pid) },
    ...(widthCols >= 48 ? [{ title: c.user, cols: 8, right: false, cell: (r: ProcessRow) => terminalSafe(r.user) }] : []),
    { title: c.cpu, cols: 6, right: true, cell: (r) => pct(r.cpuPct) },
    { title: c.memory, cols: 5, right: true, cell: (r) => pct(r.memoryPct) },
    ...(widthCols >= 44 ? [{ title: c.rss, cols: 6, right: true, cell: (r: ProcessRow) => bytes(r.rssBytes) }] : []),
    { title: c.state, cols: 1, right: false, cell: (r) => terminalSafe(r.state) },
  ];
  const used = fixed.reduce((sum, col) => sum + col.cols + 1, 0);
  return { fixed, commandCols: Math.max(0, widthCols - used - 1), withArgs: widthCols >= 100 };
}

/** The view's lines: a status line, the column titles, then the rows scrolled so the selection is on screen. */
export function processTableLines(input: ProcessTableInput): TableLine[] {
  const { rows, total, state, strings, symbols, widthCols, heightRows } = input;
  const p = strings.processes;
  const status = [
    rows ? p.title(rows.length, total) : p.loading,
    `${p.sortLabel}: ${p.sortBy[state.sortBy]}`,
    ...(state.filter !== '' && !state.editingFilter ? [`${p.filter}: ${terminalSafe(state.filter)}`] : []),
    ...(state.following && state.selectedPid !== undefined ? [p.following(state.selectedPid)] : []),
    ...(state.showKernelThreads ? [p.kernelShown] : []),
    ...(input.readMs !== undefined ? [p.readCost(Math.round(input.readMs))] : []),
  ].join(` ${symbols.dot} `);
  // The keys stay on screen: beside the status where it fits, on a line of their own where not.
  const together = textCols(` ${status}   ${p.hint}`) <= widthCols;
  const first = state.editingFilter ? `${p.filterPrompt}${terminalSafe(state.filter)}_` : together ? `${status}   ${p.hint}` : status;
  const { fixed, commandCols, withArgs } = columns(strings, widthCols);
  const cells = (values: string[], rightAligned: boolean[]): string => values.map((v, i) => (rightAligned[i] ? padStartCols(v, fixed[i]?.cols ?? 0) : padEndCols(v, fixed[i]?.cols ?? 0))).join(' ');
  const right = fixed.map((c) => c.right);
  const titles = `${cells(fixed.map((c) => c.title), right)} ${p.columns.command}`;
  const lines: TableLine[] = [
    { text: padEndCols(` ${first}`, widthCols), selected: false, header: true },
    ...(together || state.editingFilter ? [] : [{ text: padEndCols(` ${p.hint}`, widthCols), selected: false }]),
    { text: padEndCols(titles, widthCols), selected: false, header: true },
  ];
  const room = Math.max(0, heightRows - lines.length);
  if (!rows || rows.length === 0) {
    if (room > 0) lines.push({ text: padEndCols(` ${rows ? p.none : ''}`, widthCols), selected: false });
    return lines;
  }
  // Scroll just enough to keep the selected row in view.
  const start = Math.max(0, Math.min(state.selectedIndex - room + 1, rows.length - room));
  for (const [i, row] of rows.slice(start, start + room).entries()) {
    const command = truncateCols(terminalSafe(withArgs ? row.command : row.name), commandCols, symbols.ellipsis);
    lines.push({ text: padEndCols(`${cells(fixed.map((c) => c.cell(row)), right)} ${command}`, widthCols), selected: start + i === state.selectedIndex });
  }
  return lines;
}
