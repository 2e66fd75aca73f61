// The shape of an alert-log line read back from disk. The file is data, not code we wrote: a line another version,
// an editor or a crash left behind must be refused here, not crash the dashboard's log panel later.
import { RULE_KINDS } from '../catalogue/rule-kinds.js';
import { z } from 'zod';
import type { AlertEvent, DeliveryEvent } from '../types.js';
import type { LogEntry } from '../store/monitor-store.js';

/** What Date can hold: anything outside makes toISOString() throw. */
const MAX_EPOCH_MS = 8.64e15;

const epochMs = z.number().min(-MAX_EPOCH_MS).max(MAX_EPOCH_MS);
const ruleKind = z.enum(RULE_KINDS);
const severity = z.enum(['warning', 'critical']);

const alertEventSchema = z.object({
  type: z.literal('alert'),
  id: z.string(),
  timeMs: epochMs,
  rule: z.string(),
  kind: ruleKind,
  mountpoint: z.string().optional(),
  state: z.enum(['firing', 'repeat', 'escalated', 'resolved']),
  severity,
  value: z.number(),
  threshold: z.number(),
  window: z.number(),
  notify: z.boolean(),
  muted: z.boolean(),
  suppressedBy: z.enum(['throttle', 'flapping', 'mute', 'not-notified-episode']).optional(),
  message: z.string(),
  sinceMs: epochMs,
  test: z.boolean().optional(),
  // The peak of a resolve is kept when the log is read back; the evidence is not (the log shows the message).
  peak: z.number().optional(),
}) satisfies z.ZodType<AlertEvent>;

const deliveryEventSchema = z.object({
  type: z.literal('delivery'),
  timeMs: epochMs,
  alertId: z.string(),
  rule: z.string(),
  channel: z.string(),
  ok: z.boolean(),
  attempt: z.number(),
  error: z.string().optional(),
  hint: z.string().optional(),
  willRetry: z.boolean().optional(),
  latencyMs: z.number().optional(),
  test: z.boolean().optional(),
}) satisfies z.ZodType<DeliveryEvent>;

const logEntrySchema = z.discriminatedUnion('type', [alertEventSchema, deliveryEventSchema]);

/** The entry a line holds, or undefined for a line that is not valid JSON or not a whole alert or delivery event. */
export function parseLogLine(line: string): LogEntry | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  const result = logEntrySchema.safeParse(value);
  return result.success ? result.data : undefined;
}
