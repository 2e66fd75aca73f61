// The widgets of the dashboard and how each is drawn from the store and the dashboard state. Every text comes from a
// view model; this file only places boxes, picks which view model feeds which box, and renders once per batch.
import type { MonitorPort } from '../app/monitor-port.js';
import { activeRuleMutes } from '../app/mutes.js';
import type { HostInfo } from '../sampler/host-info.js';
import type { DashboardState } from './dashboard-state.js';
import { KEYMAP } from './keymap.js';
import type { Part } from './render-scheduler.js';
import { terminalCaps, type Box, type Screen } from './terminal/blessed-lib.js';
import { cacheRendering } from './terminal/render-cache.js';
import { alertLogLines, type LogLine } from './view-models/alert-log.js';
import { cpuChart, memoryChart, type ChartModel } from './view-models/chart-series.js';
import { helpLines } from './view-models/help-overlay.js';
import { computeLayout, MIN_COLS, MIN_ROWS, type Layout } from './view-models/layout.js';
import { visibleLogLines } from './view-models/log-scroll.js';
import { episodeOfAlert, scrollBackShowing, selectableAlerts } from './view-models/log-selection.js';
import type { EpisodeEmphasis } from './view-models/alert-episodes.js';
import { helpFrame, paletteFrame } from './view-models/overlay-frame.js';
import { filterPalette, paletteCommands } from './view-models/palette.js';
import { sideBarRows } from './view-models/side-bar.js';
import { statusBar } from './view-models/status-bar.js';
import type { UiLocale, UiStrings } from './view-models/strings.js';
import type { Symbols } from './view-models/symbols.js';
import { padEndCols } from './view-models/text-width.js';
import { titleBarText } from './view-models/title-bar.js';
import { selectProcesses } from '../sampler/processes.js';
import type { LiveFeeds } from './live-feeds.js';
import { mainArea, type MainArea } from './view-models/main-area.js';
import { resolveSelection, processTableLines, type TableLine } from './view-models/process-view.js';
import { diskLines, infoLine, networkLines } from './view-models/resource-views.js';
import { viewStrings } from './view-models/view-strings.js';
import { tabRow, VIEW_ORDER } from './view-models/views.js';
import { createInfoLine, createTabRow, createViewBody, drawTabRow, drawViewBody } from './widgets/main-views.js';
import { createAsciiChart } from './widgets/ascii-chart-box.js';
import { createBrailleChart } from './widgets/braille-chart.js';
import type { ChartView } from './widgets/chart-view.js';
import { drawLogBox, createLogBox } from './widgets/log-box.js';
import { createOverlay, drawOverlay } from './widgets/overlays.js';
import { createSideBar, drawSideBar } from './widgets/side-bar-box.js';
import { createStatusBar, createTitleBar, createTooSmall, drawStatusBar, drawTitleBar, place } from './widgets/text-panels.js';

export interface ViewContext {
  monitor: MonitorPort;
  state: DashboardState;
  strings: UiStrings;
  locale: UiLocale;
  symbols: Symbols;
  ascii: boolean;
  nowMs: () => number;
  host: () => HostInfo | undefined;
  /** The process table and interface list the dashboard reads itself while their view is shown. */
  feeds?: LiveFeeds;
}

/** Points of history in a network sparkline: the last minute at the default 1 s interval. */
const SPARK_POINTS = 60;

const HIDDEN = { left: 0, top: 0, width: 1, height: 1 };

export class DashboardView {
  readonly #screen: Screen;
  readonly #ctx: ViewContext;
  readonly #monochrome: boolean;
  readonly #title: Box;
  readonly #side: Box;
  readonly #log: Box;
  readonly #status: Box;
  readonly #tooSmall: Box;
  readonly #overlay: Box;
  readonly #cpu: ChartView;
  readonly #memory: ChartView;
  readonly #tabs: Box;
  readonly #body: Box;
  readonly #info: Box;
  #layout: Layout | { tooSmall: true };
  #logLines: LogLine[] = [];

