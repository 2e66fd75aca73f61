// Picks the SystemReader for this OS. Synchronous so a sampler can be built in a constructor; systeminformation is
// loaded (lazily, on the first read) only off Linux, so a Linux process never pays for it.

import { LinuxReader, type LinuxReaderOptions } from './linux-reader.js';
import type { SystemReader } from './system-reader.js';

export function createSystemReader(
  platform: NodeJS.Platform = process.platform,
  linuxOptions: LinuxReaderOptions = {},
): SystemReader {
  if (platform === 'linux') return new LinuxReader(linuxOptions);
  const loading = import('./si-reader.js').then(({ SiReader }) => new SiReader());
  // A failed import surfaces through the reads below (as a `reader`/`disk` error), not as an unhandled rejection.
  loading.catch(() => undefined);
  return {
    readFast: async () => (await loading).readFast(),
    readDisks: async () => (await loading).readDisks(),
  };
}
