// One line per event, for the headless output and replay: human-readable, or one JSON object (`--json`).
// Human lines pass through terminalSafe: a mount point, a rule id or a server's error text may hold control
// characters (a newline would forge a second line, ESC ] 0; would retitle the terminal).
import { formatEvidenceLines } from '../alerts/evidence-text.js';
import { crossedSign, formatLevel, formatValue } from '../alerts/messages.js';
import { terminalSafe } from '../text/terminal-safe.js';
import type { AlertEvent, DeliveryEvent, Locale } from '../types.js';

export function isoTime(timeMs: number): string {
  return new Date(timeMs).toISOString();
}

/**
 * The JSON shape of an alert event: every event has `type` and `time` (ISO 8601). Evidence and peak are the webhook's
 * structured fields (webhook-channel.ts), and so is durationMs on a resolve.
 */
export function alertJson(event: AlertEvent): Record<string, unknown> {
  const { type, timeMs, sinceMs, ...rest } = event;
  const duration = event.state === 'resolved' ? { durationMs: Math.max(0, timeMs - sinceMs) } : {};
  return { type, time: isoTime(timeMs), ...rest, since: isoTime(sinceMs), ...duration };
}

export function deliveryJson(event: DeliveryEvent): Record<string, unknown> {
  const { type, timeMs, ...rest } = event;
  return { type, time: isoTime(timeMs), ...rest };
}

/** The human line, then its evidence indented below it (each line terminal-safe: names are the system's text). */
export function alertLines(event: AlertEvent, locale: Locale = 'en'): string[] {
  return [alertLine(event), ...formatEvidenceLines(event, locale).map((line) => terminalSafe(`    ${line}`))];
}

export function alertLine(event: AlertEvent): string {
  const crossed = crossedSign(event.kind, event.state);
  // "notify" rather than "sent": whether it reached anyone is what the delivery lines say.
  const how = event.notify ? 'notify' : `recorded only (${event.suppressedBy ?? 'not notified'})`;
  const test = event.test ? ' [test]' : '';
  return terminalSafe(
    [
      isoTime(event.timeMs),
      event.state.toUpperCase().padEnd(9),
      event.severity.padEnd(8),
      `${event.rule}${test}`,
      `${formatValue(event.kind, event.value)} ${crossed} ${formatLevel(event.kind, event.threshold)}`,
      `${how}:`,
      event.message,
    ].join('  '),
  );
}

export function deliveryLine(event: DeliveryEvent): string {
  const result = event.ok ? 'ok' : `failed${event.willRetry ? ', will retry' : ''}: ${event.error ?? ''}${event.hint ? ` (${event.hint})` : ''}`;
  const latency = event.latencyMs !== undefined ? ` in ${event.latencyMs}ms` : '';
  return terminalSafe(`${isoTime(event.timeMs)}  DELIVERY   ${event.channel}  ${event.rule}  attempt ${event.attempt}${latency}  ${result}`);
}
