// The network and disks views as lines of text, and the overview's info line (load, swap, per-core use). Pure: the
// values are the newest sample's, the histories come from the store; names are escaped here, where they are shown.
import { terminalSafe } from '../../text/terminal-safe.js';
import { bytes } from './format.js';
import { sparkline } from './sparkline.js';
import type { Symbols } from './symbols.js';
import { padEndCols, padStartCols, textCols, truncateCols } from './text-width.js';
import type { TableLine } from './process-view.js';
import type { ViewStrings } from './view-strings.js';
import { buildKey, familyEntries } from '../../catalogue/metric-keys.js';

/** 1.2MB/s style rate; '-' when not read yet. */
export function rate(bytesPerSec: number | undefined): string {
  return bytesPerSec === undefined || !Number.isFinite(bytesPerSec) ? '-' : `${bytes(bytesPerSec)}/s`;
}

const pct = (v: number | undefined): string => (v === undefined || !Number.isFinite(v) ? '-' : `${v.toFixed(1)}%`);

/** The names after `<family>:` among the sample's keys, sorted. */
export function keyedNames(values: Readonly<Record<string, number>> | undefined, family: string): string[] {
  return familyEntries(values ?? {}, family)
    .map(([instance]) => instance)
    .sort();
}

/** The last minute at the default 1 s interval. */
export const MAX_SPARK_COLS = 60;

/** Title and key hint; where both do not fit the key wins (the tab row already names the view). */
function titleWithHint(title: string, hint: string, widthCols: number): string {
  const both = ` ${title}   ${hint}`;
  return textCols(both) <= widthCols ? both : ` ${hint}`;
}

export interface NetworkViewInput {
  values: Readonly<Record<string, number>> | undefined;
  /** Interfaces to show (up, not loopback); undefined until /sys was read: then every sampled one but lo. */
  shown: ReadonlySet<string> | undefined;
  /** `a` in the view: lo and interfaces that are down too. */
  showAll?: boolean;
  /** Last minute of receive and transmit rates per interface, oldest first. */
  history: (key: string) => readonly number[];
  strings: ViewStrings;
  ascii: boolean;
  widthCols: number;
}

/** One row per interface: name, RX/s and TX/s now, and the last minute as sparklines (TX too on a wide view). */
export function networkLines(input: NetworkViewInput): TableLine[] {
  const { values, shown, history, strings, ascii, widthCols, showAll } = input;
  const c = strings.network.columns;
  const names = keyedNames(values, 'netRx').filter((name) => showAll || (shown ? shown.has(name) : name !== 'lo'));
  const nameCols = 14;
  const fixedCols = 1 + nameCols + 1 + 10 + 1 + 10 + 1;
  const sparkRoom = Math.max(0, widthCols - fixedCols - 1);
  const both = sparkRoom >= 40;
  // One column per point of the last minute, no wider: a sparkline stretched over blank history reads as no traffic.
  const sparkCols = Math.min(MAX_SPARK_COLS, both ? Math.floor((sparkRoom - 1) / 2) : sparkRoom);
  const head = ` ${padEndCols(c.name, nameCols)} ${padStartCols(c.rx, 10)} ${padStartCols(c.tx, 10)}  ${both ? `${padEndCols(c.history, sparkCols)} ${c.history.replace(/RX|接收/, (m) => (m === 'RX' ? 'TX' : '发送'))}` : c.history}`;
  const lines: TableLine[] = [
    { text: padEndCols(titleWithHint(strings.network.title, showAll ? strings.network.hintAll : strings.network.hint, widthCols), widthCols), selected: false, header: true },
    { text: padEndCols(head, widthCols), selected: false, header: true },
  ];
  if (names.length === 0) lines.push({ text: padEndCols(` ${strings.network.none}`, widthCols), selected: false });
  for (const name of names) {
    const rx = values?.[buildKey('netRx', name)];
    const tx = values?.[buildKey('netTx', name)];
    const label = truncateCols(terminalSafe(name), nameCols);
    const sparks = both
      ? `${sparkline(history(buildKey('netRx', name)), sparkCols, ascii)} ${sparkline(history(buildKey('netTx', name)), sparkCols, ascii)}`
      : sparkline(history(buildKey('netRx', name)), sparkCols, ascii);
    lines.push({ text: padEndCols(` ${padEndCols(label, nameCols)} ${padStartCols(rate(rx), 10)} ${padStartCols(rate(tx), 10)}  ${sparks}`, widthCols), selected: false });
  }
  return lines;
}

