// At start, the saved rule states are made consistent with the outbox and with the clock.
// - The monitor writes a notification to the outbox before it saves the rule state. A crash between the two would
//   leave a queued notification that the saved state does not know about, and the engine would send the episode
//   again. The queued notifications are folded back into the rule states so each is sent exactly once.
// - A state saved while the wall clock was ahead (an NTP step back since, a VM restored from a snapshot) holds times
//   in the future. Taken at face value, a lastNotifiedMs in the future throttles every new episode as "flapping" and
//   a repeat anchor in the future holds repeats back: times after now are not evidence of anything, so they go.
import type { AlertEvent, EpochMs } from '../types.js';
import type { RuleState } from './rule-step.js';

export function reconcileWithQueued(states: Record<string, RuleState>, queued: AlertEvent[], nowMs: EpochMs): Record<string, RuleState> {
  const result: Record<string, RuleState> = {};
  for (const [rule, state] of Object.entries(states)) result[rule] = withoutFutureTimes(state, nowMs);
  for (const queuedEvent of queued) {
    if (queuedEvent.test) continue;
    // Queued while the clock was ahead: it is still going out, so it counts, as of now.
    const event = queuedEvent.timeMs > nowMs ? { ...queuedEvent, timeMs: nowMs, sinceMs: Math.min(queuedEvent.sinceMs, nowMs) } : queuedEvent;
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

/**
 * A lastNotifiedMs after now is dropped (no throttle from a time that has not happened); a repeat anchor or episode
 * start after now becomes now (the episode is real, only its clock was wrong).
 */
export function withoutFutureTimes(state: RuleState, nowMs: EpochMs): RuleState {
  const next = { ...state };
  if (next.lastNotifiedMs !== undefined && next.lastNotifiedMs > nowMs) delete next.lastNotifiedMs;
  if (next.repeatAnchorMs !== undefined && next.repeatAnchorMs > nowMs) next.repeatAnchorMs = nowMs;
  if (next.sinceMs !== undefined && next.sinceMs > nowMs) next.sinceMs = nowMs;
  return next;
}
