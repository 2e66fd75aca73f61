// `srvmon mute [DURATION|forever] [--rule ID ...]` and `srvmon unmute [--rule ID ...]`: through the running owner,
// which checks the rule ids and persists the mute.
import { DEFAULT_MUTE_MS } from '../app/monitor-port.js';
import { parseDurationMs } from '../config/duration.js';
import { CommandRefusedError } from '../control/attach-error.js';
import type { ControlConnection } from '../control/control-client.js';
import { terminalSafe } from '../text/terminal-safe.js';
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
  const rules = args.rules;
  const connection = await requireOwner(args);
  try {
    const { mute } = (await refusedAsUsage('mute', connection.command({ name: 'mute', durationMs, ...(rules ? { rules } : {}) }))) as { mute: MuteState };
    const until = mute.untilMs === null ? 'until unmuted' : `until ${new Date(mute.untilMs).toISOString()}`;
    const pid = connection.hello.owner.pid;
    out(
      rules
        ? `muted ${rulesText(rules)} ${until} (srvmon pid ${pid}); "srvmon unmute ${rules.map((id) => `--rule ${shellWord(id)}`).join(' ')}" ends it\n`
        : `muted ${until} (srvmon pid ${pid}); "srvmon unmute" ends it\n`,
    );
    return 0;
  } finally {
    connection.close();
  }
}

export async function runUnmute(args: CliArgs, out: (text: string) => void): Promise<number> {
  const rules = args.rules;
  const connection = await requireOwner(args);
  try {
    await refusedAsUsage('unmute', connection.command({ name: 'unmute', ...(rules ? { rules } : {}) }));
    out(`unmuted${rules ? ` ${rulesText(rules)}` : ''} (srvmon pid ${connection.hello.owner.pid})\n`);
    return 0;
  } finally {
    connection.close();
  }
}

/** The owner refused the command (an unknown rule id): one line, exit 64 like any other mistake in the arguments. */
async function refusedAsUsage(name: string, reply: ReturnType<ControlConnection['command']>): Promise<unknown> {
  try {
    return await reply;
  } catch (error: unknown) {
    if (error instanceof CommandRefusedError) throw new UsageError(terminalSafe(`${name}: ${error.message}`));
    throw error;
  }
}

function rulesText(rules: readonly string[]): string {
  return `${rules.length === 1 ? 'rule' : 'rules'} ${rules.map(terminalSafe).join(', ')}`;
}

/** A rule id as the person would type it again (disk:/my data needs quotes). */
function shellWord(id: string): string {
  return /^[\w:/.@%+=-]+$/.test(id) ? id : `'${terminalSafe(id).replaceAll("'", `'\\''`)}'`;
}
