// Alert episodes on the charts: when and how long each rule fired, from the alert log (firing, escalated, repeat,
// resolved), as spans of a chart window's columns, so the renderer can mark them in the severity's colour. Pure.
import type { LogEntry } from '../../store/monitor-store.js';
import type { Severity } from '../../types.js';

/** One stretch of time a rule fired at one severity; an escalation ends the warning stretch and starts a critical one. */
export interface AlertEpisode {
  ruleId: string;
  severity: Severity;
  fromMs: number;
  /** Null while it still fires (drawn up to now). */
  toMs: number | null;
}

/** An episode on a window's columns: first and last column it covers (inclusive). */
export interface EpisodeSpan {
  ruleId: string;
  severity: Severity;
  firstColumn: number;
  lastColumn: number;
  /** Still firing (the span reaches the newest column). */
  ongoing: boolean;
  /** The episode of the alert selected in the log: drawn so it stands out from the others. */
  emphasised?: boolean;
}

/** Which episode to emphasise: the one of this rule that started at fromMs. */
export interface EpisodeEmphasis {
  ruleId: string;
  fromMs: number;
}

/** The episodes of these rules in the log, oldest first; test alerts are not episodes. */
export function alertEpisodes(log: readonly LogEntry[], ruleIds: readonly string[]): AlertEpisode[] {
  const episodes: AlertEpisode[] = [];
  const open = new Map<string, AlertEpisode>();
  for (const entry of log) {
    if (entry.type !== 'alert' || entry.test || !ruleIds.includes(entry.rule)) continue;
    const current = open.get(entry.rule);
    switch (entry.state) {
      case 'firing':
      case 'repeat':
      case 'escalated': {
        if (current && current.severity === entry.severity) break;
        if (current) current.toMs = entry.timeMs;
        // A repeat whose firing fell off the log still starts at the episode's start.
        const fromMs = current ? entry.timeMs : entry.state === 'firing' ? entry.timeMs : Math.min(entry.sinceMs, entry.timeMs);
        const episode: AlertEpisode = { ruleId: entry.rule, severity: entry.severity, fromMs, toMs: null };
        episodes.push(episode);
        open.set(entry.rule, episode);
        break;
      }
      case 'resolved':
        if (current) current.toMs = entry.timeMs;
        else if (Number.isFinite(entry.sinceMs) && entry.sinceMs < entry.timeMs) {
          episodes.push({ ruleId: entry.rule, severity: entry.severity, fromMs: entry.sinceMs, toMs: entry.timeMs });
        }
        open.delete(entry.rule);
        break;
    }
  }
  return episodes;
}

export interface ColumnAxis {
  /** Column i covers [fromMs + i × columnMs, fromMs + (i + 1) × columnMs). */
  fromMs: number;
  columnMs: number;
  columns: number;
}

/** The episodes that overlap the window, clipped to it; an ongoing one reaches nowMs. Each covers one column at least. */
export function episodeSpans(episodes: readonly AlertEpisode[], axis: ColumnAxis, nowMs: number, emphasis?: EpisodeEmphasis): EpisodeSpan[] {
  const columns = Math.max(0, Math.floor(axis.columns));
  const endMs = axis.fromMs + columns * axis.columnMs;
  const spans: EpisodeSpan[] = [];
  for (const episode of episodes) {
    const toMs = episode.toMs ?? nowMs;
    if (toMs < axis.fromMs || episode.fromMs >= endMs || toMs < episode.fromMs) continue;
    const columnOf = (timeMs: number): number => Math.min(columns - 1, Math.max(0, Math.floor((timeMs - axis.fromMs) / axis.columnMs)));
    // The end is exclusive: an episode resolved exactly at a column's start does not reach into that column.
    const lastColumn = Math.max(columnOf(episode.fromMs), columnOf(toMs > episode.fromMs ? toMs - 1 : toMs));
    const span: EpisodeSpan = { ruleId: episode.ruleId, severity: episode.severity, firstColumn: columnOf(episode.fromMs), lastColumn, ongoing: episode.toMs === null };
    if (emphasis && episode.ruleId === emphasis.ruleId && episode.fromMs === emphasis.fromMs) span.emphasised = true;
    spans.push(span);
  }
  return spans;
}

/** Per column, the worst severity firing there (for a one-row band); null where none fired. */
export function episodeBand(spans: readonly EpisodeSpan[], columns: number): (Severity | null)[] {
  const band = new Array<Severity | null>(Math.max(0, columns)).fill(null);
  for (const span of spans) {
    for (let c = span.firstColumn; c <= span.lastColumn && c < band.length; c++) {
      if (band[c] !== 'critical') band[c] = span.severity;
    }
  }
  return band;
}

/**
 * The band laid on a renderer's text cells: cellOfColumn says where the chart draws each column (the braille chart
 * puts two columns in a cell, the ASCII one stretches); the worse severity wins a cell.
 */
export function bandCells(band: readonly (Severity | null)[], cells: number, cellOfColumn: (column: number) => number): (Severity | null)[] {
  const out = new Array<Severity | null>(Math.max(0, cells)).fill(null);
  band.forEach((severity, column) => {
    const cell = cellOfColumn(column);
    if (severity === null || !(cell >= 0 && cell < out.length) || out[cell] === 'critical') return;
    out[cell] = severity;
  });
  return out;
}

/** Per text cell, whether an emphasised span is drawn there (cellOfColumn as for bandCells). */
export function emphasisCells(spans: readonly EpisodeSpan[], cells: number, columns: number, cellOfColumn: (column: number) => number): boolean[] {
  const out = new Array<boolean>(Math.max(0, cells)).fill(false);
  for (const span of spans) {
    if (!span.emphasised) continue;
    for (let c = span.firstColumn; c <= span.lastColumn && c < columns; c++) {
      const cell = cellOfColumn(c);
      if (cell >= 0 && cell < out.length) out[cell] = true;
    }
  }
  return out;
}
