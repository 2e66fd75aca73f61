// Host facts for the dashboard header and notifications, read once at startup.

import { readFile } from 'node:fs/promises';
import os from 'node:os';

export interface HostInfo {
  hostname: string;
  /** e.g. "Debian GNU/Linux 12 (bookworm)", "macOS 14.4". */
  osName: string;
  /** Kernel release, e.g. "6.1.0-18-amd64". */
  kernel: string;
  /** Logical cores. */
  cores: number;
  bootTimeMs: number;
}

/**
 * On Linux everything comes from files (/etc/os-release, /proc/stat's btime) and spawns nothing. Elsewhere the OS
 * name comes from systeminformation's si.osInfo(), which spawns (sw_vers, PowerShell) once - fine at startup.
 */
export async function readHostInfo(platform: NodeJS.Platform = process.platform): Promise<HostInfo> {
  const common = {
    hostname: os.hostname(),
    kernel: os.release(),
    cores: Math.max(1, os.cpus().length),
  };
  if (platform === 'linux') {
    const [osName, bootTimeMs] = await Promise.all([readLinuxOsName(), readLinuxBootTimeMs()]);
    return { ...common, osName, bootTimeMs };
  }
  const { readSiOsName } = await import('./si-reader.js');
  const osName = await readSiOsName().catch(() => os.type());
  return { ...common, osName, bootTimeMs: uptimeBootTimeMs() };
}

/** Pure: PRETTY_NAME of an os-release file, else "NAME VERSION", else undefined. */
export function parseOsRelease(text: string): string | undefined {
  const fields = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match) fields.set(match[1]!, match[2]!.replace(/^(["'])(.*)\1$/, '$2'));
  }
  const pretty = fields.get('PRETTY_NAME');
  if (pretty) return pretty;
  const name = [fields.get('NAME'), fields.get('VERSION')].filter(Boolean).join(' ');
  return name || undefined;
}

/** Pure: boot time from /proc/stat's `btime` (seconds since the epoch). */
export function parseBootTimeMs(procStatText: string): number | undefined {
  const match = /^btime\s+(\d+)/m.exec(procStatText);
  return match ? Number(match[1]) * 1000 : undefined;
}

async function readLinuxOsName(): Promise<string> {
  // /etc/os-release is the standard; /usr/lib/os-release is its documented fallback.
  for (const path of ['/etc/os-release', '/usr/lib/os-release']) {
    const name = parseOsRelease(await readFile(path, 'utf8').catch(() => ''));
    if (name) return name;
  }
  return 'Linux';
}

async function readLinuxBootTimeMs(): Promise<number> {
  const text = await readFile('/proc/stat', 'utf8').catch(() => '');
  return parseBootTimeMs(text) ?? uptimeBootTimeMs();
}

// Rounded to the second like btime, so the value does not jitter between calls.
function uptimeBootTimeMs(): number {
  return Math.round((Date.now() - os.uptime() * 1000) / 1000) * 1000;
}
