// Test configs built directly (no file), with the same defaults the config layer applies.
import type { RuleSpec, RulesConfig, SrvmonConfig } from '../../src/config/config-types.js';

const MIN = 60_000;

function spec(threshold: number, window: number, enabled = true, extra: Partial<RuleSpec> = {}): RuleSpec {
  return { enabled, threshold, window, clear: threshold - 5, repeatMs: 30 * MIN, ...extra };
}

export function rulesConfig(overrides: Partial<Record<keyof RulesConfig, Partial<RuleSpec>>> = {}): RulesConfig {
  const base: RulesConfig = {
    cpu: spec(85, 3),
    memory: spec(85, 1),
    swap: spec(80, 1, false),
    load: { ...spec(2, 1, false), clear: 1.8 },
    disk: { ...spec(90, 1, true, { critical: 95 }), mounts: {}, exclude: [] },
  };
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
