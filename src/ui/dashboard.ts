// `srvmon` on a terminal: the dashboard. It subscribes to the store, redraws what changed once per batch of events,
// and turns keys into commands for the monitor. It decides nothing about alerts.
import type { MonitorPort } from '../app/monitor-port.js';
import { readHostInfo, type HostInfo } from '../sampler/host-info.js';
import type { StoreEvent } from '../store/monitor-store.js';
import { muteNoticeText, runAction, type ActionContext } from './dashboard-actions.js';
import { addNotice, initialState } from './dashboard-state.js';
import { DashboardView } from './dashboard-view.js';
import { actionForKey } from './keymap.js';
import { createRenderScheduler, type Part } from './render-scheduler.js';
import { createScreen } from './terminal/screen.js';
import { useAscii } from './terminal/terminal-mode.js';
import type { KeyEvent } from './terminal/blessed-lib.js';
import { paletteKey } from './view-models/palette-input.js';
import { LiveFeeds } from './live-feeds.js';
import { processKey } from './view-models/process-view.js';
import { ruleNameById } from './view-models/rule-display.js';
import { uiStrings } from './view-models/strings.js';
import { symbolsFor } from './view-models/symbols.js';

export interface DashboardOptions {
  /** The monitor in this process, or an agent's through its control socket. */
  monitor: MonitorPort;
  /** --ascii; ASCII is also chosen when the locale is not UTF-8. */
  ascii: boolean;
  /** q / Ctrl+C: the caller stops the monitor (flushing state) and then calls the returned stop function. */
  onQuit: () => void;
  env?: NodeJS.ProcessEnv;
  nowMs?: () => number;
  /** Injected in tests; readHostInfo() by default. */
  readHost?: () => Promise<HostInfo>;
}

/** Which parts each store event changes. */
const PARTS_FOR: { [K in StoreEvent['type']]: readonly Part[] } = {
  sample: ['title', 'side', 'charts', 'status'],
  rules: ['side', 'status', 'charts'],
  alert: ['log'],
  delivery: ['log'],
  mute: ['status', 'log', 'side', 'overlay'],
  channels: ['status', 'title'],
  overrides: ['side', 'charts', 'overlay'],
  history: ['charts'],
  notice: ['log'],
};

/** Starts the dashboard on stdin/stdout; returns a stop function that restores the terminal (safe to call twice). */
export function startDashboard(options: DashboardOptions): () => void {
  const env = options.env ?? process.env;
  const nowMs = options.nowMs ?? Date.now;
  const { monitor } = options;
  const ascii = useAscii(options.ascii, env);
  const locale = monitor.locale;
  const strings = uiStrings(locale, ascii);
  const symbols = symbolsFor(ascii);
  const state = initialState();
  let host: HostInfo | undefined;

  const screen = createScreen({ ascii, env });
  // Filled in below: the feeds redraw through the scheduler, which draws through the view.
  let invalidateMain = (): void => {};
  const feeds = new LiveFeeds({
    intervalMs: () => monitor.store.intervalMs,
    onData: () => invalidateMain(),
    onError: (what, error) => addNotice(state, { timeMs: nowMs(), level: 'warning', message: `${what}: ${error instanceof Error ? error.message : String(error)}` }),
  });
  const view = new DashboardView(screen, { monitor, state, strings, locale, symbols, ascii, nowMs, host: () => host, feeds });
  const scheduler = createRenderScheduler((dirty) => {
    // Read processes and interfaces only while their view is the one shown.
    feeds.sync(state.view);
    try {
      view.render(dirty);
    } catch (error: unknown) {
      // A drawing bug must not loop through the uncaught-error notice into another failing render.
      addNotice(state, { timeMs: nowMs(), level: 'warning', message: `dashboard: ${error instanceof Error ? error.message : String(error)}` });
    }
  });

  invalidateMain = () => scheduler.invalidate('charts');

  const ctx: ActionContext = {
    monitor,
    state,
    strings,
    locale,
    nowMs,
    invalidate: (...parts) => scheduler.invalidate(...parts),
    freezeCharts: () => view.chartModels(),
    quit: () => options.onQuit(),
  };

  const ruleNameOf = (ruleId: string): string => ruleNameById(monitor.store.rules, ruleId, locale);
  const unsubscribe = monitor.store.subscribe((event) => {
    if (event.type === 'notice') addNotice(state, { timeMs: event.timeMs, level: event.level, message: event.message });
    if (event.type === 'mute') addNotice(state, { timeMs: event.timeMs, level: 'info', message: muteNoticeText(strings, event, ruleNameOf) });
    scheduler.invalidate(...PARTS_FOR[event.type]);
  });

  const onKey = (ch: string | undefined, key: KeyEvent | undefined): void => {
    const full = key?.full;
    if (view.tooSmall) {
      // Only quitting makes sense while nothing else is shown.
      const action = actionForKey(full, ch);
      if (action?.kind === 'quit') runAction(action, ctx);
      return;
    }
    if (state.overlay === 'palette') {
      const outcome = paletteKey(state.palette, { full, ch }, view.paletteCommands());
      if ('close' in outcome) {
        state.overlay = 'none';
        scheduler.invalidate('overlay');
        if (outcome.run) runAction(outcome.run, ctx);
      } else {
        state.palette = outcome.state;
        scheduler.invalidate('overlay');
      }
      return;
    }
    if (state.overlay === 'help' && full !== '?') {
      // Any key closes help; q and Ctrl+C still quit.
      state.overlay = 'none';
      scheduler.invalidate('overlay');
      const action = actionForKey(full, ch);
      if (action?.kind === 'quit') runAction(action, ctx);
      return;
    }
    if (state.view === 'processes' && state.overlay === 'none') {
      // The view's own keys first (sort, filter prompt, selection): up/down move the process selection here.
      const next = processKey(state.processView, { full, ch });
      if (next) {
        state.processView = next;
        scheduler.invalidate('charts');
        return;
      }
    }
    if (state.view === 'network' && state.overlay === 'none' && full === 'a') {
      state.networkShowAll = !state.networkShowAll;
      scheduler.invalidate('charts');
      return;
    }
    const action = actionForKey(full, ch);
    if (action) runAction(action, ctx);
  };
  screen.on('keypress', onKey);
  screen.on('resize', () => {
    view.relayout();
    scheduler.invalidate('layout');
  });

  readHost(options).then(
    (info) => {
      host = info;
      scheduler.invalidate('title');
    },
    (error: unknown) => addNotice(state, { timeMs: nowMs(), level: 'warning', message: `host info: ${error instanceof Error ? error.message : String(error)}` }),
  );

  // The first frame at once, with whatever the store has (the persisted log, rules): data follows with the first sample.
  scheduler.invalidate('layout');
  scheduler.flush();

  let stopped = false;
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    unsubscribe();
    feeds.stop();
    scheduler.cancel();
    process.removeListener('exit', stop);
    screen.destroy();
  };
  // Any exit path (process.exit from elsewhere included) restores the terminal.
  process.once('exit', stop);
  return stop;
}

function readHost(options: DashboardOptions): Promise<HostInfo> {
  return (options.readHost ?? readHostInfo)();
}
