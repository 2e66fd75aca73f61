// Where a running owner's control socket is: `--attach PATH` if given; else the socket of the state dir this config
// uses, then the systemd unit's /run/srvmon/control.sock. The first that answers is the owner.
import { AttachError, connectControl, type ControlConnection } from './control-client.js';

/** The systemd unit's socket (RuntimeDirectory=srvmon). */
export const SYSTEM_SOCKET = '/run/srvmon/control.sock';

export function ownerSockets(attach: string | undefined, configSocket: string): string[] {
  if (attach !== undefined) return [attach];
  return [...new Set([configSocket, SYSTEM_SOCKET])];
}

/**
 * Connects to the first socket that answers. Resolves null when none has an owner; rejects with the AttachError of a
 * socket that exists but refused us (permission, protocol), since quietly skipping it would hide why.
 */
export async function findOwner(sockets: readonly string[], timeoutMs?: number): Promise<ControlConnection | null> {
  let refused: AttachError | undefined;
  for (const socket of sockets) {
    try {
      return await connectControl(socket, { timeoutMs });
    } catch (error: unknown) {
      if (!(error instanceof AttachError)) throw error;
      if (error.kind !== 'not-running') refused ??= error;
    }
  }
  if (refused) throw refused;
  return null;
}
