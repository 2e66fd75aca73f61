// One handler per action kind (keys and palette entries both end here). Handlers only send commands to the monitor
// or change what the dashboard shows; the monitor decides everything about alerts.
import { DEFAULT_MUTE_MS, isMutedAt, type MonitorPort } from '../app/monitor-port.js';
import { changedMuteUntil } from '../app/mutes.js';
import type { MuteEvent } from '../store/monitor-store.js';
import { RULE_KIND_TABLE } from '../catalogue/rule-kinds.js';
import type { RuleKind } from '../types.js';
import { addNotice, type DashboardState } from './dashboard-state.js';
import type { Part } from './render-scheduler.js';
import type { UiAction, UiActionKind } from './ui-action.js';
import { nextChartWindow } from './view-models/chart-window.js';
import { clockTime, logTime } from './view-models/format.js';
import { selectableAlerts, stepLogSelection, windowForAlert } from './view-models/log-selection.js';
import { EMPTY_PALETTE } from './view-models/palette-input.js';
import { ruleName } from './view-models/rule-display.js';
import { cycleView } from './view-models/views.js';
import type { UiLocale, UiStrings } from './view-models/strings.js';

export interface ActionContext {
  /** The monitor, in this process or attached through its control socket: the actions cannot tell. */
  monitor: MonitorPort;
  state: DashboardState;
  strings: UiStrings;
  locale: UiLocale;
  nowMs: () => number;
  invalidate: (...parts: Part[]) => void;
  /** Freeze the charts on what they show now (pause). */
  freezeCharts: () => DashboardState['paused'];
  quit: () => void;
}

type Handlers = { [K in UiActionKind]: (action: Extract<UiAction, { kind: K }>, ctx: ActionContext) => void };

function notice(ctx: ActionContext, level: 'info' | 'warning', message: string): void {
  addNotice(ctx.state, { timeMs: ctx.nowMs(), level, message });
  ctx.invalidate('log');
}

/** `+`/`-` move a threshold by the kind's step (catalogue): 1 point of percent, 0.1 of load per core. */
export function thresholdStep(kind: RuleKind, delta: number): number {
  return delta * RULE_KIND_TABLE[kind].step;
}

/** A command's failure (an attached monitor that went away, a refused value) becomes a notice, never an exception. */
function command(ctx: ActionContext, what: string, promise: Promise<unknown>): void {
  promise.catch((error: unknown) => notice(ctx, 'warning', `${what}: ${error instanceof Error ? error.message : String(error)}`));
}

function setThreshold(ctx: ActionContext, ruleId: string, value: number): void {
  command(
    ctx,
    ruleId,
    ctx.monitor.commands.setThreshold(ruleId, value).then((error) => {
      const status = ctx.monitor.store.rules.find((r) => r.rule.id === ruleId);
      const name = status ? ruleName(status, ctx.locale) : ruleId;
      if (error) notice(ctx, 'warning', `${name}: ${error}`);
      else notice(ctx, 'info', ctx.strings.thresholdSet(name, String(status?.rule.threshold ?? value)));
    }),
  );
}

