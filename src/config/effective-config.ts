// The effective configuration written back in the shape of the file, for `srvmon check-config`: durations as text,
// runtime threshold overrides applied, secrets redacted. Feeding the result back to resolveConfig yields the same
// config (without overrides), so it can be pasted into a .srvmonrc.
import type { InstanceSpec, RuleSpec, SrvmonConfig } from './config-types.js';
import { keyedSections, type KeyedSections } from './keyed-sections.js';
import type { QuietWindow } from '../notify/policy/policy-types.js';
import { formatDurationMs } from './duration.js';
import { redactSecrets } from './redact.js';
import { extrasShape } from './event-rule-fields.js';
import { RULE_KINDS, RULE_KIND_TABLE, keyedRuleId, shiftedLevels, type Levels, type RuleKind } from '../catalogue/rule-kinds.js';
import { instanceOf } from '../catalogue/metric-keys.js';

/**
 * `writtenChannels` is the channels section as written (after ${ENV} substitution): shown instead of the parsed
 * channel objects, whose shape is the library's (nodemailer's auth, from objects), not the file's.
 */
export function toFileShape(config: SrvmonConfig, overrides: Record<string, number> = {}, writtenChannels?: Record<string, unknown>): Record<string, unknown> {
  const rules: Record<string, unknown> = {};
  for (const kind of RULE_KINDS) {
    const spec = overrides[kind] === undefined ? config.rules[kind] : withThreshold(config.rules[kind], overrides[kind]);
    const keyed = keyedSections(config.rules, kind);
    const section = keyed ? keyedShape(kind, spec, config.rules[kind], keyed, overrides) : { ...ruleShape(spec), ...extrasShape(kind, spec) };
    rules[kind] = RULE_KIND_TABLE[kind].unit === 'fillPerHour' ? withHorizons(section, keyed?.catalogue.key) : section;
  }
  const shape: Record<string, unknown> = {
    interval: formatDurationMs(config.intervalMs),
    history: formatDurationMs(config.historyMs),
    diskInterval: formatDurationMs(config.diskIntervalMs),
    rollup: config.rollupMs === null ? false : formatDurationMs(config.rollupMs),
    locale: config.locale,
    stateDir: config.stateDir,
    rules,
    channels: redactSecrets(
      writtenChannels === undefined
        ? config.channels
        : Object.fromEntries(Object.entries(writtenChannels).filter(([name]) => name in config.channels)),
    ),
    prometheus: { ...config.prometheus },
  };
  // Shown when set, with the zone each period resolved to (a period without `timezone` takes this machine's).
  if ((config.quietHours ?? []).length > 0) shape.quietHours = config.quietHours?.map(quietWindowShape);
  return shape;
}

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const hhmm = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

function quietWindowShape(window: QuietWindow): Record<string, unknown> {
  return { days: window.days.map((day) => DAY_NAMES[day]), from: hhmm(window.fromMin), to: hhmm(window.toMin), timezone: window.timezone, allow: [...window.allow] };
}

/** The engine's policy (catalogue shiftedLevels), in the file's shape: a dropped critical is left out. */
function withThreshold<T extends Levels>(spec: T, threshold: number): T {
  const copy: T = { ...spec, ...shiftedLevels(spec, threshold) };
  if (copy.critical === undefined) delete copy.critical;
  return copy;
}

function ruleShape(spec: RuleSpec): Record<string, unknown> {
  const shape: Record<string, unknown> = { enabled: spec.enabled, threshold: spec.threshold };
  if (spec.critical !== undefined) shape.critical = spec.critical;
  shape.window = spec.window;
  shape.clear = spec.clear;
  shape.repeat = formatDurationMs(spec.repeatMs);
  return shape;
}

const HOUR_MS = 3_600_000;
const LEVEL_KEYS = ['threshold', 'critical', 'clear'] as const;

/**
 * diskfull's levels are fill rates per hour inside (1/24 for 24 h); the file writes them as the horizon, so they are
 * shown that way (`24h`, `1d6h`), whole seconds, which read back to the same rule.
 */
function withHorizons(section: Record<string, unknown>, instancesKey: string | undefined): Record<string, unknown> {
  const asText = (levels: Record<string, unknown>): Record<string, unknown> => {
    const copy = { ...levels };
    for (const key of LEVEL_KEYS) {
      const value = copy[key];
      if (typeof value === 'number' && value > 0) copy[key] = formatDurationMs(Math.round(HOUR_MS / value / 1000) * 1000);
    }
    return copy;
  };
  const shown = asText(section);
  if (instancesKey !== undefined && typeof section[instancesKey] === 'object' && section[instancesKey] !== null) {
    shown[instancesKey] = Object.fromEntries(
      Object.entries(section[instancesKey] as Record<string, unknown>).map(([name, own]) => [name, typeof own === 'object' && own !== null ? asText(own as Record<string, unknown>) : own]),
    );
  }
  return shown;
}

/** A keyed kind's section with its instances' sections (and overridden instances) and its exclude list. */
function keyedShape(kind: RuleKind, spec: RuleSpec, base: RuleSpec, keyed: KeyedSections, overrides: Record<string, number>): Record<string, unknown> {
  const sections: Record<string, unknown> = {};
  const overridden = Object.keys(overrides).flatMap((id) => instanceOf(id, kind) ?? []);
  for (const instance of new Set([...Object.keys(keyed.sections), ...overridden])) {
    const own = keyed.sections[instance] ?? {};
    const override = overrides[keyedRuleId(kind, instance)];
    sections[instance] = mountShape(override === undefined ? own : mountWithThreshold(own, base, override));
  }
  return { ...ruleShape(spec), [keyed.catalogue.key]: sections, exclude: [...keyed.exclude] };
}

function mountWithThreshold(own: InstanceSpec, base: RuleSpec, threshold: number): InstanceSpec {
  // Keep the instance's own gap; without an own clear the engine derives one from the kind's gap.
  const levels = shiftedLevels({ threshold: own.threshold ?? base.threshold, clear: own.clear ?? 0, critical: own.critical }, threshold);
  const copy: InstanceSpec = { ...own, threshold };
  if (own.clear !== undefined) copy.clear = levels.clear;
  if (levels.critical === undefined) delete copy.critical;
  return copy;
}

function mountShape(spec: InstanceSpec): Record<string, unknown> {
  const shape: Record<string, unknown> = {};
  if (spec.enabled !== undefined) shape.enabled = spec.enabled;
  if (spec.threshold !== undefined) shape.threshold = spec.threshold;
  if (spec.critical !== undefined) shape.critical = spec.critical;
  if (spec.window !== undefined) shape.window = spec.window;
  if (spec.clear !== undefined) shape.clear = spec.clear;
  if (spec.repeatMs !== undefined) shape.repeat = formatDurationMs(spec.repeatMs);
  return shape;
}
