// The shape of a config file, field by field (types and ranges of single values). Rules that relate two fields
// (critical above threshold, window fits in history...) need the defaults first and live in resolve-rules.ts.
// Every field is optional; null (an empty YAML key such as "channels:" with its children commented out) counts as
// not written, except for a rule section, where "swap:" alone means "present" and so enables the rule.
import { z } from 'zod';
import { DURATION_FORMS, formatDurationMs, parseDurationMs } from './duration.js';
import { LOCALE_FORMS, normaliseLocale } from './locale.js';
import { parseListen } from './listen.js';
import { GOT } from './zod-issues.js';
import { RULE_KINDS, RULE_KIND_TABLE, instanceSectionsOf, type RuleKind } from '../catalogue/rule-kinds.js';
import type { InstanceSections } from '../catalogue/instance-sections.js';
import { VALUE_UNITS, type ValueUnit, type ValueUnitName } from '../catalogue/value-units.js';
import { quietHoursSchema } from '../notify/policy/policy-config.js';
import { EXTRA_RULE_FIELDS, LIST_SHORTHAND } from './event-rule-fields.js';

/** Bounds of the durations, shared with the checks of command-line values. */
export const INTERVAL_MIN_MS = 100;
export const INTERVAL_MAX_MS = 3_600_000;
export const MAX_HISTORY_SAMPLES = 100_000;
/** Bounds of `rollup`: the per-minute history covers at least the 1 h chart window and at most the 24 h one. */
export const ROLLUP_MIN_MS = 3_600_000;
export const ROLLUP_MAX_MS = 86_400_000;

interface DurationBounds {
  minMs: number;
  maxMs: number;
}

function duration(bounds: DurationBounds) {
  return z.unknown().transform((value, ctx): number | undefined => durationValue(value, bounds, ctx)).optional();
}

/** A duration, or false for "off" (`rollup: false`). */
function durationOrFalse(bounds: DurationBounds) {
  return z
    .unknown()
    .transform((value, ctx): number | false | undefined => (value === false ? false : durationValue(value, bounds, ctx, ' or false')))
    .optional();
}

function durationValue(value: unknown, bounds: DurationBounds, ctx: z.core.$RefinementCtx, orWhat = ''): number | undefined {
  if (value === undefined || value === null) return undefined;
  const fail = (message: string) => {
    ctx.issues.push({ code: 'custom', message, input: value });
    return z.NEVER;
  };
  if (typeof value !== 'string') {
    return fail(`a duration needs a unit, e.g. ${DURATION_FORMS}${orWhat}; ${GOT}`);
  }
  let valueMs: number;
  try {
    valueMs = parseDurationMs(value);
  } catch (error: unknown) {
    return fail(`${String((error as Error).message).replace(/; got .*$/, '')}; ${GOT}`);
  }
  if (valueMs < bounds.minMs || valueMs > bounds.maxMs) {
    return fail(`must be from ${formatDurationMs(bounds.minMs)} to ${formatDurationMs(bounds.maxMs)}${orWhat}, ${GOT}`);
  }
  return valueMs;
}

/**
 * A level in the unit's bounds (threshold, critical); `hint` says what the number is: ` (load1 per core)`. A unit
 * that reads text (`100Mbit` for a rate) takes it too, turned into its number before the bounds are checked.
 */
function level(unitName: ValueUnitName, hint = '') {
  const unit: ValueUnit = VALUE_UNITS[unitName];
  const message = `must be a number ${unit.boundsText}${hint}, ${GOT}`;
  let number = z.number({ error: message });
  number = unit.minExclusive ? number.gt(unit.min, { error: message }) : number.min(unit.min, { error: message });
  if (unit.max !== undefined) number = number.max(unit.max, { error: message });
  return acceptingText(unit, number.nullish());
}

