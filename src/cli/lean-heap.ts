// V8 settings for the headless agent, a process that wakes once a second, does about a millisecond of work and lives
// for months. Node's defaults are tuned for throughput: measured on the agent (bench/results.md, "agent RSS"),
//   - the young generation grows to 16 MB while the modules load and stays there until a scavenge finds the allocation
//     rate low, 20-60 s later: 8-11 MB of RSS for nothing. A growth factor of 1 keeps it at its 1 MB start;
//   - TurboFan optimises the few hot functions of a tick, and its compiler code in the node binary (about 4 MB of pages
//     once touched) plus its compile jobs cost more than the optimised code saves at one tick a second: side by side,
//     the agent without it used no more CPU, even at ten ticks a second.
// Set from inside the process (not as node flags) so that `srvmon --no-ui` under systemd, in a container or from a
// shell behaves the same. Both flags are read when V8 next decides, so they apply although the isolate is running.
import { setFlagsFromString } from 'node:v8';
import { keepYoungGenerationSmall } from './young-generation.js';

export function useLeanHeap(): void {
  keepYoungGenerationSmall();
  setFlagsFromString('--no-opt');
}
