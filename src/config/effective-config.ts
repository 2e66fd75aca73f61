// The effective configuration written back in the shape of the file, for `srvmon check-config`: durations as text,
// runtime threshold overrides applied, secrets redacted. Feeding the result back to resolveConfig yields the same
// config (without overrides), so it can be pasted into a .srvmonrc.
import type { DiskRuleSpec, RuleSpec, SrvmonConfig } from './config-types.js';
import { formatDurationMs } from './duration.js';
import { redactSecrets } from './redact.js';
import { extrasShape } from './event-rule-fields.js';
import { RULE_KINDS, keyedRuleId, shiftedLevels, type Levels } from '../catalogue/rule-kinds.js';
import { instanceOf } from '../catalogue/metric-keys.js';

type MountSpec = DiskRuleSpec['mounts'][string];

/**
 * `writtenChannels` is the channels section as written (after ${ENV} substitution): shown instead of the parsed
 * channel objects, whose shape is the library's (nodemailer's auth, from objects), not the file's.
 */
export function toFileShape(config: SrvmonConfig, overrides: Record<string, number> = {}, writtenChannels?: Record<string, unknown>): Record<string, unknown> {
  const rules: Record<string, unknown> = {};
  for (const kind of RULE_KINDS) {
    const spec = overrides[kind] === undefined ? config.rules[kind] : withThreshold(config.rules[kind], overrides[kind]);
    rules[kind] = 'mounts' in config.rules[kind] ? diskShape(spec, config.rules.disk, overrides) : { ...ruleShape(spec), ...extrasShape(kind, spec) };
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
  return shape;
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

function diskShape(spec: RuleSpec, disk: DiskRuleSpec, overrides: Record<string, number>): Record<string, unknown> {
  const mounts: Record<string, unknown> = {};
  const mountpoints = new Set([...Object.keys(disk.mounts), ...overriddenMounts(overrides)]);
  for (const mountpoint of mountpoints) {
    const own = disk.mounts[mountpoint] ?? {};
    const override = overrides[keyedRuleId('disk', mountpoint)];
    mounts[mountpoint] = mountShape(override === undefined ? own : mountWithThreshold(own, disk, override));
  }
  return { ...ruleShape(spec), mounts, exclude: [...disk.exclude] };
}

function overriddenMounts(overrides: Record<string, number>): string[] {
  return Object.keys(overrides).flatMap((id) => instanceOf(id, 'disk') ?? []);
}

function mountWithThreshold(own: MountSpec, disk: RuleSpec, threshold: number): MountSpec {
  // Keep the mount's own gap; without an own clear the engine derives one from the disk rule's gap.
  const levels = shiftedLevels({ threshold: own.threshold ?? disk.threshold, clear: own.clear ?? 0, critical: own.critical }, threshold);
  const copy: MountSpec = { ...own, threshold };
  if (own.clear !== undefined) copy.clear = levels.clear;
  if (levels.critical === undefined) delete copy.critical;
  return copy;
}

function mountShape(spec: MountSpec): Record<string, unknown> {
  const shape: Record<string, unknown> = {};
  if (spec.enabled !== undefined) shape.enabled = spec.enabled;
  if (spec.threshold !== undefined) shape.threshold = spec.threshold;
  if (spec.critical !== undefined) shape.critical = spec.critical;
  if (spec.window !== undefined) shape.window = spec.window;
  if (spec.clear !== undefined) shape.clear = spec.clear;
  if (spec.repeatMs !== undefined) shape.repeat = formatDurationMs(spec.repeatMs);
  return shape;
}
