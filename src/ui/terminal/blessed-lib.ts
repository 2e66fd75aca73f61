// The only door to blessed and blessed-contrib. blessed-contrib's index requires every widget it has (maps, images,
// markdown, ...), which costs hundreds of milliseconds before the first frame; the line chart is required alone.
import { createRequire } from 'node:module';
import type * as BlessedTypes from 'blessed';

const require = createRequire(import.meta.url);

export type Blessed = typeof BlessedTypes;
export type Screen = BlessedTypes.Widgets.Screen;
export type Box = BlessedTypes.Widgets.BoxElement;
export type BoxOptions = BlessedTypes.Widgets.BoxOptions;
export type KeyEvent = BlessedTypes.Widgets.Events.IKeyEventArg;

export const blessed = require('blessed') as Blessed;

/** One series as blessed-contrib's line chart takes it. */
export interface ContribSeries {
  title: string;
  x: string[];
  y: number[];
  style?: { line?: string };
}

/** The parts of blessed-contrib's line chart (a blessed Box subclass) that srvmon uses. */
export interface ContribLineChart extends Box {
  setData(data: ContribSeries[]): void;
  /** Recomputed on 'attach' by calcSize(); the chart's own size in braille pixels. */
  canvasSize: { width: number; height: number };
  calcSize(): void;
  options: ContribLineOptions;
}

export interface ContribLineOptions extends Omit<BoxOptions, 'style'> {
  /** Colour names of the lines, the axis labels and the axes. */
  style?: { line?: string; text?: string; baseline?: string };
  showLegend?: boolean;
  minY?: number;
  maxY?: number;
  numYLabels?: number;
  wholeNumbersOnly?: boolean;
  xLabelPadding?: number;
  xPadding?: number;
}

type LineFactory = (options: ContribLineOptions) => ContribLineChart;
let lineFactory: LineFactory | undefined;

/** Loaded on first use only: ASCII mode never pays for it. */
export function createContribLine(options: ContribLineOptions): ContribLineChart {
  lineFactory ??= require('blessed-contrib/lib/widget/charts/line') as LineFactory;
  return lineFactory(options);
}

/** The terminfo facts blessed has read (missing from @types/blessed). */
export interface TerminalCaps {
  /** max_colors; undefined or below 8 on vt100. */
  colors?: number;
  /** When true blessed writes box-drawing characters as UTF-8 instead of switching to the ACS charset. */
  brokenACS: boolean;
}

export function terminalCaps(screen: Screen): TerminalCaps {
  return screen.tput as unknown as TerminalCaps;
}
