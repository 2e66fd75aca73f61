// The policy fields every channel section accepts (severity, rules, quietHours, groupWait, maxPerHour,
// budgetHoldsCritical) and the top-level `quietHours`: one schema, merged into every channel in one place
// (config/channels.ts strips these keys before the channel's own schema runs and validates them here), so a
// channel file never declares them. Errors are ConfigErrors naming file, key and value, like the rest of the config.
import { z } from 'zod';
import { ConfigError } from '../../config/config-error.js';
import { formatKeyPath } from '../../config/key-path.js';
import { formatDurationMs, parseDurationMs } from '../../config/duration.js';
import { GOT, parseOrThrow } from '../../config/zod-issues.js';
import { DEFAULT_GROUP_WAIT_MS, type ChannelPolicyConfig, type QuietWindow } from './policy-types.js';

/**
 * Channels whose receiver has its own routing, grouping, inhibition and silences (Alertmanager): srvmon's policy is
 * not applied to them (each event goes at once, as the re-assert protocol needs), and policy keys there are an error.
 */
export const CHANNELS_WITH_OWN_POLICY: readonly string[] = ['alertmanager'];

/** The keys of a channel section that belong to the policy, not to the channel. */
export const POLICY_KEYS = ['severity', 'rules', 'quietHours', 'groupWait', 'maxPerHour', 'budgetHoldsCritical'] as const;

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const FULL_DAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const DAY_GROUPS: Record<string, number[]> = { weekdays: [1, 2, 3, 4, 5], weekends: [0, 6], daily: [0, 1, 2, 3, 4, 5, 6] };
const RULE_KINDS = ['cpu', 'memory', 'swap', 'load', 'disk'];
export const GROUP_WAIT_MAX_MS = 600_000;

const clockTime = z.string({ error: `must be a time of day "HH:MM", e.g. "23:00", ${GOT}` }).transform((text, ctx) => {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2]);
  if (!match || hours > 23 || minutes > 59) {
    ctx.issues.push({ code: 'custom', message: `must be a time of day "HH:MM" from 00:00 to 23:59, ${GOT}`, input: text });
    return z.NEVER;
  }
  return hours * 60 + minutes;
});

/** True when Intl knows the zone (Node 20 ships the full IANA database). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The zone of this machine, for windows that name none. */
export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

const timezone = z
  .string({ error: `must be an IANA time zone such as "Asia/Shanghai", ${GOT}` })
  .refine(isTimeZone, { error: `must be an IANA time zone such as "Asia/Shanghai" or "UTC", ${GOT}` });

const severity = z.enum(['warning', 'critical'], { error: `must be "warning" or "critical", ${GOT}` });

const days = z
  .array(z.string({ error: `must be a day: mon..sun, weekdays, weekends or daily, ${GOT}` }), { error: `must be a list of days, e.g. [mon, tue] or [weekdays], ${GOT}` })
  .min(1, { error: `must list at least one day, ${GOT}` })
  .transform((names, ctx) => {
    const result = new Set<number>();
    for (const [index, name] of names.entries()) {
      const key = name.trim().toLowerCase();
      const group = DAY_GROUPS[key];
      const day = DAY_NAMES.findIndex((short, i) => key === short || key === FULL_DAY_NAMES[i]);
      if (group) group.forEach((d) => result.add(d));
      else if (day >= 0) result.add(day);
      else {
        ctx.issues.push({ code: 'custom', message: `must be a day: mon..sun, weekdays, weekends or daily, ${GOT}`, input: name, path: [index] });
        return z.NEVER;
      }
    }
    return [...result].sort();
  });

const quietWindow = z
  .strictObject({
    days: days.optional(),
    from: clockTime,
    to: clockTime,
    timezone: timezone.optional(),
    allow: z.array(severity, { error: `must be a list of severities, e.g. [critical], ${GOT}` }).optional(),
  }, { error: (issue) => (issue.code === 'invalid_type' ? `must be a section with from, to (and days, timezone, allow), ${GOT}` : undefined) })
  .superRefine((value, ctx) => {
    if (value.from === value.to) ctx.addIssue({ code: 'custom', message: `must differ from "from" (a quiet period of no length), ${GOT}`, path: ['to'], input: value.to });
  })
  .transform((value): QuietWindow => ({
    days: value.days ?? [0, 1, 2, 3, 4, 5, 6],
    fromMin: value.from,
    toMin: value.to,
    timezone: value.timezone ?? systemTimeZone(),
    allow: value.allow ?? [],
  }));

