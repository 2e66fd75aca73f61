// The monitor (dashboard or agent) allocates a little garbage every tick and frame (samples, view models, strings).
// Left to itself V8 grows the young generation to its maximum while the modules load (two 16 MB semi-spaces on 64-bit
// Node 20) and keeps it for a long while: 32 MB of the dashboard's 96 MB RSS was an empty nursery
// (process.memoryUsage() and v8.getHeapSpaceStatistics(), bench/results.md "Dashboard"). With no growth it stays at
// its first size (1 MB semi-spaces); a scavenge of it takes well under a millisecond, as little of a tick's garbage
// survives. V8 reads the flag whenever it would grow the space, so it is set before the monitor's modules load.
import { setFlagsFromString } from 'node:v8';

let applied = false;

export function keepYoungGenerationSmall(): void {
  if (applied) return;
  applied = true;
  setFlagsFromString('--semi-space-growth-factor=1');
}
