// Turns "this metric failed again" into one report per failure episode, so a broken metric does not log once a tick.

export class ErrorLatch {
  #failing = new Set<string>();

  /**
   * Feed the errors of one complete read from a source. Returns the errors to report: the metrics that were not
   * failing before. Metrics that failed before and are absent now have recovered and will be reported again if
   * they fail again. Use one latch per source (fast reads, disk reads), so one source cannot "recover" the other's.
   */
  update(errors: Record<string, unknown>): [metric: string, error: unknown][] {
    const fresh = Object.entries(errors).filter(([metric]) => !this.#failing.has(metric));
    this.#failing = new Set(Object.keys(errors));
    return fresh;
  }
}
