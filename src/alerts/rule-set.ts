// Turns the config's rule sections (plus runtime overrides) into concrete rules. Disk rules are per mountpoint and
// appear as the sampler reports mountpoints, so they are built on demand and cached.
import type { RuleSpec, RulesConfig } from '../config/config-types.js';
import type { Rule, RuleKind, ThresholdOverrides } from '../types.js';

const STATIC_RULES: { kind: Exclude<RuleKind, 'disk'>; metric: string }[] = [
  { kind: 'cpu', metric: 'cpu' },
  { kind: 'memory', metric: 'memory' },
  { kind: 'swap', metric: 'swap' },
  { kind: 'load', metric: 'load1PerCore' },
];

export const DISK_PREFIX = 'disk:';

export class RuleSet {
  readonly #config: RulesConfig;
  readonly #overrides: ThresholdOverrides;
  readonly #static: Rule[];
  readonly #disk = new Map<string, Rule | null>();

  constructor(config: RulesConfig, overrides: ThresholdOverrides = {}) {
    this.#config = config;
    this.#overrides = overrides;
    this.#static = STATIC_RULES.filter(({ kind }) => config[kind].enabled).map(({ kind, metric }) =>
      toRule(kind, kind, metric, config[kind], overrides[kind]),
    );
  }

  /** Rules that apply to a sample with these metric keys, in a stable order. */
  rulesFor(metricKeys: Iterable<string>): Rule[] {
    const rules = [...this.#static];
    for (const key of metricKeys) {
      if (!key.startsWith(DISK_PREFIX)) continue;
      const rule = this.diskRule(key.slice(DISK_PREFIX.length));
      if (rule) rules.push(rule);
    }
    return rules;
  }

  /** The rules known so far (static ones and disks seen). */
  knownRules(): Rule[] {
    return [...this.#static, ...[...this.#disk.values()].filter((r): r is Rule => r !== null)];
  }

  find(ruleId: string): Rule | undefined {
    return this.knownRules().find((r) => r.id === ruleId);
  }

  diskRule(mountpoint: string): Rule | null {
    let rule = this.#disk.get(mountpoint);
    if (rule === undefined) {
      rule = buildDiskRule(this.#config, mountpoint, this.#overrides);
      this.#disk.set(mountpoint, rule);
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
  const id = `${DISK_PREFIX}${mountpoint}`;
  // An override for the mount wins over one for the disk rule as a whole.
  const override = overrides[id] ?? (perMount.threshold === undefined ? overrides.disk : undefined);
  return { ...toRule('disk', id, id, spec, override), mountpoint };
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

/**
 * A runtime threshold change keeps the hysteresis gap of the config (threshold - clear) and drops a critical level
 * that is no longer above the new threshold.
 */
export function withThreshold(rule: Rule, threshold: number): Rule {
  const gap = rule.threshold - rule.clear;
  return {
    ...rule,
    threshold,
    clear: Math.max(0, threshold - gap),
    critical: rule.critical !== undefined && rule.critical > threshold ? rule.critical : undefined,
  };
}
