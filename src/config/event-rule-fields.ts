// The settings the process, running and systemd rules have beside the common ones (threshold, window, repeat...):
// their schema fields, their resolved values and their file shape for check-config. Kept here so that schema.ts,
// resolve-rules.ts and effective-config.ts each gain one line, not one block per kind.
import { z } from 'zod';
import { durationField } from './duration-field.js';
import { formatDurationMs } from './duration.js';
import { GOT } from './zod-issues.js';

/** How often `systemctl list-units --state=failed` runs by default: one child process per minute at most. */
export const DEFAULT_SYSTEMD_INTERVAL_MS = 60_000;
export const SYSTEMD_INTERVAL_BOUNDS = { minMs: 10_000, maxMs: 86_400_000 };

/** A process name as /proc/<pid>/comm shows it (or the command's file name): no slash, not empty. */
const processName = z
  .string({ error: `must be a process name such as "nginx", ${GOT}` })
  .min(1, { error: 'must not be empty' })
  .refine((name) => !name.includes('/'), { error: `must be a name without "/" (the command's file name), ${GOT}` });

const nameList = (example: string) =>
  z.array(processName, { error: `must be a list of process names, e.g. ${example}, ${GOT}` }).nullish();

const unitList = z
  .array(z.string({ error: `must be a unit name such as "backup.service", ${GOT}` }).min(1, { error: 'must not be empty' }), {
    error: `must be a list of unit names, e.g. ["backup.service"], ${GOT}`,
  })
  .nullish();

/** The extra fields of each such kind's section. */
export const EXTRA_RULE_FIELDS = {
  process: { exclude: nameList('["ffmpeg", "backup"]') },
  processMemory: { exclude: nameList('["java", "postgres"]') },
  running: { names: nameList('["nginx", "postgres"]') },
  systemd: { interval: durationField(SYSTEMD_INTERVAL_BOUNDS).optional(), exclude: unitList },
} as const;

/** `rules.running: [nginx, postgres]` is short for `rules.running: { names: [nginx, postgres] }`. */
export const LIST_SHORTHAND: Readonly<Record<string, string>> = { running: 'names' };

export interface ProcessExtras {
  /** Process names never reported as the busiest (comm, or the command's file name). */
  exclude: string[];
}
export interface RunningExtras {
  /** One rule per name: fires while no process of that name runs. */
  names: string[];
}
export interface SystemdExtras {
  /** Time between two `systemctl list-units` runs. @default 60000 */
  intervalMs: number;
  /** Units never reported. */
  exclude: string[];
}

type Written = Record<string, unknown> | undefined;

/** The resolved extras of each kind, from its section as parsed by the schema. */
export function resolveExtras(written: { process?: Written; processMemory?: Written; running?: Written; systemd?: Written }): {
  process: ProcessExtras;
  processMemory: ProcessExtras;
  running: RunningExtras;
  systemd: SystemdExtras;
} {
  const list = (section: Written, key: string): string[] => [...new Set((section?.[key] as string[] | null | undefined) ?? [])];
  return {
    process: { exclude: list(written.process, 'exclude') },
    processMemory: { exclude: list(written.processMemory, 'exclude') },
    running: { names: list(written.running, 'names') },
    systemd: {
      intervalMs: (written.systemd?.['interval'] as number | undefined) ?? DEFAULT_SYSTEMD_INTERVAL_MS,
      exclude: list(written.systemd, 'exclude'),
    },
  };
}

/** The extras in the file's shape (check-config), for the kinds that have them; {} for the others. */
export function extrasShape(kind: string, spec: object): Record<string, unknown> {
  if (kind === 'process' || kind === 'processMemory') return { exclude: [...(spec as ProcessExtras).exclude] };
  if (kind === 'running') return { names: [...(spec as RunningExtras).names] };
  if (kind === 'systemd') {
    const systemd = spec as SystemdExtras;
    return { interval: formatDurationMs(systemd.intervalMs), exclude: [...systemd.exclude] };
  }
  return {};
}
