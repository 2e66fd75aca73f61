// Measurement 4: a day in a second. Runs simulated-day-child.js in its own Node process with --expose-gc, so the
// heap it measures holds nothing of the benchmark's own, and reads its one JSON line.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { DAY_CHILD } from './paths.js';

const execFileAsync = promisify(execFile);

export interface SimulatedDayResult {
  samples: number;
  keys: number;
  elapsedMs: number;
  heapGrowthBytes: number;
  heapBeforeBytes: number;
  heapAfterBytes: number;
  alerts: number;
  logEntries: number;
  error?: string;
}

export async function measureSimulatedDay(extraNodeArgs: string[] = []): Promise<SimulatedDayResult> {
  try {
    const { stdout } = await execFileAsync(process.execPath, ['--expose-gc', ...extraNodeArgs, DAY_CHILD], { timeout: 120_000 });
    const parsed = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as SimulatedDayResult;
    return parsed;
  } catch (error: unknown) {
    const nan = Number.NaN;
    return { samples: 0, keys: 0, elapsedMs: nan, heapGrowthBytes: nan, heapBeforeBytes: nan, heapAfterBytes: nan, alerts: 0, logEntries: 0, error: error instanceof Error ? error.message : String(error) };
  }
}
