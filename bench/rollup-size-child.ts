// Child process of rollup-size.ts, run with --expose-gc: a synthetic day (86,400 samples at 1 s, FakeClock, no
// sleeping) through the real RollupRecorder writing a real RollupFile in a temp state dir, with as many charted keys
// as the recorder keeps at most (DEFAULT_MAX_ROLLUP_KEYS: 4 plain, 64 cores, 64 + 64 interfaces, 44 disks), so the
// figures are the bound, not a small host's. Prints one JSON line: file bytes, heap (JS heap and typed arrays) held by the recorder after gc(),
// the writes and the least monotonic time between two of them.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { FakeClock } from '../src/clock.js';
import { RollupFile } from '../src/store/rollup-file.js';
import { DEFAULT_MAX_ROLLUP_KEYS } from '../src/store/rollup-keys.js';
import { RollupRecorder, type RollupStore } from '../src/store/rollup-recorder.js';

const DAY_SECONDS = 86_400;
const INTERVAL_MS = 1000;

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  process.stdout.write(`${JSON.stringify({ error: 'run with --expose-gc' })}\n`);
  process.exit(2);
}
/** The JS heap and the typed arrays' backing stores (which heapUsed leaves out). */
const heapAfterGc = (): number => {
  gc();
  gc();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
};

/** The worst case the caps allow: 240 charted keys. */
function chartedKeys(): string[] {
  const keys = ['cpu', 'memory', 'swap', 'load1'];
  for (let i = 0; i < 64; i++) keys.push(`cpu:${i}`);
  for (let i = 0; i < 64; i++) keys.push(`netRx:veth${i.toString(16).padStart(8, '0')}`, `netTx:veth${i.toString(16).padStart(8, '0')}`);
  for (let i = 0; keys.length < DEFAULT_MAX_ROLLUP_KEYS; i++) keys.push(`diskRead:/srv/volume${i}`);
  return keys;
}

const stateDir = mkdtempSync(join(tmpdir(), 'srvmon-bench-rollups-'));
try {
  const clock = new FakeClock(Date.UTC(2026, 2, 1, 0, 0, 0));
  const warnings: string[] = [];
  const file = new RollupFile(stateDir, (message) => warnings.push(message));
  const writesAtMonoMs: number[] = [];
  // Every write is counted; only the last (at stop) reaches the disk: 1,440 real writes of the whole day would make
  // this measurement take minutes of fsync, and the size of the file is the same.
  let final = false;
  const counted: RollupStore = {
    path: file.path,
    load: () => file.load(),
    save: (rings, capacityMinutes) => {
      // The write at stop() may follow the last timed one at once; it is not part of the once-a-minute rhythm.
      if (!final) writesAtMonoMs.push(clock.monoMs());
      return final ? file.save(rings, capacityMinutes) : true;
    },
  };
  const keys = chartedKeys();
  const values: Record<string, number> = {};
  const heapBefore = heapAfterGc();
  const recorder = new RollupRecorder({ clock, file: counted, onWarning: (message) => warnings.push(message) });
  const t0 = performance.now();
  for (let s = 0; s < DAY_SECONDS; s++) {
    clock.advance(INTERVAL_MS);
    for (let k = 0; k < keys.length; k++) values[keys[k]!] = (s * 7 + k * 13) % 100;
    recorder.add({ timeMs: clock.nowMs(), values });
  }
  const elapsedMs = performance.now() - t0;
  const heapAfter = heapAfterGc();
  final = true;
  recorder.stop();
  const fileBytes = statSync(file.path).size;
  const gapsMs = writesAtMonoMs.slice(1).map((at, i) => at - writesAtMonoMs[i]!);
  process.stdout.write(
    `${JSON.stringify({
      samples: DAY_SECONDS,
      keys: recorder.keys().length,
      elapsedMs,
      fileBytes,
      heapHeldBytes: heapAfter - heapBefore,
      allocatedBytes: recorder.allocatedBytes(),
      writes: writesAtMonoMs.length,
      minWriteGapMs: gapsMs.length ? Math.min(...gapsMs) : Number.NaN,
      warnings,
    })}\n`,
  );
} finally {
  rmSync(stateDir, { recursive: true, force: true });
}
