// One-shot commands (status, mute, unmute, test-alert) reach the owner through its control socket. Finding it needs
// only the config's socket path: nothing of the monitor is built.
import { NoOwnerError } from '../control/attach-error.js';
import type { ControlConnection } from '../control/control-client.js';
import { findOwner, ownerSockets } from '../control/find-owner.js';
import { ownerLocationWithoutFile } from '../config/owner-location.js';
import type { CliArgs } from './args.js';

/** The owner's connection, or null when none runs; an AttachError (permission, protocol) says why it cannot be used. */
export async function connectToOwner(args: CliArgs): Promise<{ connection: ControlConnection | null; sockets: string[]; stateDir: string }> {
  // Without a config file the defaults say where the owner is; the config loader (zod, the schema) loads only when a
  // file may say otherwise.
  let location = await ownerLocationWithoutFile(args);
  if (!location) {
    const { config } = await (await import('./load-cli-config.js')).loadCliConfig(args);
    location = { stateDir: config.stateDir, socket: config.control.socket };
  }
  const sockets = ownerSockets(args.attach, location.socket);
  return { connection: await findOwner(sockets), sockets, stateDir: location.stateDir };
}

/** The owner or a NoOwnerError naming where we looked. */
export async function requireOwner(args: CliArgs): Promise<ControlConnection> {
  const { connection, sockets, stateDir } = await connectToOwner(args);
  if (!connection) {
    throw new NoOwnerError(`no srvmon is running for ${stateDir} (looked for ${sockets.join(', ')}); start it with "srvmon --no-ui" or "systemctl start srvmon"`);
  }
  return connection;
}
