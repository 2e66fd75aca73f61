// Development aid: run one measurement alone and print its raw result (node dist/bench/try-one.js drain|latency|startup|cost|day).
import { cleanupAll } from './cleanup.js';
import { measureAlertLatency } from './alert-latency.js';
import { measureOutboxDrain } from './outbox-drain.js';
import { measureProcessCosts } from './process-cost.js';
import { measureSimulatedDay } from './simulated-day.js';
import { measureStartup } from './startup.js';

const which = process.argv[2];
try {
  const result =
    which === "drain" ? await measureOutboxDrain(Number(process.env.BENCH_DRAIN_COUNT ?? 1000))
    : which === 'latency' ? await measureAlertLatency(3)
    : which === 'startup' ? await measureStartup(3)
    : which === 'cost' ? await measureProcessCosts(Number(process.env.BENCH_SECONDS ?? 10))
    : which === 'day' ? await measureSimulatedDay()
    : { error: `unknown measurement ${which}` };
  console.log(JSON.stringify(result, null, 2));
} finally {
  cleanupAll();
}
process.exit(0);