export interface DisksViewInput {
  values: Readonly<Record<string, number>> | undefined;
  strings: ViewStrings;
  symbols: Symbols;
  widthCols: number;
}

/** One row per mounted filesystem: used %, free, read and write per second and busy % (from /proc/diskstats). */
export function diskLines(input: DisksViewInput): TableLine[] {
  const { values, strings, symbols, widthCols } = input;
  const c = strings.disks.columns;
  const mounts = keyedNames(values, 'disk');
  const numbers = [7, 8, 10, 10, 6];
  const mountCols = Math.max(8, widthCols - 1 - numbers.reduce((a, b) => a + b + 1, 0));
  const row = (mount: string, cells: string[]): string => ` ${padEndCols(mount, mountCols)}${cells.map((cell, i) => ` ${padStartCols(cell, numbers[i]!)}`).join('')}`;
  const lines: TableLine[] = [
    { text: padEndCols(` ${strings.disks.title}`, widthCols), selected: false, header: true },
    { text: padEndCols(row(c.mount, [c.used, c.free, c.read, c.write, c.busy]), widthCols), selected: false, header: true },
  ];
  if (mounts.length === 0) lines.push({ text: padEndCols(` ${strings.disks.none}`, widthCols), selected: false });
  for (const mount of mounts) {
    const v = (family: string): number | undefined => values?.[`${family}:${mount}`];
    const free = v('diskFree');
    // A long mount point keeps its end, where the distinguishing part is.
    const safe = terminalSafe(mount);
    const label = safe.length > mountCols ? symbols.ellipsis + safe.slice(-(mountCols - 1)) : safe;
    lines.push({
      text: padEndCols(row(label, [pct(v('disk')), free === undefined ? '-' : bytes(free), rate(v('diskRead')), rate(v('diskWrite')), pct(v('diskBusy'))]), widthCols),
      selected: false,
    });
  }
  return lines;
}

export interface InfoLineInput {
  values: Readonly<Record<string, number>> | undefined;
  /** Interfaces that are up; undefined until /sys was read (then none is listed). */
  shownInterfaces?: ReadonlySet<string> | undefined;
  strings: ViewStrings;
  symbols: Symbols;
  widthCols: number;
}

/** `load 0.52 0.40 0.33 · swap 0.0% · cores 12 40 3 9`: as many cores as the width allows, in core order. */
export function infoLine(input: InfoLineInput): string {
  const { values, strings, symbols, widthCols } = input;
  const n = (key: string): number | undefined => values?.[key];
  const fixed = (v: number | undefined, digits: number): string => (v === undefined || !Number.isFinite(v) ? '-' : v.toFixed(digits));
  const perCore = n('load1PerCore');
  const load = `${strings.info.load} ${fixed(n('load1'), 2)} ${fixed(n('load5'), 2)} ${fixed(n('load15'), 2)}${perCore === undefined ? '' : ` (${strings.info.perCore(fixed(perCore, 2))})`}`;
  const parts = [load, `${strings.info.swap} ${pct(n('swap'))}`];
  const cores = keyedNames(values, 'cpu')
    .filter((k) => /^\d+$/.test(k))
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => fixed(n(buildKey('cpu', k)), 0));
  if (cores.length > 0) parts.push(`${strings.info.cores} ${cores.join(' ')}`);
  const separator = ` ${symbols.dot} `;
  let text = ` ${parts.join(separator)}`;
  // A wide terminal also gets each interface's and filesystem's now, each only whole (the views have the detail).
  const extras = [
    ...keyedNames(values, 'netRx').filter((name) => input.shownInterfaces?.has(name)).map((name) => `${terminalSafe(name)} ${strings.info.rx} ${rate(n(buildKey('netRx', name)))} ${strings.info.tx} ${rate(n(buildKey('netTx', name)))}`),
    ...keyedNames(values, 'disk').map((mount) => `${terminalSafe(mount)} ${pct(n(buildKey('disk', mount)))}`),
  ];
  for (const extra of extras) {
    if (textCols(text + separator + extra) > widthCols) break;
    text += separator + extra;
  }
  return padEndCols(truncateCols(text, widthCols, symbols.ellipsis), widthCols);
}