const HANDLERS: Handlers = {
  toggleMute: (_a, ctx) =>
    isMutedAt(ctx.monitor.store.mute, ctx.nowMs())
      ? command(ctx, 'unmute', ctx.monitor.commands.unmute())
      : command(ctx, 'mute', ctx.monitor.commands.mute(DEFAULT_MUTE_MS)),
  mute: (a, ctx) => command(ctx, 'mute', ctx.monitor.commands.mute(a.durationMs, a.rules)),
  unmute: (a, ctx) => command(ctx, 'unmute', ctx.monitor.commands.unmute(a.rules)),
  testAlert: (_a, ctx) => {
    // Results arrive as delivery events in the store (joined to the test alert's log line); a failure of the send
    // itself becomes a notice.
    command(ctx, 'test alert', ctx.monitor.commands.sendTestAlert());
  },
  nudgeThreshold: (a, ctx) => {
    const status = ctx.monitor.store.rules[ctx.state.selectedIndex];
    if (!status) return notice(ctx, 'warning', ctx.strings.noRuleSelected);
    const next = Math.round((status.rule.threshold + thresholdStep(status.rule.kind, a.delta)) * 100) / 100;
    setThreshold(ctx, status.rule.id, next);
  },
  setThreshold: (a, ctx) => {
    if (a.value === undefined) return;
    setThreshold(ctx, a.ruleId, a.value);
  },
  resetOverrides: (_a, ctx) => {
    command(ctx, 'reset', ctx.monitor.commands.resetOverrides().then(() => notice(ctx, 'info', ctx.strings.overridesReset)));
  },
  togglePerCore: (_a, ctx) => {
    ctx.state.perCore = !ctx.state.perCore;
    ctx.invalidate('charts');
  },
  cycleChartWindow: (_a, ctx) => {
    ctx.state.chartWindow = nextChartWindow(ctx.state.chartWindow);
    // Paused charts stay paused, frozen again in the new window.
    if (ctx.state.paused) ctx.state.paused = ctx.freezeCharts();
    ctx.invalidate('charts', 'status');
  },
  togglePause: (_a, ctx) => {
    ctx.state.paused = ctx.state.paused ? null : ctx.freezeCharts();
    ctx.invalidate('charts', 'status');
  },
  toggleHelp: (_a, ctx) => {
    ctx.state.overlay = ctx.state.overlay === 'help' ? 'none' : 'help';
    ctx.invalidate('overlay');
  },
  openPalette: (_a, ctx) => {
    ctx.state.overlay = 'palette';
    ctx.state.palette = EMPTY_PALETTE;
    ctx.invalidate('overlay');
  },
  closeOverlay: (_a, ctx) => {
    // Esc closes an overlay first; with none open it clears the log's cursor.
    if (ctx.state.overlay === 'none' && ctx.state.logSelection) {
      ctx.state.logSelection = null;
      ctx.invalidate('log', 'charts');
      return;
    }
    ctx.state.overlay = 'none';
    ctx.invalidate('overlay');
  },
  select: (a, ctx) => {
    const count = ctx.monitor.store.rules.length;
    if (count === 0) return;
    ctx.state.selectedIndex = (ctx.state.selectedIndex + a.delta + count) % count;
    ctx.invalidate('side');
  },
  scrollLog: (a, ctx) => {
    ctx.state.logScrollBack = Math.max(0, ctx.state.logScrollBack - a.delta);
    ctx.invalidate('log');
  },
  selectLogAlert: (a, ctx) => {
    const log = ctx.monitor.store.log;
    const alerts = selectableAlerts(log);
    const id = stepLogSelection(alerts, ctx.state.logSelection?.alertId ?? null, a.delta);
    const alert = alerts.find((e) => e.id === id);
    if (id === null || !alert) return notice(ctx, 'info', ctx.strings.noAlertInLog);
    ctx.state.logSelection = { alertId: id, reveal: true };
    // The alert's episode on the charts: the Overview, in a window that reaches back to it.
    const nowMs = ctx.nowMs();
    const choice = windowForAlert(log, alert, nowMs, ctx.state.chartWindow);
    ctx.state.view = 'overview';
    ctx.state.chartWindow = choice.window;
    // Paused charts stay paused, frozen again in the new window (as with z).
    if (ctx.state.paused) ctx.state.paused = ctx.freezeCharts();
    if (choice.tooOld) notice(ctx, 'info', ctx.strings.alertBeyondCharts(logTime(alert.timeMs, nowMs)));
    ctx.invalidate('layout');
  },
  quit: (_a, ctx) => ctx.quit(),
  showView: (a, ctx) => {
    ctx.state.view = a.view;
    ctx.invalidate('layout');
  },
  cycleView: (a, ctx) => {
    ctx.state.view = cycleView(ctx.state.view, a.delta);
    ctx.invalidate('layout');
  },
};

export function runAction(action: UiAction, ctx: ActionContext): void {
  (HANDLERS[action.kind] as (a: UiAction, c: ActionContext) => void)(action, ctx);
}

/** The log line for a mute change, in the person's language; nameOf gives a rule's display name from its id. */
export function muteNoticeText(strings: UiStrings, event: MuteEvent, nameOf: (ruleId: string) => string): string {
  const { reason, rules } = event;
  const untilMs = changedMuteUntil(event);
  const until = untilMs ? clockTime(untilMs) : null;
  if (rules === null) return reason === 'unmute' ? strings.unmuteNotice : reason === 'expired' ? strings.muteExpired : strings.muteNotice(until);
  const names = rules.map(nameOf).join(', ');
  return reason === 'unmute' ? strings.ruleUnmuteNotice(names) : reason === 'expired' ? strings.ruleMuteExpired(names) : strings.ruleMuteNotice(names, until);
}
