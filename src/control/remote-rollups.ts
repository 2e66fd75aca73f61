// An attached dashboard's replica of its agent's day of per-minute history: the snapshot carries the agent's rollups
// in the rollup file's format, a recorder of our own loads them and folds in the live samples that follow, so the
// replica stays what the agent holds without a further event on the socket. Nothing is written here.
import type { Clock } from '../clock.js';
import { decodeRollups, RollupFileError, type StoredRollups } from '../store/rollup-file.js';
import { RollupRecorder } from '../store/rollup-recorder.js';
import { MINUTE_MS } from '../store/rollup-ring.js';

/** The recorder holding the snapshot's rollups; null when the agent keeps none (or is older than 1.2). */
export function rollupsFromSnapshot(encoded: unknown, clock: Clock, onWarning: (message: string) => void): RollupRecorder | null {
  if (typeof encoded !== 'string') return null;
  let stored: StoredRollups;
  try {
    stored = decodeRollups(Buffer.from(encoded, 'base64'));
  } catch (error: unknown) {
    if (!(error instanceof RollupFileError)) throw error;
    onWarning(`the agent's chart history is unusable (${error.message}); the charts start from now`);
    return null;
  }
  const recorder = new RollupRecorder({
    clock,
    file: { path: "the agent's rollups", load: () => stored, save: () => true },
    onWarning,
    windowMs: stored.capacityMinutes * MINUTE_MS,
  });
  recorder.load();
  return recorder;
}
