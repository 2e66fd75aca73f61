// Pure parsing of /proc/mounts and the choice of which filesystems get a `disk:<mountpoint>` metric.

export interface MountEntry {
  /** The source: `/dev/sda1`, `nas:/export`, `tank/home`, `overlay`. */
  device: string;
  mountpoint: string;
  fsType: string;
}

/**
 * Filesystems that hold user data. An allowlist rather than a denylist: the kernel keeps adding pseudo filesystems
 * (bpf, tracefs, nsfs, ...), and an unknown one showing up as a "disk" is worse than a rare real one missing.
 * `fuseblk` is ntfs-3g/exfat-fuse on a block device; other `fuse.*` (gvfs, lxcfs, sshfs) are left out.
 * squashfs is left out: snaps are read-only images, always 100 % full by design.
 */
const DATA_FS_TYPES = new Set([
  'ext2', 'ext3', 'ext4', 'xfs', 'btrfs', 'zfs', 'f2fs', 'bcachefs', 'jfs', 'reiserfs',
  'vfat', 'exfat', 'ntfs', 'ntfs3', 'fuseblk', 'hfsplus',
  'nfs', 'nfs4', 'cifs', 'smb3', 'ceph', 'glusterfs', 'lustre',
]);

/** Network filesystems: the ones whose statfs can hang for minutes when the server is gone. */
export const NETWORK_FS_TYPES: ReadonlySet<string> = new Set(['nfs', 'nfs4', 'cifs', 'smb3', 'ceph', 'glusterfs', 'lustre']);

/** Docker bind-mounts these single files from its data disk into every container; they are not filesystems of their own. */
const CONTAINER_FILE_MOUNTS = new Set(['/etc/hosts', '/etc/hostname', '/etc/resolv.conf']);

export function parseMounts(text: string): MountEntry[] {
  const entries: MountEntry[] = [];
  for (const line of text.split('\n')) {
    const [device, mountpoint, fsType] = line.trim().split(/\s+/);
    if (!device || !mountpoint || !fsType) continue;
    entries.push({ device: unescapeOctal(device), mountpoint: unescapeOctal(mountpoint), fsType });
  }
  return entries;
}

/**
 * The filesystems to report: data filesystems only, an overlay only as the root of a container (elsewhere it is a
 * container's view of a disk already listed), and one mountpoint per device, the shortest, so a bind mount of
 * /data at /srv/www does not report (and alert on) the same disk twice.
 */
export function selectDiskMounts(entries: readonly MountEntry[]): MountEntry[] {
  const byDevice = new Map<string, MountEntry>();
  for (const entry of entries) {
    const isData = DATA_FS_TYPES.has(entry.fsType) || (entry.fsType === 'overlay' && entry.mountpoint === '/');
    if (!isData || CONTAINER_FILE_MOUNTS.has(entry.mountpoint)) continue;
    const kept = byDevice.get(entry.device);
    if (!kept || entry.mountpoint.length < kept.mountpoint.length) byDevice.set(entry.device, entry);
  }
  return [...byDevice.values()];
}

// The kernel writes space, tab, newline and backslash in paths as \040, \011, \012, \134.
function unescapeOctal(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}
