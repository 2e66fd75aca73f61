// srvmon's persisted state: each rule's firing state and last notification (so a restart inside the repeat window
// does not notify again), the global mute and the mutes of single rules, and runtime threshold overrides. Written
// only when something changes. Read back through validateState: what is invalid is dropped with a warning, a file
// that is not JSON is set aside.
import { renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from './atomic-write.js';
import { describeError } from './describe-error.js';
import { notADirectory } from './ensure-dir.js';
import { readRegularFile } from './safe-open.js';
import { isRecord, validateState, type PersistedState } from './state-validation.js';

export type { PersistedState };

export const EMPTY_STATE: PersistedState = { version: 1, rules: {}, mute: null, ruleMutes: {}, overrides: {} };

const MAX_VALUE_CHARS = 60;
const CORRUPT_SUFFIX = '.corrupt';

export class StateFile {
  readonly path: string;
  readonly #onWarning: (message: string) => void;
  #warned = false;
  /** state.json could not be parsed: move it aside before the first save. */
  #corrupt = false;

  constructor(stateDir: string, onWarning: (message: string) => void) {
    this.path = join(stateDir, 'state.json');
    this.#onWarning = onWarning;
  }

  load(): PersistedState {
    let text: string;
    try {
      text = readRegularFile(this.path);
    } catch (error: unknown) {
      const code = (error as NodeJS.ErrnoException).code;
      const cause = code === 'ENOTDIR' ? notADirectory(dirname(this.path)) : error;
      if (code !== 'ENOENT') this.#onWarning(`cannot read ${this.path}: ${describeError(cause)}; starting with empty state`);
      return structuredClone(EMPTY_STATE);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error: unknown) {
      return this.#setAside(cut(describeError(error)));
    }
    if (!isRecord(parsed)) return this.#setAside('not a JSON object');
    const { state, problems } = validateState(parsed);
    for (const { key, value, reason } of problems) this.#onWarning(`ignoring ${key} = ${quote(value)} in ${this.path}: ${reason}`);
    return state;
  }

  /** Returns false (after one warning) when the state dir is not writable: srvmon then keeps running in memory. */
  save(state: PersistedState): boolean {
    try {
      if (this.#corrupt) {
        renameUnlessGone(this.path, `${this.path}${CORRUPT_SUFFIX}`);
        this.#corrupt = false;
      }
      writeFileAtomic(this.path, `${JSON.stringify(state)}\n`);
      this.#warned = false;
      return true;
    } catch (error: unknown) {
      this.#warn(`cannot write state to ${this.path}: ${describeError(error)}; keeping state in memory only`);
      return false;
    }
  }

  /**
   * Keep a corrupt file for a person to look at: the first save moves it aside instead of overwriting it (not here,
   * so that a read-only command such as check-config changes nothing).
   */
  #setAside(reason: string): PersistedState {
    this.#corrupt = true;
    this.#onWarning(`${this.path} is corrupt (${reason}); starting with empty state, the file is kept as ${this.path}${CORRUPT_SUFFIX}`);
    return structuredClone(EMPTY_STATE);
  }

  #warn(message: string): void {
    if (this.#warned) return;
    this.#warned = true;
    this.#onWarning(message);
  }
}

function renameUnlessGone(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

function quote(value: unknown): string {
  return cut(JSON.stringify(value) ?? String(value));
}

function cut(text: string): string {
  return text.length <= MAX_VALUE_CHARS ? text : `${text.slice(0, MAX_VALUE_CHARS - 1)}…`;
}
