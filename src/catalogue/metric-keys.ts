// Sample keys, built and parsed in one place. A plain key names one metric (`cpu`, `memory`, `load1PerCore`); a keyed
// family names one metric per instance: `disk:/data` per mount point, `cpu:3` per core, `netRx:eth0` per interface.
// Everything that splits or joins a key (rules, overrides, /metrics, rollups, replay traces) asks here, so a new
// family is one entry in FAMILY_INSTANCES and no `'disk:'` literal anywhere else.

/** What a family's values measure: replay traces check a reading against the range of its unit. */
export type FamilyUnit = 'percent' | 'bytesPerSecond' | 'bytes' | 'celsius' | 'bytesPerHour' | 'fillPerHour' | 'state';

/**
 * The families of keyed metrics: what their instance part is, the unit of their values, and the label that carries
 * the instance outside (the /metrics gauge's label, the Alertmanager alert's label).
 */
export const FAMILY_INSTANCES = {
  cpu: { instance: 'a core number', valid: (rest: string) => /^\d{1,5}$/.test(rest), unit: 'percent', label: 'cpu' },
  disk: { instance: 'a mount point starting with "/"', valid: (rest: string) => rest.startsWith('/'), unit: 'percent', label: 'mountpoint' },
  netRx: { instance: 'an interface name', valid: (rest: string) => rest.length > 0, unit: 'bytesPerSecond', label: 'interface' },
  netTx: { instance: 'an interface name', valid: (rest: string) => rest.length > 0, unit: 'bytesPerSecond', label: 'interface' },
  diskRead: { instance: 'a mount point starting with "/"', valid: (rest: string) => rest.startsWith('/'), unit: 'bytesPerSecond', label: 'mountpoint' },
  diskWrite: { instance: 'a mount point starting with "/"', valid: (rest: string) => rest.startsWith('/'), unit: 'bytesPerSecond', label: 'mountpoint' },
  diskBusy: { instance: 'a mount point starting with "/"', valid: (rest: string) => rest.startsWith('/'), unit: 'percent', label: 'mountpoint' },
  diskFree: { instance: 'a mount point starting with "/"', valid: (rest: string) => rest.startsWith('/'), unit: 'bytes', label: 'mountpoint' },
  // Derived from diskFree by src/alerts/disk-fill.ts: share of the free space used per hour, and used bytes per hour.
  diskFill: { instance: 'a mount point starting with "/"', valid: (rest: string) => rest.startsWith('/'), unit: 'fillPerHour', label: 'mountpoint' },
  diskGrowth: { instance: 'a mount point starting with "/"', valid: (rest: string) => rest.startsWith('/'), unit: 'bytesPerHour', label: 'mountpoint' },
  temp: { instance: 'a sensor name', valid: (rest: string) => rest.length > 0, unit: 'celsius', label: 'sensor' },
  // 1 while no process of that name runs (rules.running), 0 while one does.
  procMissing: { instance: 'a process name', valid: (rest: string) => rest.length > 0, unit: 'state', label: 'process' },
  // 1 while the systemd unit is in the failed state, 0 once it is not (only units seen failed are reported).
  unitFailed: { instance: 'a systemd unit name', valid: (rest: string) => rest.length > 0, unit: 'state', label: 'unit' },
} as const satisfies Record<string, { instance: string; valid: (rest: string) => boolean; unit: FamilyUnit; label: string }>;

export type MetricFamily = keyof typeof FAMILY_INSTANCES;

const SEPARATOR = ':';

/** `disk` + `/data` -> `disk:/data`. */
export function buildKey(family: string, instance: string): string {
  return `${family}${SEPARATOR}${instance}`;
}

/** `disk:/data` -> { family: 'disk', instance: '/data' }; null for a plain key (`cpu`) or an empty instance. */
export function parseKey(key: string): { family: string; instance: string } | null {
  const at = key.indexOf(SEPARATOR);
  if (at <= 0 || at === key.length - 1) return null;
  return { family: key.slice(0, at), instance: key.slice(at + 1) };
}

/** The family of a key (`netRx` for `netRx:eth0`), null for a plain key. Unlike parseKey, `disk:` gives `disk`. */
export function familyOf(key: string): string | null {
  const at = key.indexOf(SEPARATOR);
  return at < 0 ? null : key.slice(0, at);
}

/** The instance of `key` if it belongs to `family` (`instanceOf('disk:/data', 'disk')` is `/data`), else undefined. */
export function instanceOf(key: string, family: string): string | undefined {
  const parsed = parseKey(key);
  return parsed?.family === family ? parsed.instance : undefined;
}

/** The keys of one family in a sample, as [instance, value] pairs. */
export function familyEntries(values: Record<string, number>, family: string): [instance: string, value: number][] {
  const entries: [string, number][] = [];
  for (const [key, value] of Object.entries(values)) {
    const instance = instanceOf(key, family);
    if (instance !== undefined) entries.push([instance, value]);
  }
  return entries;
}
