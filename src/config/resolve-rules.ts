// Applies the rule defaults and checks what single-field validation cannot: critical above threshold, clear below.
// Whether a window fits in the history is checked by resolve-config.ts, which knows where interval came from.
import type { InstanceSpec, RuleSpec, RulesConfig } from './config-types.js';
import type { RuleKind } from '../types.js';
import { RULE_KINDS, RULE_KIND_TABLE, defaultClear, instanceSectionsOf, type RuleKindDefaults } from '../catalogue/rule-kinds.js';
import type { InstanceSections } from '../catalogue/instance-sections.js';
import { ConfigError } from './config-error.js';
import { resolveExtras } from './event-rule-fields.js';
import { formatKeyPath } from './key-path.js';
import type { FileConfig, FileKeyedRule, FileRule } from './schema.js';

type FileRules = NonNullable<FileConfig['rules']>;

/** A window to check against history: its key path, its value, and whether the user wrote it. */
export interface WindowUse {
  keyPath: string;
  window: number;
  explicit: boolean;
  /** Disabled rules are not checked: their window never runs. */
  enabled: boolean;
}

export interface ResolvedRules {
  rules: RulesConfig;
  windows: WindowUse[];
}

export function resolveRules(fileRules: FileRules | undefined, file: string | null): ResolvedRules {
  const windows: WindowUse[] = [];
  const build = (kind: RuleKind): RuleSpec => {
    const own = fileRules?.[kind];
    const spec = resolveRule(kind, own, file);
    windows.push({ keyPath: `rules.${kind}.window`, window: spec.window, explicit: own?.window != null, enabled: spec.enabled });
    return spec;
  };
  const specs: Record<string, RuleSpec> = {};
  for (const kind of RULE_KINDS) {
    const spec = build(kind);
    const instances = instanceSectionsOf(kind);
    if (!instances) {
      specs[kind] = spec;
      continue;
    }
    const own = fileRules?.[kind] as FileKeyedRule | undefined;
    specs[kind] = <RuleSpec>{
      ...spec,
      [instances.key]: resolveInstances(kind, instances, own, spec, file, windows),
      exclude: (own?.exclude ?? instances.defaultExclude).map(instances.normaliseExclude),
    };
  }
  // The event kinds' own settings (names, exclude lists, cadence): event-rule-fields.ts.
  const extras = resolveExtras(fileRules ?? {});
  for (const kind of ['process', 'processMemory', 'running', 'systemd'] as const) specs[kind] = { ...specs[kind]!, ...extras[kind] };
  return { rules: specs as RulesConfig, windows };
}

function resolveRule(kind: RuleKind, own: FileRule | undefined, file: string | null): RuleSpec {
  const defaults: RuleKindDefaults = RULE_KIND_TABLE[kind].defaults;
  const at = (key: string) => `rules.${kind}.${key}`;
  const threshold = own?.threshold ?? defaults.threshold;
  let critical = own?.critical ?? undefined;
  if (critical != null && critical <= threshold) {
    throw new ConfigError(file, at('critical'), `must be above threshold (${threshold}), got ${critical}`);
  }
  // A default critical level the user's own threshold has passed is dropped rather than reported: they did not ask for it.
  if (critical == null && defaults.critical !== undefined && defaults.critical > threshold) critical = defaults.critical;
  const clear = own?.clear ?? defaultClear(kind, threshold);
  if (own?.clear != null && own.clear >= threshold) {
    throw new ConfigError(file, at('clear'), `must be below threshold (${threshold}), got ${own.clear}`);
  }
  const spec: RuleSpec = {
    enabled: own === undefined ? defaults.enabledWhenAbsent : (own.enabled ?? true),
    threshold,
    window: own?.window ?? defaults.window,
    clear,
    repeatMs: own?.repeat ?? defaults.repeatMs,
  };
  if (critical != null) spec.critical = critical;
  return spec;
}

/**
 * Instance sections (a mount's, an interface's) keep only what the user wrote (the engine merges them over the
 * kind's rule, see alerts/rule-set.ts), but are validated against the merged values, with the same merge rules.
 */
function resolveInstances(
  kind: RuleKind,
  instances: InstanceSections,
  own: FileKeyedRule | undefined,
  base: RuleSpec,
  file: string | null,
  windows: WindowUse[],
): Record<string, InstanceSpec> {
  const resolved: Record<string, InstanceSpec> = {};
  const written = (own?.[instances.key] ?? {}) as Record<string, FileRule>;
  for (const [name, section] of Object.entries(written)) {
    const own = section;
    const at = (key?: string) => formatKeyPath(['rules', kind, instances.key, name, ...(key ? [key] : [])]);
    const normalised = instances.normalise(name);
    if (typeof normalised !== 'string') throw new ConfigError(file, at(), normalised.error);
    if (normalised in resolved) throw new ConfigError(file, at(), `${JSON.stringify(normalised)} is listed twice`);
    const spec: InstanceSpec = {};
    if (own?.enabled != null) spec.enabled = own.enabled;
    if (own?.threshold != null) spec.threshold = own.threshold;
    if (own?.critical != null) spec.critical = own.critical;
    if (own?.window != null) spec.window = own.window;
    if (own?.clear != null) spec.clear = own.clear;
    if (own?.repeat != null) spec.repeatMs = own.repeat;
    const threshold = spec.threshold ?? base.threshold;
    if (spec.critical !== undefined && spec.critical <= threshold) {
      throw new ConfigError(file, at('critical'), `must be above threshold (${threshold}), got ${spec.critical}`);
    }
    if (spec.clear !== undefined && spec.clear >= threshold) {
      throw new ConfigError(file, at('clear'), `must be below threshold (${threshold}), got ${spec.clear}`);
    }
    windows.push({
      keyPath: at('window'),
      window: spec.window ?? base.window,
      explicit: spec.window !== undefined,
      enabled: spec.enabled ?? base.enabled,
    });
    resolved[normalised] = spec;
  }
  return resolved;
}

