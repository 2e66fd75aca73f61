// srvmon's own cost (`self:cpu`, `self:rssBytes`), shown in the status bar so users can see the monitor is cheap.

export interface CpuUsageMicros {
  user: number;
  system: number;
}

/** Pure: % of ONE core used by this process over elapsedMs (above 100 with busy worker threads); undefined without elapsed time. */
export function selfCpuPct(previous: CpuUsageMicros, current: CpuUsageMicros, elapsedMs: number): number | undefined {
  if (!(elapsedMs > 0)) return undefined;
  const usedMicros = current.user - previous.user + (current.system - previous.system);
  if (usedMicros < 0) return undefined;
  return (usedMicros / 1000 / elapsedMs) * 100;
}

/** Remembers the previous process.cpuUsage() reading so each read() reports the interval since the last one. */
export class SelfUsageMeter {
  readonly #monotonicNowMs: () => number;
  #previous: { usage: CpuUsageMicros; atMs: number } | undefined;

  constructor(monotonicNowMs: () => number) {
    this.#monotonicNowMs = monotonicNowMs;
  }

  read(): Record<string, number> {
    const usage = process.cpuUsage();
    const atMs = this.#monotonicNowMs();
    const values: Record<string, number> = { 'self:rssBytes': process.memoryUsage.rss() };
    const previous = this.#previous;
    this.#previous = { usage, atMs };
    const cpuPct = previous ? selfCpuPct(previous.usage, usage, atMs - previous.atMs) : undefined;
    if (cpuPct !== undefined) values['self:cpu'] = cpuPct;
    return values;
  }
}
