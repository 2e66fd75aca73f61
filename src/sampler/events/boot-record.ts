// This boot, and the one recorded in the state dir at the last run: whether the host rebooted in between.
// The boot id (/proc/sys/kernel/random/boot_id, a random UUID per boot) decides; btime (/proc/stat, boot time in
// seconds since the epoch) is what the notice shows. btime alone is not an identity: the kernel derives it from the
// wall clock minus uptime, so an NTP step or a resumed VM moves it without a reboot.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../state/atomic-write.js';
import { readRegularFile } from '../../state/safe-open.js';

export const BOOT_RECORD_FILE = 'boot.json';
/** Without boot ids on both sides, boot times further apart than this are two boots. */
export const BTIME_TOLERANCE_MS = 60_000;

export interface BootInfo {
  /** undefined where the kernel has no boot_id (very old kernels, some sandboxes). */
  bootId?: string;
  bootTimeMs: number;
}

/** `btime 1733200000` of /proc/stat, in ms; undefined without that line. */
export function parseBtimeMs(procStat: string): number | undefined {
  const match = /^btime (\d+)$/m.exec(procStat);
  return match ? Number(match[1]) * 1000 : undefined;
}

export function readBootInfo(procDir = '/proc'): BootInfo {
  const bootTimeMs = parseBtimeMs(readFileSync(join(procDir, 'stat'), 'utf8'));
  if (bootTimeMs === undefined) throw new Error(`${procDir}/stat has no btime line`);
  let bootId: string | undefined;
  try {
    bootId = readFileSync(join(procDir, 'sys/kernel/random/boot_id'), 'utf8').trim() || undefined;
  } catch {
    bootId = undefined;
  }
  return bootId === undefined ? { bootTimeMs } : { bootId, bootTimeMs };
}

/** The recorded boot, or undefined when there is none or it cannot be understood (then this boot is recorded anew). */
export function parseBootRecord(text: string): BootInfo | undefined {
  try {
    const value = JSON.parse(text) as { bootId?: unknown; bootTimeMs?: unknown };
    if (typeof value.bootTimeMs !== 'number' || !Number.isFinite(value.bootTimeMs)) return undefined;
    return typeof value.bootId === 'string' && value.bootId !== '' ? { bootId: value.bootId, bootTimeMs: value.bootTimeMs } : { bootTimeMs: value.bootTimeMs };
  } catch {
    return undefined;
  }
}

/** 'first': nothing recorded (record it, say nothing); 'same'; 'rebooted'. */
export function compareBoots(recorded: BootInfo | undefined, current: BootInfo): 'first' | 'same' | 'rebooted' {
  if (!recorded) return 'first';
  if (recorded.bootId !== undefined && current.bootId !== undefined) return recorded.bootId === current.bootId ? 'same' : 'rebooted';
  return Math.abs(recorded.bootTimeMs - current.bootTimeMs) > BTIME_TOLERANCE_MS ? 'rebooted' : 'same';
}

/** The record in the state dir: read (undefined when absent or unreadable) and written atomically. */
export class BootRecordFile {
  readonly path: string;

  constructor(stateDir: string) {
    this.path = join(stateDir, BOOT_RECORD_FILE);
  }

  read(): BootInfo | undefined {
    try {
      return parseBootRecord(readRegularFile(this.path));
    } catch (error: unknown) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  write(boot: BootInfo): void {
    writeFileAtomic(this.path, `${JSON.stringify({ version: 1, ...boot })}\n`);
  }
}
