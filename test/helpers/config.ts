// Test configs built directly (no file), with the same defaults the config layer applies.
import type { RuleSpec, RulesConfig, SrvmonConfig } from '../../src/config/config-types.js';
import { resolveRules } from '../../src/config/resolve-rules.js';

const MIN = 60_000;

/** The defaults of every rule kind (the catalogue's, as a config without a rules section gets them), with overrides. */
export function rulesConfig(overrides: Partial<Record<keyof RulesConfig, Partial<RuleSpec>>> = {}): RulesConfig {
  const base: RulesConfig = resolveRules(undefined, null).rules;
  for (const [kind, partial] of Object.entries(overrides) as [keyof RulesConfig, Partial<RuleSpec>][]) {
    const merged = { ...base[kind], ...partial };
    if (partial.threshold !== undefined && partial.clear === undefined) merged.clear = partial.threshold - 5;
    (base as unknown as Record<string, RuleSpec>)[kind] = merged;
  }
  return base;
}

export function testConfig(partial: Partial<SrvmonConfig> = {}): SrvmonConfig {
  return {
    intervalMs: 1000,
    historyMs: 10 * MIN,
    diskIntervalMs: 30_000,
    rollupMs: null,
    locale: 'en',
    stateDir: '/nonexistent/srvmon-test-state',
    rules: rulesConfig(),
    channels: {},
    prometheus: {},
    control: { socket: `${partial.stateDir ?? '/nonexistent/srvmon-test-state'}/control.sock` },
    ...partial,
  };
}

/** A sample every intervalMs from startMs with the values produced by fn(i). */
export function samplesOf(count: number, fn: (i: number) => Record<string, number>, startMs = Date.UTC(2026, 2, 1, 2), intervalMs = 1000) {
  return Array.from({ length: count }, (_, i) => ({ timeMs: startMs + i * intervalMs, values: fn(i) }));
}