/** `quietHours`: a list of windows; null or false means none. */
export const quietHoursSchema = z.preprocess(
  (value) => (value === false || value === null ? [] : value),
  z.array(quietWindow, { error: `must be a list of quiet periods, e.g. [{ from: "23:00", to: "07:30" }], or false, ${GOT}` }),
);

const groupWait = z.unknown().transform((value, ctx): number => {
  if (value === false || value === 0) return 0;
  const fail = (message: string) => {
    ctx.issues.push({ code: 'custom', message, input: value });
    return z.NEVER;
  };
  if (typeof value !== 'string') return fail(`must be a duration such as "5s", or false to send each at once, ${GOT}`);
  let waitMs: number;
  try {
    waitMs = parseDurationMs(value);
  } catch {
    return fail(`must be a duration such as "5s", or false to send each at once, ${GOT}`);
  }
  if (waitMs > GROUP_WAIT_MAX_MS) return fail(`must be at most ${formatDurationMs(GROUP_WAIT_MAX_MS)}, ${GOT}`);
  return waitMs;
});

const ruleRef = z.string({ error: `must be a rule id or kind, e.g. cpu, disk or "disk:/data", ${GOT}` }).refine((ref) => RULE_KINDS.includes(ref) || /^disk:\/\S*$/.test(ref), {
  error: `must be a rule id or kind: cpu, memory, swap, load, disk or "disk:/mount", ${GOT}`,
});

const channelPolicySchema = z.strictObject({
  severity: severity.optional(),
  rules: z.array(ruleRef, { error: `must be a list of rule ids or kinds, e.g. [cpu, "disk:/data"], ${GOT}` }).min(1, { error: 'must list at least one rule (remove the key to send every rule)' }).optional(),
  quietHours: quietHoursSchema.optional(),
  groupWait: groupWait.optional(),
  maxPerHour: z
    .number({ error: `must be a whole number of messages from 1 up, ${GOT}` })
    .int({ error: `must be a whole number of messages from 1 up, ${GOT}` })
    .min(1, { error: `must be a whole number of messages from 1 up, ${GOT}` })
    .optional(),
  budgetHoldsCritical: z.boolean({ error: `must be true or false, ${GOT}` }).optional(),
});

/** Splits a channel section into its policy fields and the channel's own fields. */
export function splitPolicyFields(section: Record<string, unknown>): { policy: Record<string, unknown>; own: Record<string, unknown> } {
  const policy: Record<string, unknown> = {};
  const own: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(section)) {
    if ((POLICY_KEYS as readonly string[]).includes(key)) {
      // null (a key with its value commented out) counts as not written
      if (value !== null) policy[key] = value;
    } else own[key] = value;
  }
  return { policy, own };
}

/** The policy of one channel, with the top-level quiet hours when the channel names none of its own. */
export function parseChannelPolicy(fields: Record<string, unknown>, file: string | null, path: readonly PropertyKey[], globalQuiet: QuietWindow[]): ChannelPolicyConfig {
  const [key] = Object.keys(fields);
  const channel = String(path[path.length - 1]);
  if (key !== undefined && CHANNELS_WITH_OWN_POLICY.includes(channel)) {
    throw new ConfigError(file, formatKeyPath([...path, key]), `is not used here: ${channel} has its own routing, grouping and silences; set them there`);
  }
  const parsed = parseOrThrow(channelPolicySchema, fields, { file, pathPrefix: path });
  return {
    ...(parsed.severity !== undefined ? { severity: parsed.severity } : {}),
    ...(parsed.rules !== undefined ? { rules: parsed.rules } : {}),
    quietHours: parsed.quietHours ?? globalQuiet,
    groupWaitMs: parsed.groupWait ?? DEFAULT_GROUP_WAIT_MS,
    ...(parsed.maxPerHour !== undefined ? { maxPerHour: parsed.maxPerHour } : {}),
    budgetHoldsCritical: parsed.budgetHoldsCritical ?? false,
  };
}
