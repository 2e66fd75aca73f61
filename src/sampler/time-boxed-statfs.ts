// statfs with a time limit, so a dead NFS server costs one gap instead of a frozen disk read.
//
// A statfs cannot be cancelled: a hung one keeps a libuv threadpool thread (4 by default) busy until the kernel
// gives up, and every fs call of the process - including our /proc reads - shares that pool. So a mountpoint whose
// call is still hanging is not asked again until it returns, and once `maxStuckCalls` calls hang, network
// filesystems (the usual culprits) are not tried at all: local disks and /proc keep threads to run on.

import type { Clock } from '../clock.js';
import type { StatfsBlocks } from './disk-usage.js';
import { NETWORK_FS_TYPES, type MountEntry } from './mounts.js';

export type StatfsFn = (path: string) => Promise<StatfsBlocks>;

export interface TimeBoxedStatfsOptions {
  statfs: StatfsFn;
  clock: Clock;
  /** Give up waiting on one statfs after this long. */
  timeoutMs: number;
  /** Hanging calls tolerated before network filesystems are skipped. @default 2 (half the default libuv pool) */
  maxStuckCalls?: number;
}

export class TimeBoxedStatfs {
  readonly #options: TimeBoxedStatfsOptions;
  /** Mountpoint -> when its still-hanging statfs started. */
  readonly #stuckSinceMonoMs = new Map<string, number>();

  constructor(options: TimeBoxedStatfsOptions) {
    this.#options = options;
  }

  /** Number of statfs calls that timed out and have not returned yet. */
  get stuckCalls(): number {
    return this.#stuckSinceMonoMs.size;
  }

  read(mount: MountEntry): Promise<StatfsBlocks> {
    const { statfs, clock, timeoutMs, maxStuckCalls = 2 } = this.#options;
    const stuckSinceMonoMs = this.#stuckSinceMonoMs.get(mount.mountpoint);
    if (stuckSinceMonoMs !== undefined) {
      const forS = Math.round((clock.monoMs() - stuckSinceMonoMs) / 1000);
      return Promise.reject(new Error(`statfs(${mount.mountpoint}) has been hanging for ${forS} s; not retried until it returns`));
    }
    if (this.#stuckSinceMonoMs.size >= maxStuckCalls && NETWORK_FS_TYPES.has(mount.fsType)) {
      return Promise.reject(new Error(`skipped ${mount.fsType} ${mount.mountpoint}: ${this.#stuckSinceMonoMs.size} statfs calls are hanging`));
    }

    const startedMonoMs = clock.monoMs();
    const call = statfs(mount.mountpoint);
    return new Promise<StatfsBlocks>((resolve, reject) => {
      let timedOut = false;
      const cancelTimer = clock.setTimeout(() => {
        timedOut = true;
        this.#stuckSinceMonoMs.set(mount.mountpoint, startedMonoMs);
        reject(new Error(`statfs(${mount.mountpoint}) did not answer within ${timeoutMs} ms (${mount.fsType} ${mount.device})`));
      }, timeoutMs);
      call.then(
        (stats) => {
          cancelTimer();
          if (timedOut) this.#stuckSinceMonoMs.delete(mount.mountpoint);
          else resolve(stats);
        },
        (error: unknown) => {
          cancelTimer();
          if (timedOut) this.#stuckSinceMonoMs.delete(mount.mountpoint);
          else reject(error);
        },
      );
    });
  }
}
