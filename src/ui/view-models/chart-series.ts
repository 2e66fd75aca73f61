// What the CPU and memory charts show: the kept history squeezed to the chart's width (each bucket keeps its peak,
// since a monitor must not hide spikes), the rule's threshold (and critical level) as flat lines, time labels, and a
// title coloured by the firing rule's severity. Gaps stay NaN: both renderers leave them blank.
import type { RuleStatus } from '../../alerts/engine.js';
import type { MetricHistory } from '../../store/metric-history.js';
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
  lines: ChartLine[];
  /** One label per point (HH:MM:SS); renderers pick which to print. */
  xLabels: string[];
  maxY: number;
}

export interface ChartInput {
  history: MetricHistory;
  rules: readonly RuleStatus[];
  strings: UiStrings;
  /** Most points the renderer can show (braille: pixels across; ASCII: columns). */
  maxPoints: number;
}

interface Downsampled {
  values: number[];
  timesMs: number[];
}

/** Peak per bucket, oldest first; a bucket with no reading stays NaN (a gap). */
export function downsample(history: MetricHistory, key: string, maxPoints: number): Downsampled {
  const points = history.series(key);
  const buckets = Math.max(1, Math.min(points.length, Math.floor(maxPoints)));
  const values: number[] = new Array<number>(Math.min(points.length, buckets));
  const timesMs: number[] = new Array<number>(values.length);
  for (let b = 0; b < values.length; b++) {
    const from = Math.floor((b * points.length) / buckets);
    const to = Math.floor(((b + 1) * points.length) / buckets);
    let peak = Number.NaN;
    for (let i = from; i < to; i++) {
      const v = points[i]!.value;
      if (!Number.isNaN(v) && !(v <= peak)) peak = v;
    }
    values[b] = peak;
    timesMs[b] = points[to - 1]!.timeMs;
  }
  return { values, timesMs };
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

function titleFor(name: string, status: RuleStatus | undefined, latest: number, strings: UiStrings): string {
  const now = Number.isFinite(latest) ? ` ${latest.toFixed(1)}%` : '';
  const level = status ? ` (${strings.threshold} ${thresholdText(status)})` : '';
  return `${name}${now}${level}`;
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
  const total = downsample(history, 'cpu', input.maxPoints);
  const status = input.rules.find((r) => r.rule.id === 'cpu');
  const lines: ChartLine[] = [];
  if (input.perCore) {
    for (const key of coreKeys(history)) {
      const index = Number(key.slice(4));
      lines.push({ title: key, role: 'core', index, values: downsample(history, key, input.maxPoints).values });
    }
  }
  lines.push({ title: strings.total, role: 'total', values: total.values });
  lines.push(...levelLines(status, total.values.length, strings));
  return { title: titleFor(strings.cpuChart, status, history.latest('cpu'), strings), tone: toneOf(status), lines, xLabels: total.timesMs.map(clockTime), maxY: 100 };
}

export function memoryChart(input: ChartInput): ChartModel {
  const { history, strings } = input;
  const memory = downsample(history, 'memory', input.maxPoints);
  const swap = downsample(history, 'swap', input.maxPoints);
  const status = input.rules.find((r) => r.rule.id === 'memory');
  const swapStatus = input.rules.find((r) => r.rule.id === 'swap');
  // The chart turns the worse colour of its two rules.
  const tone = worse(toneOf(status), toneOf(swapStatus));
  const lines: ChartLine[] = [
    { title: strings.swap, role: 'swap', values: swap.values },
    { title: strings.memory, role: 'memory', values: memory.values },
    ...levelLines(status, memory.values.length, strings),
  ];
  return { title: titleFor(strings.memoryChart, status, history.latest('memory'), strings), tone, lines, xLabels: memory.timesMs.map(clockTime), maxY: 100 };
}

const RANK: Record<RuleTone, number> = { noData: 0, ok: 1, warning: 2, critical: 3 };

function worse(a: RuleTone, b: RuleTone): RuleTone {
  return RANK[a] >= RANK[b] ? a : b;
}
