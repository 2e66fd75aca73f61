// Which network interfaces are up and which is the loopback, from /sys/class/net, so that views can leave out lo and
// interfaces that are down (a docker bridge with no container, an unplugged port) unless asked.

import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** ARPHRD_LOOPBACK in include/uapi/linux/if_arp.h. */
export const ARPHRD_LOOPBACK = 772;
/** IFF_UP in include/uapi/linux/if.h: the administrator brought the interface up. */
const IFF_UP = 0x1;

export interface NetInterface {
  /** The kernel's name, the key of /proc/net/dev (`netRx:<name>`). Not escaped: escape it where it is shown. */
  name: string;
  /** /sys/class/net/<name>/operstate (RFC 2863): up, down, unknown, dormant, lowerlayerdown, notpresent, testing. */
  operState: string;
  /** ARPHRD_* link type: 1 ethernet, 512 ppp, 772 loopback, 65534 none (tun). */
  type: number;
  up: boolean;
  loopback: boolean;
}

/**
 * Up when the kernel says `up`; also when it says `unknown`, which drivers with no carrier to report give (tun, ppp,
 * wireguard, lo), provided the interface is administratively up (IFF_UP; unknown flags count as up). dormant (waiting
 * for 802.1X or a Wi-Fi association), lowerlayerdown and the rest are down.
 */
export function isUp(operState: string, flags: number | undefined): boolean {
  if (operState === 'up') return true;
  return operState === 'unknown' && (flags === undefined || (flags & IFF_UP) !== 0);
}

/** Every interface under <sysDir>/class/net, by name; entries that are not interfaces (bonding_masters) are skipped. */
export async function readNetInterfaces(sysDir = '/sys'): Promise<NetInterface[]> {
  const dir = path.join(sysDir, 'class/net');
  const names = (await readdir(dir)).sort();
  const read = async (name: string): Promise<NetInterface | undefined> => {
    const [operState, typeText, flagsText] = await Promise.all(
      ['operstate', 'type', 'flags'].map((file) => readTrimmed(path.join(dir, name, file))),
    );
    // Gone since the listing, or not an interface directory at all.
    if (operState === undefined || typeText === undefined) return undefined;
    const type = Number(typeText);
    const flags = flagsText === undefined ? undefined : Number(flagsText);
    return {
      name,
      operState,
      type,
      up: isUp(operState, Number.isFinite(flags) ? flags : undefined),
      loopback: type === ARPHRD_LOOPBACK,
    };
  };
  return (await Promise.all(names.map(read))).filter((iface): iface is NetInterface => iface !== undefined);
}

export interface InterfaceFilter {
  /** @default false */
  includeLoopback?: boolean;
  /** @default false */
  includeDown?: boolean;
}

/** The interfaces a view shows by default: up and not loopback. */
export function shownInterfaces(interfaces: readonly NetInterface[], filter: InterfaceFilter = {}): NetInterface[] {
  return interfaces.filter((iface) => (filter.includeLoopback || !iface.loopback) && (filter.includeDown || iface.up));
}

async function readTrimmed(file: string): Promise<string | undefined> {
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    return undefined;
  }
}
