// Measurement 3: alert latency. A real Monitor (store, engine, state file, alert log) with the real notification sink
// (loadSinkFactory: the durable outbox, the mail channel's worker, nodemailer) sends to a local smtp-server. The sampler is
// scripted: it emits a sample every interval (real timers, 1 s) from a "world" value, and the world's memory use jumps
// from 40% to 95% at a random moment between two ticks. Two figures per run:
// - pipeline: from the handleSample() call with the first sample above the threshold to the message accepted by the
//   SMTP server (end of DATA, 250 sent);
// - end to end: from the moment the world crossed the threshold to the message accepted. This includes waiting for
//   the next sample (up to one interval) and the channel's default groupWait (3 s: alerts that fire together go as
//   one message), and is what the budget "one sample interval + groupWait + 200 ms" bounds.
// The memory rule (window 1) is used: a rule averaging N samples needs N samples more, by design.
import { performance } from 'node:perf_hooks';
import { Monitor, type SampleSource } from '../src/app/monitor.js';
import { systemEvidence } from '../src/cli/system-evidence.js';
import { loadSinkFactory } from '../src/cli/create-sink.js';
import { systemClock } from '../src/clock.js';
import { DEFAULT_GROUP_WAIT_MS } from '../src/notify/policy/policy-types.js';
import type { Sample } from '../src/types.js';
import { benchConfig, localMailChannels } from './bench-config.js';
import { removeTempDir, tempDir } from './cleanup.js';
import { SmtpReceiver } from './smtp-receiver.js';
import { max, median, sleep } from './stats.js';

export interface AlertLatencyResult {
  runs: number;
  intervalMs: number;
  /** The channel's groupWait, the default: a first alert waits this long for company (issue 13's grouping). */
  groupWaitMs: number;
  pipelineMs: number[];
  endToEndMs: number[];
  error?: string;
}

const INTERVAL_MS = 1000;
const DELIVERY_TIMEOUT_MS = 10_000;

/** A sampler driven by the benchmark: real timers, values from world(), and a hook on every emitted sample. */
class ScriptedSampler implements SampleSource {
  #timer: NodeJS.Timeout | undefined;
  constructor(
    private readonly intervalMs: number,
    private readonly world: () => Record<string, number>,
    private readonly emit: (sample: Sample) => void,
  ) {}
  start(): void {
    this.#timer = setInterval(() => this.emit({ timeMs: Date.now(), values: this.world() }), this.intervalMs);
  }
  stop(): void {
    clearInterval(this.#timer);
  }
}

export async function measureAlertLatency(runs: number): Promise<AlertLatencyResult> {
  const result: AlertLatencyResult = { runs, intervalMs: INTERVAL_MS, groupWaitMs: DEFAULT_GROUP_WAIT_MS, pipelineMs: [], endToEndMs: [] };
  const smtp = await new SmtpReceiver().start();
  try {
    // One unmeasured run first: module loading and JIT warm-up are startup cost, not alert latency.
    await oneRun(smtp, 0);
    for (let i = 1; i <= runs; i++) {
      const { pipelineMs, endToEndMs } = await oneRun(smtp, i);
      result.pipelineMs.push(pipelineMs);
      result.endToEndMs.push(endToEndMs);
    }
  } catch (error: unknown) {
    result.error = error instanceof Error ? error.message : String(error);
  } finally {
    await smtp.stop();
  }
  return result;
}

async function oneRun(smtp: SmtpReceiver, index: number): Promise<{ pipelineMs: number; endToEndMs: number }> {
  const stateDir = tempDir('latency');
  const config = benchConfig({ intervalMs: INTERVAL_MS, stateDir, channels: localMailChannels(smtp.port) });
  let memoryPct = 40;
  let crossedAtMs: number | undefined;
  let handledAtMs: number | undefined;
  const monitor: Monitor = new Monitor({
    config,
    clock: systemClock,
    createSampler: (onSample) =>
      new ScriptedSampler(INTERVAL_MS, () => ({ cpu: 5, memory: memoryPct, 'disk:/': 40 }), (sample) => {
        if (handledAtMs === undefined && (sample.values.memory ?? 0) > 85) handledAtMs = performance.now();
        onSample(sample);
      }),
    createSink: await loadSinkFactory(config, systemClock),
    // As the real monitor: the mail waits for its evidence (this machine's top processes by RSS, swap activity).
    createEvidence: systemEvidence(systemClock),
  });
  try {
    monitor.start();
    // Let a couple of normal samples through, then cross at a random point between two ticks.
    await sleep(INTERVAL_MS * 1.5 + Math.random() * INTERVAL_MS);
    const expected = index + 1;
    memoryPct = 95;
    crossedAtMs = performance.now();
    const acceptedAtMs = await smtp.waitForCount(expected, DELIVERY_TIMEOUT_MS);
    if (handledAtMs === undefined) throw new Error('the crossing sample was not seen');
    return { pipelineMs: acceptedAtMs - handledAtMs, endToEndMs: acceptedAtMs - crossedAtMs };
  } finally {
    await monitor.stop();
    removeTempDir(stateDir);
  }
}

export function worst(values: number[]): { median: number; max: number } {
  return { median: median(values), max: max(values) };
}
