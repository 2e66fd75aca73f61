// Per-instance sections of a keyed rule kind (`rules.disk.mounts["/data"]`, `rules.netRx.interfaces.eth0`) and its
// exclude list: what the instances are called in the file, how a written name is checked and normalised, and how an
// exclude entry matches. A keyed kind's catalogue row names one of these; the schema, resolve-rules, the rule set
// and the effective config read them, so no kind is special-cased there.

export interface InstanceSections {
  /** The key of the per-instance sections in the kind's section: `mounts`, `interfaces`. */
  key: string;
  /** A written instance as the rules know it (`/data/` -> `/data`), or `{ error }` saying why it cannot be one. */
  normalise: (written: string) => string | { error: string };
  /** Why an exclude entry is not acceptable, or null. */
  excludeEntryError: (entry: string) => string | null;
  /** The error of an exclude value that is not a list of strings (after "must be "). */
  excludeListText: string;
  /** The error of an entry that is not a string (after "must be "). */
  excludeEntryText: string;
  /** An exclude entry as kept (`/snap/` -> `/snap`). */
  normaliseExclude: (entry: string) => string;
  /** Whether an (already normalised) exclude entry leaves out an instance. */
  excludes: (entry: string, instance: string) => boolean;
  /** The exclude list when the file gives none. */
  defaultExclude: readonly string[];
}

function trimTrailingSlash(mountpoint: string): string {
  return mountpoint.length > 1 ? mountpoint.replace(/\/+$/, '') || '/' : mountpoint;
}

/** Mount points: `/data`; an exclude entry is a path prefix (`/snap` leaves out `/snap/core/123`). */
export const MOUNT_SECTIONS = {
  key: 'mounts',
  normalise: (written) => (written.startsWith('/') ? trimTrailingSlash(written) : { error: 'a mountpoint must start with "/", e.g. "/data"' }),
  excludeEntryError: (entry) => (entry.startsWith('/') ? null : 'must start with "/"'),
  excludeListText: 'a list of mountpoint prefixes, e.g. ["/snap", "/run"]',
  excludeEntryText: 'a mountpoint path such as "/snap"',
  normaliseExclude: trimTrailingSlash,
  excludes: (prefix, mountpoint) => {
    return mountpoint === prefix || mountpoint.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`);
  },
  defaultExclude: [],
} as const satisfies InstanceSections;

/** Longest interface name Linux allows (IFNAMSIZ - 1). */
const MAX_INTERFACE_BYTES = 15;

/**
 * Network interfaces: `eth0`; an exclude entry is a name or a name prefix ending in `*` (`veth*` leaves out every
 * container veth). Loopback is left out by default: its traffic never leaves the host.
 */
export const INTERFACE_SECTIONS = {
  key: 'interfaces',
  normalise: (written) =>
    written.length > 0 && Buffer.byteLength(written) <= MAX_INTERFACE_BYTES && !/[\s/:]/.test(written)
      ? written
      : { error: `an interface name has 1-${MAX_INTERFACE_BYTES} characters without spaces, "/" or ":", e.g. "eth0"` },
  excludeEntryError: (entry) => (entry.length > 0 && !/[\s/:]/.test(entry) ? null : 'must be an interface name or prefix*, e.g. "veth*"'),
  excludeListText: 'a list of interface names, e.g. ["lo", "veth*"]',
  excludeEntryText: 'an interface name such as "docker0" or a prefix such as "veth*"',
  normaliseExclude: (entry) => entry,
  excludes: (entry, name) => (entry.endsWith('*') ? name.startsWith(entry.slice(0, -1)) : name === entry),
  defaultExclude: ['lo'],
} as const satisfies InstanceSections;

/** Temperature sensors (`cpu_thermal`, `coretemp.Package_id_0`): an exclude entry is a name or a prefix*. */
export const SENSOR_SECTIONS = {
  key: 'sensors',
  normalise: (written) => (written.length > 0 && !/[\s:]/.test(written) ? written : { error: 'a sensor name has no spaces or ":", e.g. "cpu_thermal"' }),
  excludeEntryError: (entry) => (entry.length > 0 && !/[\s:]/.test(entry) ? null : 'must be a sensor name or prefix*, e.g. "acpitz*"'),
  excludeListText: 'a list of sensor names, e.g. ["acpitz", "nvme*"]',
  excludeEntryText: 'a sensor name such as "acpitz" or a prefix such as "nvme*"',
  normaliseExclude: (entry) => entry,
  excludes: (entry, name) => (entry.endsWith('*') ? name.startsWith(entry.slice(0, -1)) : name === entry),
  defaultExclude: [],
} as const satisfies InstanceSections;
