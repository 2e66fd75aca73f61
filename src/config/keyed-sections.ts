// The per-instance sections and exclude list of a keyed kind's resolved section, whatever the catalogue calls them
// (`mounts` for disk, `interfaces` for netRx): one accessor, so no caller spells a kind's key.
import { instanceSectionsOf } from '../catalogue/rule-kinds.js';
import type { InstanceSections } from '../catalogue/instance-sections.js';
import type { InstanceSpec, RuleSpec, RulesConfig } from './config-types.js';
import type { RuleKind } from '../types.js';

export interface KeyedSections {
  catalogue: InstanceSections;
  /** Instance -> what its section sets. */
  sections: Record<string, InstanceSpec>;
  exclude: readonly string[];
}

export function keyedSections(rules: RulesConfig, kind: RuleKind): KeyedSections | undefined {
  const catalogue = instanceSectionsOf(kind);
  if (!catalogue) return undefined;
  const spec = rules[kind] as RuleSpec & Record<string, unknown>;
  return {
    catalogue,
    sections: (spec[catalogue.key] as Record<string, InstanceSpec> | undefined) ?? {},
    exclude: (spec['exclude'] as string[] | undefined) ?? [],
  };
}