  constructor(screen: Screen, ctx: ViewContext) {
    this.#screen = screen;
    this.#ctx = ctx;
    // vt100 and friends: no colours beyond bold and reverse.
    this.#monochrome = (terminalCaps(screen).colors ?? 0) < 8;
    this.#layout = computeLayout(Number(screen.width), Number(screen.height));
    const l = this.#layout.tooSmall ? undefined : this.#layout;
    const bars = { monochrome: this.#monochrome };
    this.#title = createTitleBar(screen, l?.title ?? HIDDEN, bars);
    this.#side = createSideBar(screen, l?.sideBar ?? HIDDEN);
    const chart = ctx.ascii ? createAsciiChart : createBrailleChart;
    this.#cpu = chart(screen, l?.cpuChart ?? { left: 0, top: 0, width: 20, height: 6 });
    this.#memory = chart(screen, l?.memoryChart ?? { left: 0, top: 0, width: 20, height: 6 });
    this.#log = createLogBox(screen, l?.log ?? HIDDEN);
    this.#status = createStatusBar(screen, l?.status ?? HIDDEN, bars);
    this.#tabs = createTabRow(screen, HIDDEN);
    this.#body = createViewBody(screen, HIDDEN);
    this.#info = createInfoLine(screen, HIDDEN);
    this.#tooSmall = createTooSmall(screen);
    this.#overlay = createOverlay(screen, { monochrome: this.#monochrome, ascii: ctx.ascii });
    // Plain boxes: while one's text, place and colours stay, its cells from the last frame are written again as they are.
    for (const box of [this.#title, this.#side, this.#log, this.#status, this.#tabs, this.#body, this.#info]) cacheRendering(box);
    this.#applyLayout();
  }

  get tooSmall(): boolean {
    return this.#layout.tooSmall;
  }

  /** Chart models for the current size, for pause. */
  chartModels(): { cpu: ChartModel; memory: ChartModel } {
    const { monitor, state, strings } = this.#ctx;
    const { store } = monitor;
    const emphasis = this.#selectedEpisode();
    const base = { history: store.history, rollups: store.rollups, rules: store.rules, log: store.log, strings, window: state.chartWindow, nowMs: this.#ctx.nowMs(), ...(emphasis ? { emphasis } : {}) };
    return {
      cpu: cpuChart({ ...base, perCore: state.perCore, maxPoints: this.#cpu.maxPoints() }),
      memory: memoryChart({ ...base, maxPoints: this.#memory.maxPoints() }),
    };
  }

  /** The episode of the alert the log's cursor stands on, if any. */
  #selectedEpisode(): EpisodeEmphasis | undefined {
    const id = this.#ctx.state.logSelection?.alertId;
    if (id === undefined) return undefined;
    const log = this.#ctx.monitor.store.log;
    const alert = selectableAlerts(log).find((a) => a.id === id);
    const episode = alert ? episodeOfAlert(log, alert) : undefined;
    return episode ? { ruleId: episode.ruleId, fromMs: episode.fromMs } : undefined;
  }

  relayout(): void {
    this.#layout = computeLayout(Number(this.#screen.width), Number(this.#screen.height));
    this.#applyLayout();
  }

  #applyLayout(): void {
    const layout = this.#layout;
    const main = [this.#title, this.#side, this.#log, this.#status];
    if (layout.tooSmall) {
      for (const box of main) box.hide();
      this.#cpu.setVisible(false);
      this.#memory.setVisible(false);
      for (const box of [this.#tabs, this.#body, this.#info]) box.hide();
      this.#tooSmall.show();
      return;
    }
    this.#tooSmall.hide();
    for (const box of main) box.show();
    place(this.#title, layout.title);
    place(this.#side, layout.sideBar);
    place(this.#log, layout.log);
    place(this.#status, layout.status);
    this.#applyMainLayout(mainArea(layout));
  }

  /** The tab row, and either the overview's charts and info line or the active view's body. */
  #applyMainLayout(area: MainArea): void {
    place(this.#tabs, area.tabs);
    this.#tabs.show();
    const overview = this.#ctx.state.view === 'overview';
    this.#cpu.place(area.cpuChart);
    this.#cpu.setVisible(overview);
    if (area.memoryChart) this.#memory.place(area.memoryChart);
    this.#memory.setVisible(overview && area.memoryChart !== null);
    if (area.info) place(this.#info, area.info);
    if (overview && area.info) this.#info.show();
    else this.#info.hide();
    place(this.#body, area.body);
    if (overview) this.#body.hide();
    else this.#body.show();
  }

  #area(): MainArea | undefined {
    return this.#layout.tooSmall ? undefined : mainArea(this.#layout);
  }

  /** Redraw the parts that changed, then one screen.render(). */
  render(dirty: ReadonlySet<Part>): void {
    const all = dirty.has('layout');
    if (this.#layout.tooSmall) {
      const s = this.#ctx.strings;
      this.#tooSmall.setContent(`\n ${s.tooSmall(MIN_COLS, MIN_ROWS, Number(this.#screen.width), Number(this.#screen.height))}`);
      this.#overlay.hide();
      this.#screen.render();
      return;
    }
    if (all || dirty.has('title')) this.#drawTitle();
    if (all || dirty.has('side')) this.#drawSide();
    if (all) this.#applyMainLayout(mainArea(this.#layout));
    if (all) this.#drawTabs();
    if (all || dirty.has('charts')) this.#drawMain();
    if (all || dirty.has('log')) this.#drawLog(true);
    if (all || dirty.has('status')) this.#drawStatus();
    if (all || dirty.has('overlay')) this.#drawOverlay();
    this.#screen.render();
  }

  #width(rect: 'title' | 'sideBar' | 'log' | 'status'): number {
    return this.#layout.tooSmall ? 0 : this.#layout[rect].width;
  }

  #drawTitle(): void {
    const { strings, symbols, locale } = this.#ctx;
    drawTitleBar(this.#title, titleBarText({ host: this.#ctx.host(), nowMs: this.#ctx.nowMs(), locale, strings, symbols, widthCols: this.#width('title'), link: this.#ctx.monitor.link() }));
  }

  #drawSide(): void {
    const { monitor, state, strings, symbols, locale } = this.#ctx;
    const store = monitor.store;
    state.selectedIndex = Math.min(state.selectedIndex, Math.max(0, store.rules.length - 1));
    const rows = sideBarRows({ rules: store.rules, overrides: store.overrides, mutedRuleIds: this.#mutedRuleIds(), values: store.latest?.values, selectedIndex: state.selectedIndex, locale, strings, symbols, widthCols: this.#width('sideBar') });
    drawSideBar(this.#side, strings.rules, rows, this.#monochrome);
  }

  #drawCharts(): void {
    const models = this.#ctx.state.paused ?? this.chartModels();
    this.#cpu.draw(models.cpu);
    if (this.#area()?.memoryChart) this.#memory.draw(models.memory);
  }

  #viewStrings(): ReturnType<typeof viewStrings> {
    return viewStrings(this.#ctx.locale, this.#ctx.ascii);
  }

  #drawTabs(): void {
    const area = this.#area();
    if (!area) return;
    const separator = this.#ctx.symbols.bar;
    drawTabRow(this.#tabs, tabRow(this.#ctx.state.view, this.#viewStrings(), area.tabs.width, separator), separator, area.tabs.width);
  }

  /** The active view's content: charts and the info line on the overview, a table on the others. */
  #drawMain(): void {
    const area = this.#area();
    if (!area) return;
    const { state } = this.#ctx;
    if (state.view === 'overview') {
      this.#drawCharts();
      if (area.info) this.#info.setContent(infoLine({ values: this.#ctx.monitor.store.latest?.values, shownInterfaces: this.#ctx.feeds?.shownInterfaces, strings: this.#viewStrings(), symbols: this.#ctx.symbols, widthCols: area.info.width }));
      return;
    }
    drawViewBody(this.#body, this.viewLines(area.body.width, area.body.height));
  }

  /** The lines of the active non-chart view at this size (tests read them too). */
  viewLines(widthCols: number, heightRows: number): TableLine[] {
    const { monitor, state, symbols, ascii } = this.#ctx;
    const strings = this.#viewStrings();
    const values = monitor.store.latest?.values;
    switch (state.view) {
      case 'processes': {
        const all = this.#ctx.feeds?.processes;
        const p = state.processView;
        const rows = all ? selectProcesses(all, { sortBy: p.sortBy, filter: p.filter, showKernelThreads: p.showKernelThreads }) : undefined;
        if (rows) state.processView = resolveSelection(p, rows);
        const total = all ? all.filter((r) => p.showKernelThreads || !r.kernelThread).length : 0;
        const readMs = this.#ctx.feeds?.lastProcessReadMs;
        return processTableLines({ rows, total, state: state.processView, strings, symbols, widthCols, heightRows, ...(readMs !== undefined && widthCols >= 100 ? { readMs } : {}) });
      }
      case 'network': {
        const history = (key: string): number[] => monitor.store.history.series(key, SPARK_POINTS).map((point) => point.value);
        return networkLines({ values, shown: this.#ctx.feeds?.shownInterfaces, showAll: state.networkShowAll, history, strings, ascii, widthCols });
      }
      case 'disks':
        return diskLines({ values, strings, symbols, widthCols });
      case 'overview':
        return [];
    }
  }

  #drawLog(recompute: boolean): void {
    const { monitor, state, strings, symbols, locale } = this.#ctx;
    const width = this.#width('log');
    if (recompute) this.#logLines = alertLogLines({ entries: monitor.store.log, notices: state.notices, nowMs: this.#ctx.nowMs(), locale, strings, symbols, widthCols: width });
    const rows = this.#layout.tooSmall ? 0 : this.#layout.log.height - 1;
    const selection = state.logSelection;
    if (selection) {
      const index = this.#logLines.findIndex((line) => line.alertId === selection.alertId);
      // Its alert fell out of the kept log: nothing left to stand on.
      if (index < 0) state.logSelection = null;
      else if (selection.reveal) {
        state.logScrollBack = scrollBackShowing(index, this.#logLines.length, rows, state.logScrollBack);
        selection.reveal = false;
      }
    }
    const { shown, scrollBack } = visibleLogLines(this.#logLines, rows, state.logScrollBack);
    state.logScrollBack = scrollBack;
    const more = scrollBack > 0 ? ` (+${scrollBack})` : '';
    drawLogBox(this.#log, padEndCols(` ${strings.log}${more}`, width), shown, this.#monochrome, state.logSelection?.alertId);
  }

  #drawStatus(): void {
    const { monitor, state, strings, symbols } = this.#ctx;
    const store = monitor.store;
    const values = store.latest?.values;
    const bar = statusBar({
      rules: store.rules,
      mute: store.mute,
      nowMs: this.#ctx.nowMs(),
      intervalMs: store.intervalMs,
      channels: [...store.channels.values()],
      selfCpuPct: values?.['self:cpu'],
      selfRssBytes: values?.['self:rssBytes'],
      paused: state.paused !== null,
      link: monitor.link(),
      strings,
      symbols,
      widthCols: this.#width('status'),
    });
    drawStatusBar(this.#status, bar, { monochrome: this.#monochrome });
  }

  #drawOverlay(): void {
    const { state, strings, symbols } = this.#ctx;
    if (state.overlay === 'none') {
      this.#overlay.hide();
      return;
    }
    const [cols, rows] = [Number(this.#screen.width), Number(this.#screen.height)];
    const frame =
      state.overlay === 'help'
        ? helpFrame(strings.helpTitle, helpLines(KEYMAP, strings, symbols), cols, rows)
        : paletteFrame(state.palette, filterPalette(state.palette.query, this.paletteCommands()), strings, cols, rows);
    drawOverlay(this.#overlay, frame, { monochrome: this.#monochrome, ascii: this.#ctx.ascii });
  }

  paletteCommands(): ReturnType<typeof paletteCommands> {
    const { monitor, strings, symbols, locale } = this.#ctx;
    return [...this.#viewCommands(), ...paletteCommands(monitor.store.rules, locale, strings, symbols, this.#mutedRuleIds())];
  }

  /** "View: Processes" and the rest, first in the palette; English words searched in either language. */
  #viewCommands(): ReturnType<typeof paletteCommands> {
    const local = this.#viewStrings();
    const en = viewStrings('en', true);
    // The tab's own number as its key (the help overlay's row reads "1-4" for all four).
    return VIEW_ORDER.map((view, i) => ({ label: local.viewCommand(local.tabs[view]), keywords: en.viewCommand(en.tabs[view]), action: { kind: 'showView', view } as const, key: String(i + 1) }));
  }

  #mutedRuleIds(): string[] {
    return Object.keys(activeRuleMutes(this.#ctx.monitor.store.ruleMutes, this.#ctx.nowMs()));
  }
}
