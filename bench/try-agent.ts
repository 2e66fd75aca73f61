// Development aid for the agent's measurements: run one alone and print its raw result
// (node dist/bench/try-agent.js cost|attached|one-shot|growth|rollups). BENCH_SECONDS sets the windows (default 10).
import { cleanupAll } from './cleanup.js';
import { measureAgentCost } from './agent-cost.js';
import { measureAttachedCost } from './attached-cost.js';
import { measureOneShot } from './one-shot.js';
import { measureCostGrowth } from './cost-growth.js';
import { measureRollupSize } from './rollup-size.js';

const which = process.argv[2];
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
try {
  const result =
    which === 'cost' ? await measureAgentCost(seconds)
    : which === 'attached' ? await measureAttachedCost(seconds)
    : which === 'one-shot' ? await measureOneShot(5)
    : which === 'rollups' ? await measureRollupSize()
    : which === 'growth' ? await measureCostGrowth(seconds)
    : { error: `unknown measurement ${which}` };
  console.log(JSON.stringify(result, null, 2));
} finally {
  cleanupAll();
}
process.exit(0);
