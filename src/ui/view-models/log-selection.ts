// A cursor over the alert log's alert lines (`[` older, `]` newer, Esc clears), and where the charts go for the alert
// it stands on: the smallest chart window that holds the alert's episode, its episode emphasised on the band. Pure.
import type { LogEntry } from '../../store/monitor-store.js';
import type { AlertEvent } from '../../types.js';
import { alertEpisodes, type AlertEpisode } from './alert-episodes.js';
import { CHART_WINDOWS_MS, type ChartWindowName } from './chart-window.js';

/** The alert a person selected in the log, by id, so the cursor stays on it as new lines arrive. */
export interface LogSelection {
  alertId: string;
  /** Scroll the log to the selected line at the next draw (set by a key, cleared once shown: PgUp may leave it). */
  reveal: boolean;
}

/** The alerts the cursor can stand on, in the log's (time) order: test alerts have no episode to show. */
export function selectableAlerts(log: readonly LogEntry[]): AlertEvent[] {
  const alerts = log.filter((e): e is AlertEvent => e.type === 'alert' && !e.test);
  // The log panel sorts by time (stably); the cursor walks the same order.
  return alerts.map((a, i) => ({ a, i })).sort((x, y) => x.a.timeMs - y.a.timeMs || x.i - y.i).map((x) => x.a);
}

/**
 * The alert the cursor moves to: delta < 0 older, > 0 newer, stopping at either end. With nothing selected (or the
 * selected alert gone from the log) either key starts at the newest alert. Null when the log holds no alert.
 */
export function stepLogSelection(alerts: readonly AlertEvent[], currentId: string | null, delta: number): string | null {
  if (alerts.length === 0) return null;
  const at = currentId === null ? -1 : alerts.findIndex((a) => a.id === currentId);
  if (at < 0) return alerts[alerts.length - 1]!.id;
  return alerts[Math.min(alerts.length - 1, Math.max(0, at + Math.sign(delta)))]!.id;
}

/**
 * The log's scroll position (lines back from the newest, as visibleLogLines takes it) that shows line `index` of
 * `total` in `rows` rows, moving as little as possible from `scrollBack`.
 */
export function scrollBackShowing(index: number, total: number, rows: number, scrollBack: number): number {
  if (rows <= 0 || index < 0 || index >= total) return scrollBack;
  const maxBack = Math.max(0, total - rows);
  let back = Math.min(Math.max(0, scrollBack), maxBack);
  const first = total - rows - back;
  if (index < first) back = total - rows - index;
  else if (index >= total - back) back = total - 1 - index;
  return Math.min(Math.max(0, back), maxBack);
}

/** The episode an alert line belongs to (the stretch of its rule's firing that holds the alert's time). */
export function episodeOfAlert(log: readonly LogEntry[], alert: AlertEvent): AlertEpisode | undefined {
  const episodes = alertEpisodes(log, [alert.rule]);
  let found: AlertEpisode | undefined;
  for (const episode of episodes) {
    if (episode.fromMs <= alert.timeMs && (episode.toMs === null || alert.timeMs <= episode.toMs)) found = episode;
  }
  return found;
}

export interface WindowChoice {
  window: ChartWindowName;
  /** Older than the largest window: the charts cannot show it (say so). */
  tooOld: boolean;
}

const EDGE_SHARE = 0.05;
const WINDOW_NAMES = Object.keys(CHART_WINDOWS_MS) as ChartWindowName[];

/**
 * The chart window that shows time `atMs`: the current one if it already reaches back that far, else the smallest
 * that does; the largest, marked tooOld, when none does. The windows end at now. A window counts as reaching back only
 * with a margin (EDGE_SHARE): its columns are aligned to the clock, so its left edge is up to a column later than
 * now minus its length, and an alert in the first column or two would hardly be seen.
 */
export function windowShowing(atMs: number, nowMs: number, current: ChartWindowName): WindowChoice {
  const ageMs = Math.max(0, nowMs - atMs);
  const reaches = (name: ChartWindowName): boolean => ageMs <= CHART_WINDOWS_MS[name] * (1 - EDGE_SHARE);
  if (reaches(current)) return { window: current, tooOld: false };
  const fit = WINDOW_NAMES.find(reaches);
  return fit ? { window: fit, tooOld: false } : { window: WINDOW_NAMES[WINDOW_NAMES.length - 1]!, tooOld: true };
}

/**
 * Where the charts go for a selected alert: the window showing its episode from the start; an episode that began
 * more than a day ago but whose alert is within it is shown from the alert on, so a long episode is never "too old".
 */
export function windowForAlert(log: readonly LogEntry[], alert: AlertEvent, nowMs: number, current: ChartWindowName): WindowChoice & { episode?: AlertEpisode } {
  const episode = episodeOfAlert(log, alert);
  const fromStart = episode ? windowShowing(episode.fromMs, nowMs, current) : undefined;
  const choice = fromStart && !fromStart.tooOld ? fromStart : windowShowing(alert.timeMs, nowMs, current);
  return episode ? { ...choice, episode } : choice;
}
