// The real evidence source of the running monitor: /proc on Linux; elsewhere none (no /proc to read in-process).
import type { RollupRecorder } from '../store/rollup-recorder.js';
import type { Clock } from '../clock.js';
import type { EvidenceSource } from '../evidence/evidence-source.js';
import { LazyEvidenceSource } from '../evidence/lazy-evidence.js';
import { diskFreePoints } from '../evidence/rollup-points.js';

export function systemEvidence(clock: Clock, platform: NodeJS.Platform = process.platform): ((rollups: RollupRecorder | null) => EvidenceSource) | undefined {
  if (platform !== 'linux') return undefined;
  return (rollups) =>
    new LazyEvidenceSource({
      monoMs: () => clock.monoMs(),
      diskFreeHistory: (mountpoint, nowMs) => diskFreePoints(rollups, mountpoint, nowMs),
    });
}
