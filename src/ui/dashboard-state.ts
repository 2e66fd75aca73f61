// The dashboard's own state: what the person chose to look at. Alert state lives in the store, never here.
import type { UiNotice } from './view-models/alert-log.js';
import type { ChartModel } from './view-models/chart-series.js';
import type { ChartWindowName } from './view-models/chart-window.js';
import type { LogSelection } from './view-models/log-selection.js';
import type { PaletteState } from './view-models/palette-input.js';
import { INITIAL_PROCESS_VIEW, type ProcessViewState } from './view-models/process-view.js';
import type { ViewId } from './view-models/views.js';

/** The log keeps this many of the dashboard's own notices. */
export const NOTICE_CAPACITY = 200;

export interface DashboardState {
  selectedIndex: number;
  perCore: boolean;
  /** The charts' time window (`z` cycles it). */
  chartWindow: ChartWindowName;
  /** Charts frozen on these models while paused; sampling and alerting go on. */
  paused: { cpu: ChartModel; memory: ChartModel } | null;
  overlay: 'none' | 'help' | 'palette';
  palette: PaletteState;
  notices: UiNotice[];
  logScrollBack: number;
  /** The alert line the log's cursor stands on (`[` / `]`), or none. */
  logSelection: LogSelection | null;
  /** The main area's active tab. */
  view: ViewId;
  /** Sort, filter and selection of the processes view; kept while another tab is shown. */
  processView: ProcessViewState;
  /** The network view shows lo and interfaces that are down too. */
  networkShowAll: boolean;
}

export function initialState(): DashboardState {
  return { selectedIndex: 0, perCore: false, chartWindow: '10m', paused: null, overlay: 'none', palette: { query: '', selected: 0 }, notices: [], logScrollBack: 0, logSelection: null, view: 'overview', processView: INITIAL_PROCESS_VIEW, networkShowAll: false };
}

export function addNotice(state: DashboardState, notice: UiNotice): void {
  state.notices.push(notice);
  if (state.notices.length > NOTICE_CAPACITY) state.notices.splice(0, state.notices.length - NOTICE_CAPACITY);
}
