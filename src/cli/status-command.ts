// `srvmon status [--json]`: the running owner's state. Exit 0; 69 when no srvmon runs for this state dir.
import { ownerStatus, ownerStatusLines } from '../control/owner-status.js';
import type { CliArgs } from './args.js';
import { requireOwner } from './owner-connection.js';

export async function runStatus(args: CliArgs, out: (text: string) => void): Promise<number> {
  const connection = await requireOwner(args);
  try {
    const status = ownerStatus(connection.hello, connection.snapshot, Date.now());
    out(args.json ? `${JSON.stringify(status)}\n` : `${ownerStatusLines(status).join('\n')}\n`);
    return 0;
  } finally {
    connection.close();
  }
}
