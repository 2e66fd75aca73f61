// The alerts firing right now, as notifications, read from the store: what ChannelDeps.firing gives the alertmanager
// channel so that its re-sends follow the engine (resume after a restart, drop what cleared without a notification).
import { formatAlertMessage } from '../alerts/messages.js';
import type { MonitorStore } from '../store/monitor-store.js';
import type { AlertEvent, Locale } from '../types.js';
import { ruleInstance } from '../catalogue/rule-kinds.js';
import type { Notification } from './channel.js';

export interface FiringContext {
  /** The host name the outbox puts on notifications, so that re-sends carry the same `instance` label. */
  host: string;
  locale: Locale;
}

/**
 * One notification per rule that fires now and whose episode was notified (an episode held back by mute or flapping
 * was never sent, and re-sending it would bypass that). The text is the last one sent for the episode; the severity
 * is the current one, which may have dropped back from critical without a notification.
 */
export function firingNotifications(store: Pick<MonitorStore, 'rules' | 'log'>, { host, locale }: FiringContext): Notification[] {
  const notifications: Notification[] = [];
  for (const { rule, state, average } of store.rules) {
    if (state.status !== 'firing' || !state.episodeNotified || state.sinceMs === undefined) continue;
    const sent = lastSentOfEpisode(store.log, rule.id, state.sinceMs);
    const severity = state.severity;
    const level = severity === 'critical' && rule.critical !== undefined ? rule.critical : rule.threshold;
    const value = average ?? sent?.value ?? level;
    const event: AlertEvent = sent
      ? { ...sent, severity }
      : {
          // The log keeps the last LOG_CAPACITY entries; after a long, noisy run the episode's event may be gone.
          type: 'alert',
          id: `firing-${rule.id}-${state.sinceMs}`,
          timeMs: state.sinceMs,
          rule: rule.id,
          kind: rule.kind,
          ...(rule.mountpoint !== undefined ? { mountpoint: rule.mountpoint } : {}),
          state: 'firing',
          severity,
          value,
          threshold: level,
          window: rule.window,
          notify: true,
          muted: false,
          message: formatAlertMessage(
            { kind: rule.kind, instance: ruleInstance(rule.id), state: 'firing', severity, value, level, window: rule.window, durationMs: 0 },
            locale,
          ),
          sinceMs: state.sinceMs,
        };
    notifications.push({ id: event.id, event, host, locale });
  }
  return notifications;
}

function lastSentOfEpisode(log: MonitorStore['log'], ruleId: string, sinceMs: number): AlertEvent | undefined {
  for (let i = log.length - 1; i >= 0; i--) {
    const entry = log[i];
    if (entry?.type === 'alert' && entry.rule === ruleId && entry.sinceMs === sinceMs && entry.notify && entry.state !== 'resolved' && !entry.test) {
      return entry;
    }
  }
  return undefined;
}
