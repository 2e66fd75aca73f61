// A chart panel, braille or ASCII: the dashboard places it and hands it a model; it only draws.
import type { ChartModel } from '../view-models/chart-series.js';
import type { Rect } from '../view-models/layout.js';

export interface ChartView {
  /** The most points worth computing for the current size (pixels or columns across the plot). */
  maxPoints(): number;
  place(rect: Rect): void;
  draw(model: ChartModel): void;
  setVisible(visible: boolean): void;
}
