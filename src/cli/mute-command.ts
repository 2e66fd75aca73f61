// `srvmon mute [DURATION|forever]` and `srvmon unmute`: through the running owner, which persists the mute.
import { DEFAULT_MUTE_MS } from '../app/monitor-port.js';
import { parseDurationMs } from '../config/duration.js';
import type { MuteState } from '../types.js';
import { UsageError, type CliArgs } from './args.js';
import { requireOwner } from './owner-connection.js';

/** "30m", "2h", "forever" (until unmuted); the default is 30 minutes. */
export function muteDurationMs(text: string | undefined): number | null {
  if (text === undefined) return DEFAULT_MUTE_MS;
  if (text === 'forever') return null;
  let ms: number;
  try {
    ms = parseDurationMs(text);
  } catch (error: unknown) {
    throw new UsageError(`mute: ${(error as Error).message}, got "${text.slice(0, 40)}"`);
  }
  if (!(ms > 0)) throw new UsageError(`mute: the duration must be above 0, got "${text.slice(0, 40)}"`);
  return ms;
}

export async function runMute(args: CliArgs, out: (text: string) => void): Promise<number> {
  const durationMs = muteDurationMs(args.muteDuration);
  const connection = await requireOwner(args);
  try {
    const { mute } = (await connection.command({ name: 'mute', durationMs })) as { mute: MuteState };
    const until = mute.untilMs === null ? 'until unmuted' : `until ${new Date(mute.untilMs).toISOString()}`;
    out(`muted ${until} (srvmon pid ${connection.hello.owner.pid}); "srvmon unmute" ends it\n`);
    return 0;
  } finally {
    connection.close();
  }
}

export async function runUnmute(args: CliArgs, out: (text: string) => void): Promise<number> {
  const connection = await requireOwner(args);
  try {
    await connection.command({ name: 'unmute' });
    out(`unmuted (srvmon pid ${connection.hello.owner.pid})\n`);
    return 0;
  } finally {
    connection.close();
  }
}
