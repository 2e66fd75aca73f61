// The monitor writes a notification to the outbox before it saves the rule state. A crash between the two would
// leave a queued notification that the saved state does not know about, and the engine would send the episode again.
// At start, the queued notifications are folded back into the rule states so each is sent exactly once.
import type { AlertEvent } from '../types.js';
import type { RuleState } from './rule-step.js';

export function reconcileWithQueued(states: Record<string, RuleState>, queued: AlertEvent[]): Record<string, RuleState> {
  const result = { ...states };
  for (const event of queued) {
    if (event.test) continue;
    const state = result[event.rule];
    if (state && state.lastNotifiedMs !== undefined && state.lastNotifiedMs >= event.timeMs) continue;
    if (event.state === 'resolved') {
      if (state?.status === 'firing' && (state.sinceMs ?? 0) <= event.sinceMs) result[event.rule] = { ...state, status: 'ok', severity: 'warning', episodeNotified: false };
      continue;
    }
    if (state && state.status === 'ok' && (state.sinceMs ?? -Infinity) > event.sinceMs) continue; // a later episode already ended
    result[event.rule] = {
      status: 'firing',
      severity: event.severity,
      sinceMs: event.sinceMs,
      episodeNotified: true,
      lastNotifiedMs: event.timeMs,
      repeatAnchorMs: event.timeMs,
    };
  }
  return result;
}
