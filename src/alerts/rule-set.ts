// Turns the config's rule sections (plus runtime overrides) into concrete rules. Which kinds exist and what they read
// comes from the catalogue: a plain kind is one rule; a keyed kind (disk) is one rule per instance (mount point),
// built on demand as the sampler reports instances, and cached.
import type { RuleSpec, RulesConfig } from '../config/config-types.js';
import { KEYED_KINDS, RULE_KINDS, keyedFamily, keyedRuleId, metricKeyOf, shiftedLevels } from '../catalogue/rule-kinds.js';
import { parseKey } from '../catalogue/metric-keys.js';
import { keyedSections } from '../config/keyed-sections.js';
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
      rule = buildKeyedRule(this.#config, kind, instance, this.#overrides);
      this.#keyed.set(id, rule);
    }
    return rule;
  }
}

/**
 * One instance's rule: the kind's section, with the instance's own section (a mount's, an interface's) merged over it
 * when the kind takes them, or null when the instance is off or excluded. An override of the instance
 * (`disk:/data`) wins over one of the kind, unless the instance sets its own threshold.
 */
function buildKeyedRule(config: RulesConfig, kind: RuleKind, instance: string, overrides: ThresholdOverrides): Rule | null {
  const base: RuleSpec = config[kind];
  const keyed = keyedSections(config, kind);
  const own = keyed?.sections[instance] ?? {};
  const excluded = keyed?.exclude.some((entry) => keyed.catalogue.excludes(entry, instance)) ?? false;
  if (!(own.enabled ?? base.enabled) || excluded) return null;
  const spec = mergeSpec(base, own);
  const id = keyedRuleId(kind, instance);
  const override = overrides[id] ?? (own.threshold === undefined ? overrides[kind] : undefined);
  const rule = toRule(kind, id, metricKeyOf(kind, instance), spec, override);
  // Disk rules carry their mount point (the dashboard's disk list and the evidence look it up).
  return kind === 'disk' ? { ...rule, mountpoint: instance } : rule;
}

/** Per-instance fields win; an instance that sets its own threshold but no clear keeps the kind's gap, not its clear. */
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
