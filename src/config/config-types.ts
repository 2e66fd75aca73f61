// The effective configuration after validation and defaults. Durations are already in milliseconds.
import type { Locale, RuleKind } from '../types.js';
import type { ChannelPolicyConfig, QuietWindow } from '../notify/policy/policy-types.js';
import type { RULE_KIND_TABLE } from '../catalogue/rule-kinds.js';
import type { ProcessExtras, RunningExtras, SystemdExtras } from './event-rule-fields.js';

/** One rule section as written in the file, after defaults (see defaults in schema.ts). */
export interface RuleSpec {
  enabled: boolean;
  threshold: number;
  critical?: number;
  window: number;
  /** Defaults to threshold - 5 (for load: threshold * 0.9). */
  clear: number;
  repeatMs: number;
}

/** What one instance's section sets (a mount's, an interface's): only what the user wrote. */
export type InstanceSpec = Partial<Omit<RuleSpec, 'enabled'>> & { enabled?: boolean };

/** The section of a keyed kind with per-instance sections, under the key its catalogue row names (`mounts`). */
export type KeyedRuleSpec<Key extends string> = RuleSpec & { [K in Key]: Record<string, InstanceSpec> } & {
  /** Instances never checked (mount prefixes such as "/snap", interface names such as "lo" or "veth*"). */
  exclude: string[];
};

/** Per-mountpoint overrides, e.g. { "/data": { threshold: 95 } }, and the mountpoints excluded. */
export type DiskRuleSpec = KeyedRuleSpec<'mounts'>;

type InstancesKeyOf<Kind extends RuleKind> = (typeof RULE_KIND_TABLE)[Kind] extends { instances: { key: infer Key extends string } } ? Key : never;

/**
 * One section per kind of the catalogue (src/catalogue/rule-kinds.ts); a kind whose row has `instances` adds its
 * per-instance sections and exclude list.
 */
export type RulesConfig = {
  [Kind in RuleKind]: [InstancesKeyOf<Kind>] extends [never] ? RuleSpec : KeyedRuleSpec<InstancesKeyOf<Kind>>;
} & {
  // The event kinds' own settings (event-rule-fields.ts).
  process: RuleSpec & ProcessExtras;
  processMemory: RuleSpec & ProcessExtras;
  running: RuleSpec & RunningExtras;
  systemd: RuleSpec & SystemdExtras;
};

export interface SrvmonConfig {
  /** Sampling interval. @default 1000 */
  intervalMs: number;
  /** How much history is kept (ring buffer length = historyMs / intervalMs). @default 600000 */
  historyMs: number;
  /** Disk usage is read on this slower cadence. @default 30000 */
  diskIntervalMs: number;
  /** How far back the per-minute chart history (rollups) reaches; null keeps none. @default 86400000 (24 h) */
  rollupMs: number | null;
  locale: Locale;
  /** Absolute path of the state dir. */
  stateDir: string;
  rules: RulesConfig;
  /** Channel sections, validated by the notify registry (issue 3). Raw, secrets included. */
  channels: Record<string, unknown>;
  /** Top-level quiet hours, for channels without their own. @default [] */
  quietHours?: QuietWindow[];
  /** Each enabled channel's notification policy (notify/policy/), resolved with the top-level quiet hours. */
  policies?: Record<string, ChannelPolicyConfig>;
  prometheus: { listen?: string };
  control: {
    /** Absolute path of the owner's control socket. @default <stateDir>/control.sock */
    socket: string;
    /** Group allowed to attach (socket mode 0660); owner only (0600) when unset. */
    group?: string;
  };
}

/** Where the config came from, for messages. */
export interface LoadedConfig {
  config: SrvmonConfig;
  /** The file read, or null when no config file was found. */
  filepath: string | null;
  /** The raw object as written (after ${ENV} substitution), for check-config output. */
  raw: Record<string, unknown>;
  /** Non-fatal warnings (e.g. a secret in a group-readable file). */
  warnings: string[];
}
