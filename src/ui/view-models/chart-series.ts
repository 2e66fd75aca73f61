// What the CPU and memory charts show over the chosen window (10 min, 1 h, 6 h, 24 h): the time axis is fixed to
// the window and fills from the right (chart-window.ts), the per-second history where it reaches and the per-minute
// rollups before it; each column keeps its peak (a monitor must not hide spikes). Also the rule's threshold (and
// critical level) as flat lines, time labels, the alert episodes of the chart's rules as column spans, and a title
// coloured by the firing rule's severity. Gaps stay NaN: both renderers leave them blank.
import type { RuleStatus } from '../../alerts/engine.js';
import type { MetricHistory } from '../../store/metric-history.js';
import type { LogEntry } from '../../store/monitor-store.js';
import type { RollupSource } from '../../store/rollup-source.js';
import { alertEpisodes, episodeSpans, type EpisodeEmphasis, type EpisodeSpan } from './alert-episodes.js';
import { chartWindow, CHART_WINDOWS_MS, type ChartWindowName } from './chart-window.js';
import { clockTime } from './format.js';
import { ruleTone, thresholdText, type RuleTone } from './rule-display.js';
import type { UiStrings } from './strings.js';

export type LineRole = 'total' | 'core' | 'memory' | 'swap' | 'threshold' | 'critical';

export interface ChartLine {
  title: string;
  role: LineRole;
  /** Core number for role 'core' (picks its colour / ASCII digit). */
  index?: number;
  values: number[];
}

export interface ChartModel {
  title: string;
  tone: RuleTone;
  /** One value per column in every line, oldest first. */
  lines: ChartLine[];
  /** One label per column (its start, HH:MM:SS; the newest: now); renderers pick which to print. */
  xLabels: string[];
  maxY: number;
  /** The window shown ("10m", "1h"...). */
  window: ChartWindowName;
  /** When the chart's rules fired, on its columns. */
  episodes: EpisodeSpan[];
}

export interface ChartInput {
  history: MetricHistory;
  /** The day of per-minute history; null when the monitor keeps none. */
  rollups: RollupSource | null;
  rules: readonly RuleStatus[];
  /** The alert log, for the episodes. */
  log: readonly LogEntry[];
  strings: UiStrings;
  /** Columns across (braille: pixels; ASCII: characters). */
  maxPoints: number;
  window: ChartWindowName;
  /** Wall time now: the newest column holds it. */
  nowMs: number;
  /** The episode of the alert selected in the log, drawn emphasised. */
  emphasis?: EpisodeEmphasis;
}

interface Axis {
  fromMs: number;
  columnMs: number;
  columns: number;
}

/** A key's peak per column over the window; NaN where nothing was read. */
function series(input: ChartInput, key: string): { values: number[]; axis: Axis } {
  const columns = Math.max(1, Math.floor(input.maxPoints));
  const w = chartWindow({
    nowMs: input.nowMs,
    windowMs: CHART_WINDOWS_MS[input.window],
    columns,
    seconds: input.history.series(key),
    rollups: input.rollups?.ring(key),
  });
  return { values: w.max, axis: { fromMs: w.fromMs, columnMs: w.columnMs, columns } };
}

function axisLabels(axis: Axis, nowMs: number): string[] {
  // The newest column says now (it holds it); the others their start.
  return Array.from({ length: axis.columns }, (_, c) => clockTime(c === axis.columns - 1 ? nowMs : axis.fromMs + c * axis.columnMs));
}

function episodesOf(input: ChartInput, ruleIds: readonly string[], axis: Axis): EpisodeSpan[] {
  return episodeSpans(alertEpisodes(input.log, ruleIds), axis, input.nowMs, input.emphasis);
}

function levelLines(status: RuleStatus | undefined, length: number, strings: UiStrings): ChartLine[] {
  if (!status || length === 0) return [];
  const lines: ChartLine[] = [
    { title: `${strings.threshold} ${status.rule.threshold}`, role: 'threshold', values: new Array<number>(length).fill(status.rule.threshold) },
  ];
  if (status.rule.critical !== undefined) {
    lines.push({ title: `${strings.critical} ${status.rule.critical}`, role: 'critical', values: new Array<number>(length).fill(status.rule.critical) });
  }
  return lines;
}

function titleFor(name: string, status: RuleStatus | undefined, latest: number, strings: UiStrings, window: ChartWindowName): string {
  const now = Number.isFinite(latest) ? ` ${latest.toFixed(1)}%` : '';
  const level = status ? ` (${strings.threshold} ${thresholdText(status)})` : '';
  return `${name}${now}${level} [${window}]`;
}

function toneOf(status: RuleStatus | undefined): RuleTone {
  return status ? ruleTone(status, true) : 'ok';
}

function coreKeys(history: MetricHistory): string[] {
  return history
    .keys()
    .filter((k) => /^cpu:\d+$/.test(k))
    .sort((a, b) => Number(a.slice(4)) - Number(b.slice(4)));
}

export function cpuChart(input: ChartInput & { perCore: boolean }): ChartModel {
  const { history, strings } = input;
  const total = series(input, 'cpu');
  const status = input.rules.find((r) => r.rule.id === 'cpu');
  const lines: ChartLine[] = [];
  if (input.perCore) {
    for (const key of coreKeys(history)) {
      const index = Number(key.slice(4));
      lines.push({ title: key, role: 'core', index, values: series(input, key).values });
    }
  }
  lines.push({ title: strings.total, role: 'total', values: total.values });
  lines.push(...levelLines(status, total.values.length, strings));
  return {
    title: titleFor(strings.cpuChart, status, history.latest('cpu'), strings, input.window),
    tone: toneOf(status),
    lines,
    xLabels: axisLabels(total.axis, input.nowMs),
    maxY: 100,
    window: input.window,
    episodes: episodesOf(input, ['cpu'], total.axis),
  };
}

export function memoryChart(input: ChartInput): ChartModel {
  const { history, strings } = input;
  const memory = series(input, 'memory');
  const swap = series(input, 'swap');
  const status = input.rules.find((r) => r.rule.id === 'memory');
  const swapStatus = input.rules.find((r) => r.rule.id === 'swap');
  // The chart turns the worse colour of its two rules.
  const tone = worse(toneOf(status), toneOf(swapStatus));
  const lines: ChartLine[] = [
    { title: strings.swap, role: 'swap', values: swap.values },
    { title: strings.memory, role: 'memory', values: memory.values },
    ...levelLines(status, memory.values.length, strings),
  ];
  return {
    title: titleFor(strings.memoryChart, status, history.latest('memory'), strings, input.window),
    tone,
    lines,
    xLabels: axisLabels(memory.axis, input.nowMs),
    maxY: 100,
    window: input.window,
    episodes: episodesOf(input, ['memory', 'swap'], memory.axis),
  };
}

const RANK: Record<RuleTone, number> = { noData: 0, ok: 1, warning: 2, critical: 3 };

function worse(a: RuleTone, b: RuleTone): RuleTone {
  return RANK[a] >= RANK[b] ? a : b;
}
