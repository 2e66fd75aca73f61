// Wall-clock steps for end-to-end tests, with Debian's libfaketime: the child reads its offset from a file at every
// clock call (FAKETIME_NO_CACHE), so a test can step the wall clock of a running srvmon as NTP or a VM resume does.
// The monotonic clock is left alone (FAKETIME_DONT_FAKE_MONOTONIC), as a real step leaves it.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function findLibfaketime(): string {
  for (const dir of readdirSync('/usr/lib', { withFileTypes: true })) {
    const candidate = join('/usr/lib', dir.name, 'faketime', 'libfaketime.so.1');
    if (dir.isDirectory() && existsSync(candidate)) return candidate;
  }
  throw new Error('libfaketime not found: install Debian\'s faketime package (npm test does: scripts/ensure-test-deps.sh)');
}

export class WallClockStepper {
  readonly #dir = mkdtempSync(join(tmpdir(), 'srvmon-faketime-'));
  readonly #file = join(this.#dir, 'offset');
  readonly env: NodeJS.ProcessEnv;

  constructor() {
    writeFileSync(this.#file, '+0\n');
    this.env = {
      LD_PRELOAD: findLibfaketime(),
      FAKETIME_TIMESTAMP_FILE: this.#file,
      FAKETIME_NO_CACHE: '1',
      FAKETIME_DONT_FAKE_MONOTONIC: '1',
    };
  }

  /** Sets the child's wall clock to real time + offsetS seconds (negative: behind). */
  setOffsetS(offsetS: number): void {
    writeFileSync(this.#file, `${offsetS >= 0 ? '+' : ''}${offsetS}s\n`);
  }

  cleanup(): void {
    rmSync(this.#dir, { recursive: true, force: true });
  }
}
