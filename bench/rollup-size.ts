// A day of rollups: runs rollup-size-child.js in its own Node process with --expose-gc (so the heap it measures holds
// nothing of the benchmark's own) and reads its one JSON line.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const execFileAsync = promisify(execFile);
const CHILD = join(fileURLToPath(new URL('.', import.meta.url)), 'rollup-size-child.js');

export interface RollupSizeResult {
  samples: number;
  keys: number;
  elapsedMs: number;
  fileBytes: number;
  /** Heap after gc() with the recorder and its day of rollups, minus before it existed. */
  heapHeldBytes: number;
  /** What the recorder counts as its typed arrays. */
  allocatedBytes: number;
  writes: number;
  /** Least monotonic time between two writes. */
  minWriteGapMs: number;
  error?: string;
}

export async function measureRollupSize(): Promise<RollupSizeResult> {
  try {
    const { stdout } = await execFileAsync(process.execPath, ['--expose-gc', CHILD], { timeout: 300_000 });
    return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as RollupSizeResult;
  } catch (error: unknown) {
    const nan = Number.NaN;
    return { samples: 0, keys: 0, elapsedMs: nan, fileBytes: nan, heapHeldBytes: nan, allocatedBytes: nan, writes: 0, minWriteGapMs: nan, error: error instanceof Error ? error.message : String(error) };
  }
}
