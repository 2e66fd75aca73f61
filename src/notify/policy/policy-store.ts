// The policy state of each channel (the group being collected, the alerts held for a digest, the hour's budget) in
// the outbox folder: outbox/policy/<channel>.json, written atomically on every change. Held notifications are never
// only in memory, so a restart in the middle of quiet hours still sends their digest in the morning.
import { readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../../state/atomic-write.js';
import { emptyPolicyState, type PolicyState } from './channel-policy.js';

const stateSchema = z.looseObject({
  version: z.literal(1),
  group: z.looseObject({ startMs: z.number(), events: z.array(z.looseObject({ type: z.literal('alert'), id: z.string(), rule: z.string() })) }).nullable(),
  held: z.array(z.looseObject({ key: z.string(), reason: z.enum(['quiet', 'budget']), item: z.looseObject({ rule: z.string(), kind: z.string(), sinceMs: z.number(), peak: z.number() }) })),
  heldSinceMs: z.number().nullable(),
  budget: z.looseObject({ hourStartMs: z.number(), sent: z.number(), overflowed: z.boolean() }),
});

/** Channels with a policy state file (something held or grouped), configured or not. */
export function channelsWithPolicyState(outboxDir: string): string[] {
  try {
    return readdirSync(join(outboxDir, 'policy'))
      .filter((name) => name.endsWith('.json'))
      .map((name) => name.slice(0, -'.json'.length));
  } catch {
    return [];
  }
}

export class PolicyStore {
  readonly #file: string;
  readonly #onWarning: (message: string) => void;
  #written: string | undefined;
  #warned = false;

  constructor(outboxDir: string, channel: string, onWarning: (message: string) => void) {
    this.#file = join(outboxDir, 'policy', `${channel.replace(/[^A-Za-z0-9_-]/g, '_')}.json`);
    this.#onWarning = onWarning;
  }

  get file(): string {
    return this.#file;
  }

  /** The saved state; a missing file is a fresh start, an unreadable one is set aside (`.bad`) with a warning. */
  load(): PolicyState {
    let text: string;
    try {
      text = readFileSync(this.#file, 'utf8');
    } catch {
      // Nothing saved yet: nothing is written either until there is something to keep.
      const empty = emptyPolicyState();
      this.#written = JSON.stringify({ version: 1, ...empty });
      return empty;
    }
    let parsed: z.ZodSafeParseResult<z.output<typeof stateSchema>> | undefined;
    try {
      parsed = stateSchema.safeParse(JSON.parse(text));
    } catch {
      parsed = undefined;
    }
    if (!parsed?.success) {
      try {
        renameSync(this.#file, `${this.#file}.bad`);
      } catch {
        // read-only: it stays, and is read (and refused) again next time
      }
      this.#onWarning(`the notification policy state ${this.#file} is not valid; set aside as .bad, held alerts in it are not sent`);
      return emptyPolicyState();
    }
    this.#written = text;
    const { version: _version, ...state } = parsed.data;
    return state as unknown as PolicyState;
  }

  /**
   * Writes the state if it changed; a state with nothing in it (nothing grouped, held or counted) is no file at all,
   * so an outbox with nothing waiting holds no policy file either. A disk that refuses is said once; the state goes
   * on in memory.
   */
  save(state: PolicyState): void {
    const text = JSON.stringify({ version: 1, ...state });
    if (text === this.#written) return;
    try {
      if (isEmpty(state)) rmSync(this.#file, { force: true });
      else writeFileAtomic(this.#file, text);
      this.#written = text;
      this.#warned = false;
    } catch (error: unknown) {
      if (this.#warned) return;
      this.#warned = true;
      this.#onWarning(`cannot write ${this.#file} (${(error as NodeJS.ErrnoException).code ?? String(error)}): held notifications are kept in memory only`);
    }
  }
}

function isEmpty(state: PolicyState): boolean {
  return state.group === null && state.held.length === 0 && state.budget.sent === 0 && !state.budget.overflowed;
}
