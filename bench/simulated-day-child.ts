// Child process of simulated-day.ts, run with --expose-gc: 86,400 scripted samples (one day at 1 s) through the real
// Monitor (store + alert engine; persist: false, no channels) with a FakeClock and no sleeping. Prints one JSON line.
import { performance } from 'node:perf_hooks';
import { Monitor } from '../src/app/monitor.js';
import { FakeClock } from '../src/clock.js';
import type { Sample } from '../src/types.js';
import { benchConfig } from './bench-config.js';

const DAY = 86_400;
const INTERVAL_MS = 1000;
const CORES = 4;
/** Warm-up: a full history (10 min) and some more, so the ring buffers and the JIT are at their steady state. */
const WARMUP = 1200;
const MiB = 2 ** 20;

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  process.stdout.write(`${JSON.stringify({ error: 'run with --expose-gc' })}\n`);
  process.exit(2);
}

/** A deterministic pseudo-random source, so every run sees the same day. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A realistic day: CPU wandering 5-40% with a burst above 85% every couple of hours (cron, backups), memory drifting
 * 50-92% (crossing 85% twice), swap near 0, load following CPU, / steady at 71%, /data filling from 88% to 96% (warning
 * then critical), two interfaces with traffic. A handful of alert transitions, as a real day has.
 */
function daySamples(): (i: number, timeMs: number) => Sample {
  const random = mulberry32(42);
  const walk = (value: number, step: number, low: number, high: number): number => Math.min(high, Math.max(low, value + (random() - 0.5) * step));
  let cpuBase = 20;
  let memory = 60;
  return (i, timeMs) => {
    cpuBase = walk(cpuBase, 4, 5, 40);
    const burst = i % 7200 > 7000 && i % 7200 < 7300 ? 60 : 0; // 100 s bursts every 2 h
    const cpu = Math.min(100, cpuBase + burst + random() * 5);
    const hour = i / 3600;
    memory = walk(memory, 0.5, 50, 70) ;
    const memoryPct = hour > 9 && hour < 10 ? 90 + random() : hour > 17 && hour < 17.2 ? 91 + random() : memory;
    const values: Record<string, number> = {
      cpu,
      memory: memoryPct,
      swap: random() * 0.5,
      load1: (cpu / 100) * CORES * 1.1,
      load5: (cpu / 100) * CORES,
      load15: (cpu / 100) * CORES * 0.9,
      load1PerCore: (cpu / 100) * 1.1,
      'disk:/': 71 + random() * 0.01,
      'disk:/data': 88 + (8 * i) / DAY,
      'netRx:eth0': 50_000 + random() * 100_000,
      'netTx:eth0': 20_000 + random() * 50_000,
      'netRx:eth1': 1_000 + random() * 5_000,
      'netTx:eth1': 1_000 + random() * 5_000,
    };
    for (let core = 0; core < CORES; core++) values[`cpu:${core}`] = Math.min(100, cpu + (random() - 0.5) * 10);
    return { timeMs, values };
  };
}

function heapAfterGc(): number {
  (gc as () => void)();
  (gc as () => void)();
  return process.memoryUsage().heapUsed;
}

const clock = new FakeClock(Date.UTC(2026, 2, 1, 0, 0, 0));
const monitor = new Monitor({
  config: benchConfig({ intervalMs: INTERVAL_MS }),
  clock,
  createSampler: () => ({ start() {}, stop() {} }),
  persist: false,
});
monitor.start();
let alerts = 0;
monitor.store.subscribe((event) => {
  if (event.type === 'alert') alerts++;
});
const next = daySamples();
let i = 0;
const step = (): void => {
  clock.advance(INTERVAL_MS);
  monitor.handleSample(next(i++, clock.nowMs()));
};

for (let w = 0; w < WARMUP; w++) step();
const alertsBefore = alerts;
const heapBefore = heapAfterGc();
const t0 = performance.now();
for (let s = 0; s < DAY; s++) step();
const elapsedMs = performance.now() - t0;
const heapAfter = heapAfterGc();
await monitor.stop();
process.stdout.write(
  `${JSON.stringify({
    samples: DAY,
    keys: Object.keys(next(0, 0).values).length,
    elapsedMs,
    heapBeforeBytes: heapBefore,
    heapAfterBytes: heapAfter,
    heapGrowthBytes: heapAfter - heapBefore,
    heapGrowthMiB: (heapAfter - heapBefore) / MiB,
    alerts: alerts - alertsBefore,
    logEntries: monitor.store.log.length,
  })}\n`,
);
