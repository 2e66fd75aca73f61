// The effective configuration written back in the shape of the file, for `srvmon check-config`: durations as text,
// runtime threshold overrides applied, secrets redacted. Feeding the result back to resolveConfig yields the same
// config (without overrides), so it can be pasted into a .srvmonrc.
import type { InstanceSpec, RuleSpec, SrvmonConfig } from './config-types.js';
import { keyedSections, type KeyedSections } from './keyed-sections.js';
import type { QuietWindow } from '../notify/policy/policy-types.js';
import { formatDurationMs } from './duration.js';
import { redactSecrets } from './redact.js';
import { extrasShape } from './event-rule-fields.js';
import { RULE_KINDS, keyedRuleId, shiftedLevels, type Levels, type RuleKind } from '../catalogue/rule-kinds.js';
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
    rules[kind] = keyed ? keyedShape(kind, spec, config.rules[kind], keyed, overrides) : { ...ruleShape(spec), ...extrasShape(kind, spec) };
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
