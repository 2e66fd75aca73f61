// The floor: the cheapest useful Node monitor, a process calling systeminformation's currentLoad() and mem() once a
// second and doing nothing with the results. Run as its own process by process-cost.ts (node dist/bench/floor.js).
import * as si from 'systeminformation';

const INTERVAL_MS = 1000;

async function tick(): Promise<void> {
  await si.currentLoad();
  await si.mem();
}

void tick();
setInterval(() => void tick().catch(() => undefined), INTERVAL_MS);
