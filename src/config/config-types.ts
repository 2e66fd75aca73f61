// The effective configuration after validation and defaults. Durations are already in milliseconds.
import type { Locale, RuleKind } from '../types.js';
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

export interface DiskRuleSpec extends RuleSpec {
  /** Per-mountpoint overrides, e.g. { "/data": { threshold: 95 } }. */
  mounts: Record<string, Partial<Omit<RuleSpec, 'enabled'>> & { enabled?: boolean }>;
  /** Mountpoints never checked (prefix match on path, e.g. "/snap"). */
  exclude: string[];
}

/** One section per kind of the catalogue (src/catalogue/rule-kinds.ts); disk adds its per-mount sections. */
export type RulesConfig = Record<Exclude<RuleKind, 'disk'>, RuleSpec> & {
  disk: DiskRuleSpec;
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
