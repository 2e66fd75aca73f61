// Pure: the load metrics from os.loadavg().

/** `load1`, `load5`, `load15` and `load1PerCore`, the one a rule can compare across machines of any size. */
export function loadMetrics(loadavg: readonly number[], logicalCores: number): Record<string, number> {
  const [load1, load5, load15] = loadavg;
  if (load1 === undefined || load5 === undefined || load15 === undefined) {
    throw new Error(`os.loadavg() returned ${JSON.stringify(loadavg)}`);
  }
  return { load1, load5, load15, load1PerCore: load1 / Math.max(1, logicalCores) };
}
