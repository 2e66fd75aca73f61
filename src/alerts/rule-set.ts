// Turns the config's rule sections (plus runtime overrides) into concrete rules. Which kinds exist and what they read
// comes from the catalogue: a plain kind is one rule; a keyed kind (disk) is one rule per instance (mount point),
// built on demand as the sampler reports instances, and cached.
import type { RuleSpec, RulesConfig } from '../config/config-types.js';
import { KEYED_KINDS, RULE_KINDS, keyedFamily, keyedRuleId, metricKeyOf, shiftedLevels } from '../catalogue/rule-kinds.js';
import { parseKey } from '../catalogue/metric-keys.js';
import type { Rule, RuleKind, ThresholdOverrides } from '../types.js';

export class RuleSet {
  readonly #config: RulesConfig;
  readonly #overrides: ThresholdOverrides;
  readonly #static: Rule[];
  /** Keyed rules by id (`disk:/data`); null for an instance that is off or excluded. */
  readonly #keyed = new Map<string, Rule | null>();

  constructor(config: RulesConfig, overrides: ThresholdOverrides = {}) {
    this.#config = config;
    this.#overrides = overrides;
    this.#static = RULE_KINDS.filter((kind) => keyedFamily(kind) === undefined && config[kind].enabled).map((kind) =>
      toRule(kind, kind, metricKeyOf(kind), config[kind], overrides[kind]),
    );
  }

  /** Rules that apply to a sample with these metric keys, in a stable order. */
  rulesFor(metricKeys: Iterable<string>): Rule[] {
    const rules = [...this.#static];
    for (const key of metricKeys) {
      const parsed = parseKey(key);
      if (!parsed) continue;
      for (const kind of KEYED_KINDS) {
        if (keyedFamily(kind) !== parsed.family) continue;
        const rule = this.keyedRule(kind, parsed.instance);
        if (rule) rules.push(rule);
      }
    }
    return rules;
  }

  /** The rules known so far (static ones and instances seen). */
  knownRules(): Rule[] {
    return [...this.#static, ...[...this.#keyed.values()].filter((r): r is Rule => r !== null)];
  }

  find(ruleId: string): Rule | undefined {
    return this.knownRules().find((r) => r.id === ruleId);
  }

  /** The rule of one instance of a keyed kind, or null when that instance is off or excluded. */
  keyedRule(kind: RuleKind, instance: string): Rule | null {
    const id = keyedRuleId(kind, instance);
    let rule = this.#keyed.get(id);
    if (rule === undefined) {
      rule = kind === 'disk' ? buildDiskRule(this.#config, instance, this.#overrides) : buildKeyedRule(this.#config, kind, instance, this.#overrides);
      this.#keyed.set(id, rule);
    }
    return rule;
  }
}

function buildDiskRule(config: RulesConfig, mountpoint: string, overrides: ThresholdOverrides): Rule | null {
  const disk = config.disk;
  const excluded = disk.exclude.some((prefix) => mountpoint === prefix || mountpoint.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`));
  const perMount = disk.mounts[mountpoint] ?? {};
  const enabled = perMount.enabled ?? disk.enabled;
  if (!enabled || excluded) return null;
  const spec = mergeSpec(disk, perMount);
  const id = keyedRuleId('disk', mountpoint);
  // An override for the mount wins over one for the disk rule as a whole.
  const override = overrides[id] ?? (perMount.threshold === undefined ? overrides.disk : undefined);
  return { ...toRule('disk', id, metricKeyOf('disk', mountpoint), spec, override), mountpoint };
}

/**
 * A keyed kind without per-instance sections: every instance gets the kind's section; an override of the instance
 * (`netRx:eth0`) wins over one of the kind. (Disk's `mounts` and `exclude` are its own per-instance sections.)
 */
function buildKeyedRule(config: RulesConfig, kind: RuleKind, instance: string, overrides: ThresholdOverrides): Rule | null {
  const spec = config[kind];
  if (!spec.enabled) return null;
  const id = keyedRuleId(kind, instance);
  return toRule(kind, id, metricKeyOf(kind, instance), spec, overrides[id] ?? overrides[kind]);
}

/** Per-mount fields win; a mount that sets its own threshold but no clear gets threshold - 5, not the disk's clear. */
function mergeSpec(base: RuleSpec, own: Partial<RuleSpec>): RuleSpec {
  const threshold = own.threshold ?? base.threshold;
  const clear = own.clear ?? (own.threshold === undefined ? base.clear : threshold - (base.threshold - base.clear));
  return {
    enabled: true,
    threshold,
    critical: own.critical ?? (base.critical !== undefined && base.critical > threshold ? base.critical : undefined),
    window: own.window ?? base.window,
    clear,
    repeatMs: own.repeatMs ?? base.repeatMs,
  };
}

function toRule(kind: RuleKind, id: string, metric: string, spec: RuleSpec, override: number | undefined): Rule {
  const rule: Rule = {
    id,
    kind,
    metric,
    threshold: spec.threshold,
    critical: spec.critical,
    window: spec.window,
    clear: spec.clear,
    repeatMs: spec.repeatMs,
  };
  return override === undefined ? rule : withThreshold(rule, override);
}

/** A rule with a new threshold, by the catalogue's one policy (keep the hysteresis gap, drop a passed critical). */
export function withThreshold(rule: Rule, threshold: number): Rule {
  return { ...rule, ...shiftedLevels(rule, threshold) };
}