/** The schema of a level, taking the unit's text form too (`100Mbit`) when it has one. */
function acceptingText<T extends z.ZodType>(unit: ValueUnit, schema: T) {
  const { parseText } = unit;
  if (!parseText) return schema;
  return z.preprocess((value, ctx) => {
    if (typeof value !== 'string') return value;
    try {
      return parseText(value);
    } catch (error: unknown) {
      ctx.addIssue({ code: 'custom', message: `${(error as Error).message}, ${GOT}`, input: value });
      return z.NEVER;
    }
  }, schema) as unknown as T;
}

/** A clear level: within the unit's bounds, and from its minimum up (a load may clear at 0). */
function clearLevel(unitName: ValueUnitName) {
  const unit = VALUE_UNITS[unitName];
  if (unit.max !== undefined) return level(unitName);
  const message = `must be a number from ${unit.min} up, ${GOT}`;
  return acceptingText(unit, z.number({ error: message }).min(unit.min, { error: message }).nullish());
}

const windowMessage = `must be a whole number of samples, at least 1, ${GOT}`;
const windowSamples = z.number({ error: windowMessage }).int({ error: windowMessage }).min(1, { error: windowMessage }).nullish();

const repeat = duration({ minMs: 1000, maxMs: 30 * 86_400_000 });

function ruleFields(kind: RuleKind) {
  const { unit, thresholdHint } = RULE_KIND_TABLE[kind] as { unit: ValueUnitName; thresholdHint?: string };
  return {
    enabled: z.boolean().nullish(),
    threshold: level(unit, thresholdHint),
    critical: level(unit),
    window: windowSamples,
    clear: clearLevel(unit),
    repeat,
  };
}

/** `false` disables, `true` or an empty section enables with defaults; `listKey` takes a list as that key's value. */
function toggleable<T extends z.ZodType>(section: T, what: string, listKey?: string) {
  return z
    .preprocess(
      (value) =>
        typeof value === 'boolean' ? { enabled: value } : value === null ? {} : listKey !== undefined && Array.isArray(value) ? { [listKey]: value } : value,
      section,
    )
    .optional()
    .describe(what);
}

function section<Shape extends z.core.$ZodLooseShape>(shape: Shape, what: string) {
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'invalid_type' ? `must be ${what}, ${GOT}` : undefined),
  });
}

const nullAsEmpty = (value: unknown) => (value === null ? {} : value);

const plainRule = (kind: RuleKind) => toggleable(section(ruleFields(kind), 'a rule section or false'), 'rule');

/**
 * A keyed kind's section with its per-instance sections (`mounts`, `interfaces`: the catalogue row's `instances`)
 * and its exclude list. Each instance's section takes the kind's fields.
 */
function keyedRule(kind: RuleKind, instances: InstanceSections) {
  const instanceRule = toggleable(section(ruleFields(kind), 'a rule section or false'), instances.key.replace(/s$/, ''));
  return toggleable(
    section(
      {
        ...ruleFields(kind),
        [instances.key]: z.preprocess(nullAsEmpty, z.record(z.string(), instanceRule)).optional(),
        exclude: z
          .array(
            z.string({ error: `must be ${instances.excludeEntryText}, ${GOT}` }).superRefine((entry, ctx) => {
              const error = instances.excludeEntryError(entry);
              if (error !== null) ctx.addIssue({ code: 'custom', message: `${error}, ${GOT}`, input: entry });
            }),
            { error: `must be ${instances.excludeListText}, ${GOT}` },
          )
          .nullish(),
      },
      'a rule section or false',
    ),
    'rule',
  );
}

/** What a keyed kind's section holds once parsed: the rule's fields, its instances' sections, its exclude list. */
export type FileKeyedRule = FileRule & { exclude?: string[] | null | undefined } & Record<string, unknown>;

/** A kind with settings of its own (event-rule-fields.ts): the common fields and those. */
function extendedRule(kind: keyof typeof EXTRA_RULE_FIELDS) {
  const listKey = LIST_SHORTHAND[kind];
  const what = listKey === undefined ? 'a rule section or false' : `a list of ${listKey}, a rule section or false`;
  return toggleable(section({ ...ruleFields(kind), ...EXTRA_RULE_FIELDS[kind] }, what), 'rule', listKey);
}

