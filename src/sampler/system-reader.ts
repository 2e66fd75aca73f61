// The seam between the Sampler (scheduling, gaps, error reporting) and the OS (what a metric is and how it is read).
// Tests and the benchmark inject a scripted SystemReader; linux-reader.ts and si-reader.ts are the real ones.

/**
 * What one read produced. A metric that could not be read has no key in `values` (a gap, never a fake zero);
 * the reason is in `errors`, keyed by the metric group that failed:
 * `cpu` (all `cpu*` keys), `memory` (`memory` and `swap`), `load`, `net`, `self`, `disk` (the mount list),
 * `disk:<mountpoint>` (one filesystem). Keys absent because there is no baseline yet (first read, a new core or
 * interface, a counter reset) are gaps without an error: nothing is wrong, there is just no rate yet.
 */
import type { SampleSubject } from '../types.js';

export interface ReadResult {
  values: Record<string, number>;
  errors: Record<string, unknown>;
  /** What some values are about (Sample.subjects): the busiest process, the boot. */
  subjects?: Record<string, SampleSubject>;
}

export interface SystemReader {
  /**
   * Everything read every tick: `cpu*`, `memory`, `swap`, `load*`, `netRx:*`, `netTx:*`, `self:*`.
   * Rates and busy % are computed against the previous call, so the first call only sets the baseline
   * for those (the Sampler makes that call in start()). Must not spawn processes on Linux.
   */
  readFast(): Promise<ReadResult>;
  /** `disk:<mountpoint>` used %, read on the slow cadence. Each filesystem is time-boxed by the reader. */
  readDisks(): Promise<ReadResult>;
}

