// srvmon's persisted state: each rule's firing state and last notification (so a restart inside the repeat window
// does not notify again), the mute, and runtime threshold overrides. Written only when something changes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RuleState } from '../alerts/rule-step.js';
import type { MuteState, ThresholdOverrides } from '../types.js';
import { writeFileAtomic } from './atomic-write.js';

export interface PersistedState {
  version: 1;
  rules: Record<string, RuleState>;
  mute: MuteState | null;
  overrides: ThresholdOverrides;
}

export const EMPTY_STATE: PersistedState = { version: 1, rules: {}, mute: null, overrides: {} };

export class StateFile {
  readonly path: string;
  readonly #onWarning: (message: string) => void;
  #warned = false;

  constructor(stateDir: string, onWarning: (message: string) => void) {
    this.path = join(stateDir, 'state.json');
    this.#onWarning = onWarning;
  }

  load(): PersistedState {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error: unknown) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.#onWarning(`cannot read ${this.path}: ${describe(error)}; starting with empty state`);
      return structuredClone(EMPTY_STATE);
    }
    try {
      const parsed = JSON.parse(text) as Partial<PersistedState>;
      return {
        version: 1,
        rules: isObject(parsed.rules) ? (parsed.rules as Record<string, RuleState>) : {},
        mute: isObject(parsed.mute) ? (parsed.mute as MuteState) : null,
        overrides: isObject(parsed.overrides) ? sanitizeOverrides(parsed.overrides as Record<string, unknown>) : {},
      };
    } catch {
      this.#onWarning(`${this.path} is corrupt; starting with empty state`);
      return structuredClone(EMPTY_STATE);
    }
  }

  /** Returns false (after one warning) when the state dir is not writable: srvmon then keeps running in memory. */
  save(state: PersistedState): boolean {
    try {
      writeFileAtomic(this.path, `${JSON.stringify(state)}\n`);
      this.#warned = false;
      return true;
    } catch (error: unknown) {
      this.#warn(`cannot write state to ${this.path}: ${describe(error)}; keeping state in memory only`);
      return false;
    }
  }

  #warn(message: string): void {
    if (this.#warned) return;
    this.#warned = true;
    this.#onWarning(message);
  }
}

function sanitizeOverrides(raw: Record<string, unknown>): ThresholdOverrides {
  return Object.fromEntries(Object.entries(raw).filter((entry): entry is [string, number] => typeof entry[1] === 'number' && Number.isFinite(entry[1])));
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function describe(error: unknown): string {
  if (error instanceof Error) return (error as NodeJS.ErrnoException).code ?? error.message;
  return String(error);
}