/** One section per kind of the catalogue; a kind with per-instance sections (disk's mounts...) takes them too. */
function ruleSections() {
  const sections = Object.fromEntries(
    RULE_KINDS.map((kind) => {
      const instances = instanceSectionsOf(kind);
      return [kind, instances ? keyedRule(kind, instances) : Object.hasOwn(EXTRA_RULE_FIELDS, kind) ? extendedRule(kind as keyof typeof EXTRA_RULE_FIELDS) : plainRule(kind)];
    }),
  );
  return sections as Record<RuleKind, ReturnType<typeof plainRule>>;
}

const locale = z.unknown().transform((value, ctx) => {
  if (value === undefined || value === null) return undefined;
  const normalised = typeof value === 'string' ? normaliseLocale(value) : undefined;
  if (!normalised) {
    ctx.issues.push({ code: 'custom', message: `must be ${LOCALE_FORMS}, ${GOT}`, input: value });
    return z.NEVER;
  }
  return normalised;
}).optional();

const listen = z.unknown().transform((value, ctx) => {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' && typeof value !== 'number') {
    ctx.issues.push({ code: 'custom', message: `must be host:port text, ${GOT}`, input: value });
    return z.NEVER;
  }
  try {
    return parseListen(value);
  } catch (error: unknown) {
    ctx.issues.push({ code: 'custom', message: `${(error as Error).message}, ${GOT}`, input: value });
    return z.NEVER;
  }
}).optional();

export const fileSchema = section(
  {
    interval: duration({ minMs: INTERVAL_MIN_MS, maxMs: INTERVAL_MAX_MS }),
    // The real bounds of history depend on interval; they are checked in resolve-config.ts.
    history: duration({ minMs: INTERVAL_MIN_MS, maxMs: 366 * 86_400_000 }),
    diskInterval: duration({ minMs: INTERVAL_MIN_MS, maxMs: 86_400_000 }),
    // The day of per-minute history for the charts; false keeps none.
    rollup: durationOrFalse({ minMs: ROLLUP_MIN_MS, maxMs: ROLLUP_MAX_MS }),
    locale,
    stateDir: z.string({ error: `must be a directory path, ${GOT}` }).min(1, { error: 'must not be empty' }).nullish(),
    rules: z
      .preprocess(
        nullAsEmpty,
        section(ruleSections(), 'a section of rules'),
      )
      .optional(),
    // Each channel is checked by its own schema from the notify registry (channels.ts).
    channels: z
      .preprocess(nullAsEmpty, z.record(z.string(), z.unknown(), { error: `must be a section of channels, ${GOT}` }))
      .optional(),
    // When notifications wait for a digest (notify/policy/); a channel's own quietHours replace these.
    quietHours: quietHoursSchema.optional(),
    prometheus: z.preprocess(nullAsEmpty, section({ listen }, 'a section with listen')).optional(),
    // The owner's control socket (srvmon status, mute, the attached dashboard). Its 108-byte limit is checked when
    // the path is known (resolve-config.ts).
    control: z
      .preprocess(
        nullAsEmpty,
        section(
          {
            socket: z.string({ error: `must be a socket path, ${GOT}` }).min(1, { error: 'must not be empty' }).nullish(),
            group: z
              .string({ error: `must be a group name, ${GOT}` })
              .regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,31}\$?$|^\d+$/, { error: `must be a group name or gid, ${GOT}` })
              .nullish(),
          },
          'a section with socket and group',
        ),
      )
      .optional(),
  },
  'key: value pairs (a YAML or JSON object)',
);

export type FileConfig = z.output<typeof fileSchema>;
export type FileRule = NonNullable<FileConfig['rules']>['cpu'];

/** "rules.cpuu" is an unknown rule, "channels.slack" an unknown channel: better words than "key". */
export function unknownKeyNoun(path: readonly PropertyKey[]): string | undefined {
  if (path.length === 1 && path[0] === 'rules') return 'rule';
  return undefined;
}
