// One outbox file's content, and the check it passes when read back. A file that fails it (hand-edited, copied from
// an older version, truncated by a full disk) is set aside rather than sent: an entry without `createdMs` would be
// retried forever, one without an event cannot be rendered and would fail at every attempt.
import { RULE_KINDS } from '../catalogue/rule-kinds.js';
import { z } from 'zod';
import type { AlertEvent, EpochMs, Locale } from '../types.js';
import type { DigestMessage } from './policy/digest.js';

export interface OutboxEntry {
  /** Notification id (= alert event id). */
  id: string;
  channel: string;
  event: AlertEvent;
  host: string;
  locale: Locale;
  /** Wall time the notification was queued; the 24 h give-up counts from here across restarts. */
  createdMs: EpochMs;
  /** Attempts made so far (one cut short by a crash is added back at the next start, see markInFlight). */
  attempts: number;
  /** Wall time of the next attempt; read back at start and converted to the monotonic clock. */
  nextAttemptMs: EpochMs;
  lastError?: string;
  /** A list message (group, budget summary, digest); `event` is then its most severe alert, with this entry's id. */
  digest?: DigestMessage;
}

// zod 4 numbers are finite: NaN and Infinity (which JSON cannot hold anyway) are refused.
const finite = z.number();

/** The fields the channels read: what must be there for a notification to be rendered at all. */
const alertEventSchema = z.looseObject({
  type: z.literal('alert'),
  id: z.string().min(1),
  timeMs: finite,
  rule: z.string().min(1),
  kind: z.enum(RULE_KINDS),
  mountpoint: z.string().optional(),
  state: z.enum(['firing', 'repeat', 'escalated', 'resolved']),
  severity: z.enum(['warning', 'critical']),
  value: finite,
  threshold: finite,
  window: z.number().int().positive(),
  notify: z.boolean(),
  muted: z.boolean(),
  message: z.string(),
  sinceMs: finite,
  test: z.boolean().optional(),
});

const outboxEntrySchema = z.looseObject({
  id: z.string().min(1),
  channel: z.string().min(1),
  event: alertEventSchema,
  host: z.string(),
  locale: z.enum(['en', 'zh-CN']),
  createdMs: finite,
  attempts: z.number().int().nonnegative(),
  nextAttemptMs: finite,
  lastError: z.string().optional(),
  digest: z.looseObject({ kind: z.enum(['group', 'summary', 'digest']), items: z.array(z.looseObject({ rule: z.string(), kind: z.string() })).min(1), more: z.number(), fromMs: finite, toMs: finite }).optional(),
});

export type EntryCheck = { ok: true; entry: OutboxEntry } | { ok: false; reason: string };

/** Parses and checks one file's text for the channel folder it was found in. */
export function parseOutboxEntry(text: string, channel: string): EntryCheck {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, reason: text.length === 0 ? 'empty file' : 'not JSON' };
  }
  const parsed = outboxEntrySchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `${issue?.path.join('.') || 'entry'}: ${issue?.message ?? 'invalid'}` };
  }
  const entry = parsed.data as OutboxEntry;
  if (entry.channel !== channel) return { ok: false, reason: `channel is ${quoted(entry.channel)}, found in the folder of ${quoted(channel)}` };
  if (entry.event.id !== entry.id) return { ok: false, reason: `id ${quoted(entry.id)} is not the event's id ${quoted(entry.event.id)}` };
  return { ok: true, entry };
}

/** File content is untrusted: quoted with escapes (no raw control characters in a warning) and cut short. */
function quoted(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}
