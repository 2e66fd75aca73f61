// The keys a trace line may hold and the values each accepts: one table for the parser, its messages and the
// did-you-mean. A reading outside its range is a broken trace, not a sample: 1e308 % CPU or a negative percentage
// would make the rules fire or resolve on nonsense (and sums of 1e308 overflow to Infinity).

import { FAMILY_INSTANCES, buildKey, type FamilyUnit, type MetricFamily } from '../catalogue/metric-keys.js';
import { RULE_KINDS, RULE_KIND_TABLE, keyedFamily, metricKeyOf } from '../catalogue/rule-kinds.js';
import type { ValueUnitName } from '../catalogue/value-units.js';

export interface FieldRange {
  /** How the message names what is expected: "a percentage 0-100". */
  expected: string;
  min: number;
  max: number;
}

const PERCENT: FieldRange = { expected: 'a percentage 0-100', min: 0, max: 100 };
// A load average of a million is not a reading; the bound only stops absurd numbers.
const LOAD: FieldRange = { expected: 'a load average 0-1000000', min: 0, max: 1_000_000 };
const BYTES_PER_S: FieldRange = { expected: 'bytes per second >= 0', min: 0, max: Number.MAX_SAFE_INTEGER };
const BYTES: FieldRange = { expected: 'a size in bytes >= 0', min: 0, max: Number.MAX_SAFE_INTEGER };
// Sensors report below zero outdoors and a few hundred degrees at most.
const CELSIUS: FieldRange = { expected: 'degrees Celsius -100-400', min: -100, max: 400 };
// srvmon's own CPU is % of one core: above 100 with busy worker threads.
const CORE_PERCENT: FieldRange = { expected: 'a percentage of one core 0-100000', min: 0, max: 100_000 };

export const CORES: FieldRange = { expected: 'a whole number of cores 1-65536', min: 1, max: 65_536 };

/** The range of a reading in each unit of the catalogue (a new unit there must say its range here). */
const STATE: FieldRange = { expected: '0 or 1 (a share of samples in a window: 0-1)', min: 0, max: 1 };
const UNIT_RANGES: Readonly<Record<ValueUnitName | FamilyUnit, FieldRange>> = {
  percent: PERCENT,
  load: LOAD,
  bytesPerSecond: BYTES_PER_S,
  bytes: BYTES,
  celsius: CELSIUS,
  // Growth may be negative (space freed).
  bytesPerHour: { expected: 'bytes per hour', min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER },
  fillPerHour: { expected: 'a fill rate per hour 0-3600', min: 0, max: 3600 },
  corePercent: CORE_PERCENT,
  state: STATE,
};

/** Keys that name one metric: each plain rule kind's metric (catalogue), in its unit's range, and the others. */
const FIXED: Readonly<Record<string, FieldRange>> = {
  ...Object.fromEntries(
    RULE_KINDS.filter((kind) => keyedFamily(kind) === undefined).map((kind) => [metricKeyOf(kind), UNIT_RANGES[RULE_KIND_TABLE[kind].unit]]),
  ),
  load1: LOAD,
  load5: LOAD,
  load15: LOAD,
  'self:cpu': CORE_PERCENT,
  'self:rssBytes': BYTES,
};

/** Keys of a family: `cpu:3`, `disk:/data`, `netRx:eth0`; `name` says what follows the colon (catalogue/metric-keys.ts). */
const FAMILIES: readonly { prefix: string; range: FieldRange; name: string; valid: (rest: string) => boolean }[] = (
  Object.keys(FAMILY_INSTANCES) as MetricFamily[]
).map((family) => {
  const { instance, valid, unit } = FAMILY_INSTANCES[family];
  return { prefix: buildKey(family, ''), range: UNIT_RANGES[unit], name: instance, valid };
});

/** Keys that are not a metric: `time`, `cores`, and `disk` (an object of mount point to percent). */
export const SPECIAL_KEYS = ['time', 'cores', 'disk'] as const;

/** The percent range of one entry of the `disk` object. */
export const DISK_ENTRY = PERCENT;

/** Every key as the did-you-mean compares them: `cpuu` -> `cpu`, `netrx:eth0` -> `netRx:`. */
export const KNOWN_KEYS: readonly string[] = [...SPECIAL_KEYS, ...Object.keys(FIXED), ...FAMILIES.map((f) => f.prefix.slice(0, -1))];

export type FieldLookup = { range: FieldRange } | { unknown: true } | { badName: string };

export function lookupField(key: string): FieldLookup {
  if (Object.hasOwn(FIXED, key)) return { range: FIXED[key]! };
  const family = FAMILIES.find((f) => key.startsWith(f.prefix));
  if (!family) return { unknown: true };
  return family.valid(key.slice(family.prefix.length)) ? { range: family.range } : { badName: `after "${family.prefix}" comes ${family.name}` };
}
