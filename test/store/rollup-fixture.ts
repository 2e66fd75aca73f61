// Shared pieces of the rollup tests: rings filled for a day, key sets, a temp state dir.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RollupRing, minuteOf } from '../../src/store/rollup-ring.js';

/** 2026-01-01 12:00 UTC, as a minute number. */
export const NOON_MINUTE = minuteOf(Date.UTC(2026, 0, 1, 12, 0));

/**
 * The default key set measured for a typical host: cpu, memory, swap, load1, 8 cores, rx/tx of 3 interfaces (18 keys).
 */
export function typicalKeys(): string[] {
  const keys = ['cpu', 'memory', 'swap', 'load1'];
  for (let i = 0; i < 8; i++) keys.push(`cpu:${i}`);
  for (const iface of ['eth0', 'lo', 'docker0']) keys.push(`netRx:${iface}`, `netTx:${iface}`);
  return keys;
}

/** A value that differs per key and minute and is exact in float32. */
export function valueAt(keyIndex: number, minute: number): number {
  return ((keyIndex * 7 + minute) % 1000) / 4;
}

/** One ring per key, each full for `minutes` minutes ending at lastMinute, 60 samples a minute. */
export function fullRings(keys: readonly string[], lastMinute: number, minutes = 1440, capacity = 1440): Map<string, RollupRing> {
  const rings = new Map<string, RollupRing>();
  keys.forEach((key, k) => {
    const ring = new RollupRing(capacity);
    for (let m = lastMinute - minutes + 1; m <= lastMinute; m++) {
      const v = valueAt(k, m);
      ring.add(m, v);
      ring.add(m, v + 1);
      ring.add(m, v + 2);
    }
    rings.set(key, ring);
  });
  return rings;
}

export function tempStateDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'srvmon-rollups-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
