// The owner's side of the control socket: every client gets a hello, a snapshot of the store, then the store's events
// as they happen, and may send commands. Bounded on every side, so that no client can slow sampling or alerting: a
// cap on clients, a cap on a command line, and a client that stops reading is dropped once its unsent output passes a
// limit. Each event is serialized once for all clients.
import { chmodSync, chownSync, lstatSync, readFileSync, unlinkSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { MonitorCommands } from '../app/monitor-port.js';
import type { MonitorStore, StoreEvent } from '../store/monitor-store.js';
import { historyToColumns } from './history-columns.js';
import { encodeRollups, RollupFileError } from '../store/rollup-file.js';
import { rollupEntries, rollupSpan } from '../store/rollup-source.js';
import {
  LineSplitter,
  MAX_CLIENT_LINE_BYTES,
  parseCommand,
  PROTOCOL_VERSION,
  type CommandMessage,
  type LiveEvent,
  type OwnerInfo,
  type ServerMessage,
} from './protocol.js';

/** Unix socket paths are limited by sockaddr_un.sun_path: 108 bytes with the terminating NUL. */
export const MAX_SOCKET_PATH_BYTES = 107;

export interface ControlServerOptions {
  socketPath: string;
  /** control.group: the socket becomes 0660 with this group; 0600 without. */
  group?: string;
  store: MonitorStore;
  owner: () => OwnerInfo;
  commands: MonitorCommands;
  onWarning: (message: string) => void;
  /** @default 32 */
  maxClients?: number;
  /** Unsent bytes after which a client that does not read is dropped. @default 8 MiB */
  maxPendingBytes?: number;
}

export interface ControlServer {
  readonly socketPath: string;
  clientCount(): number;
  close(): Promise<void>;
}

export class ControlSocketError extends Error {}

export async function startControlServer(options: ControlServerOptions): Promise<ControlServer> {
  const { socketPath, store } = options;
  const maxClients = options.maxClients ?? 32;
  const maxPendingBytes = options.maxPendingBytes ?? 8 * 1024 * 1024;
  checkPathLength(socketPath);
  const gid = options.group === undefined ? undefined : groupId(options.group);
  await removeStaleSocket(socketPath);

  const clients = new Set<Socket>();
  const send = (socket: Socket, line: string): void => {
    if (socket.destroyed) return;
    if (socket.writableLength > maxPendingBytes) {
      socket.destroy(); // it stopped reading: drop it rather than buffer without end
      return;
    }
    socket.write(line);
  };
  const broadcast = (message: ServerMessage): void => {
    if (clients.size === 0) return;
    const line = `${JSON.stringify(message)}\n`;
    for (const socket of clients) send(socket, line);
  };

  const unsubscribe = store.subscribe((event) => {
    const live = liveEvent(event, store);
    if (live) broadcast({ type: 'event', event: live });
  });

  const server: Server = createServer((socket) => {
    if (clients.size >= maxClients) {
      socket.end(`${JSON.stringify({ type: 'refused', error: `too many clients (${maxClients})` })}\n`);
      socket.destroySoon?.();
      return;
    }
    clients.add(socket);
    socket.on('close', () => clients.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.setNoDelay?.(true);
    send(socket, `${JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, srvmon: options.owner().version, owner: options.owner() })}\n`);
    send(socket, `${JSON.stringify(snapshot(store))}\n`);
    const splitter = new LineSplitter(MAX_CLIENT_LINE_BYTES);
    socket.on('data', (chunk: Buffer) => {
      let lines: string[];
      try {
        lines = splitter.push(chunk);
      } catch (error: unknown) {
        socket.end(`${JSON.stringify({ type: 'reply', id: -1, ok: false, error: (error as Error).message })}\n`);
        socket.destroySoon?.();
        return;
      }
      for (const line of lines) {
        if (line.trim() === '') continue;
        const command = parseCommand(line);
        if ('error' in command) {
          // Garbage: say what was wrong once and hang up (a well-behaved client never sends it).
          socket.end(`${JSON.stringify({ type: 'reply', id: command.id ?? -1, ok: false, error: command.error })}\n`);
          socket.destroySoon?.();
          return;
        }
        void run(command, options.commands).then((reply) => send(socket, `${JSON.stringify(reply)}\n`));
      }
    });
  });
  server.maxConnections = maxClients + 8; // the kernel backlog aside, refuse outright past this

  // The socket is created with no access for group or others (umask), then opened up to what is configured: there is
  // no moment at which it is wider than intended.
  const oldUmask = process.umask(0o177);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ path: socketPath }, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error: unknown) {
    unsubscribe();
    throw new ControlSocketError(`cannot listen on the control socket ${socketPath}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  } finally {
    process.umask(oldUmask);
  }
  if (gid !== undefined) {
    chownSync(socketPath, -1, gid);
    chmodSync(socketPath, 0o660);
  } else {
    chmodSync(socketPath, 0o600);
  }
  server.on('error', (error) => options.onWarning(`control socket: ${error.message}`));

  return {
    socketPath,
    clientCount: () => clients.size,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        for (const socket of clients) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function snapshot(store: MonitorStore): ServerMessage {
  return {
    type: 'snapshot',
    history: historyToColumns(store.history),
    latest: store.latest ?? null,
    host: store.host ?? null,
    rules: store.rules,
    mute: store.mute,
    ruleMutes: store.ruleMutes,
    overrides: store.overrides,
    channels: [...store.channels.values()],
    log: store.log,
    rollups: encodedRollups(store),
    rollupSpan: rollupSpan(store.rollups),
  };
}

/** The rollups for the snapshot; null (the client's charts start from now) if they cannot be encoded. */
function encodedRollups(store: MonitorStore): string | null {
  if (!store.rollups) return null;
  try {
    return encodeRollups(rollupEntries(store.rollups), store.rollups.capacityMinutes).toString('base64');
  } catch (error: unknown) {
    if (error instanceof RollupFileError) return null;
    throw error;
  }
}

function liveEvent(event: StoreEvent, store: MonitorStore): LiveEvent | null {
  switch (event.type) {
    case 'sample':
      return { type: 'sample', sample: event.sample };
    case 'alert':
    case 'delivery':
      return { type: 'log', entry: event.event };
    case 'rules':
      return { type: 'rules', rules: store.rules };
    case 'mute':
      return { type: 'mute', mute: event.mute, reason: event.reason, timeMs: event.timeMs, rules: event.rules, ruleMutes: event.ruleMutes };
    case 'channels':
      return { type: 'channels', channels: [...store.channels.values()] };
    case 'overrides':
      return { type: 'overrides', overrides: store.overrides };
    case 'notice':
      return { type: 'notice', level: event.level, message: event.message, timeMs: event.timeMs };
    case 'history':
      return { type: 'history', history: historyToColumns(store.history), intervalMs: store.intervalMs };
    default:
      return null;
  }
}

async function run(command: CommandMessage, commands: MonitorCommands): Promise<ServerMessage> {
  const ok = (result: unknown): ServerMessage => ({ type: 'reply', id: command.id, ok: true, result });
  try {
    switch (command.name) {
      case 'mute':
        return ok({ mute: await commands.mute(command.durationMs, command.rules) });
      case 'unmute':
        await commands.unmute(command.rules);
        return ok({});
      case 'set-threshold': {
        const error = await commands.setThreshold(command.rule, command.threshold);
        return error === null ? ok({ threshold: command.threshold }) : { type: 'reply', id: command.id, ok: false, error };
      }
      case 'reset-overrides':
        await commands.resetOverrides();
        return ok({});
      case 'test-alert':
        return ok({ deliveries: await commands.sendTestAlert() });
    }
  } catch (error: unknown) {
    return { type: 'reply', id: command.id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

function checkPathLength(socketPath: string): void {
  const bytes = Buffer.byteLength(socketPath);
  if (bytes > MAX_SOCKET_PATH_BYTES) {
    throw new ControlSocketError(
      `control socket path ${socketPath} is ${bytes} bytes; Unix sockets allow at most ${MAX_SOCKET_PATH_BYTES}: set control.socket to a shorter path (e.g. /run/srvmon/control.sock)`,
    );
  }
}

/**
 * The caller holds the state-dir lock, so a socket file left at the path is a dead owner's, unless another srvmon
 * (of another state dir) answers on it: then this path is taken, and we say so rather than steal it.
 */
async function removeStaleSocket(socketPath: string): Promise<void> {
  let isSocket: boolean;
  try {
    isSocket = lstatSync(socketPath).isSocket();
  } catch {
    return; // nothing there
  }
  if (!isSocket) throw new ControlSocketError(`control socket path ${socketPath} exists and is not a socket; remove it or set control.socket`);
  const answers = await new Promise<boolean>((resolve) => {
    const probe = createConnection({ path: socketPath });
    probe.once('connect', () => (probe.destroy(), resolve(true)));
    probe.once('error', () => resolve(false));
  });
  if (answers) throw new ControlSocketError(`control socket ${socketPath} is in use by another srvmon (another state dir); set control.socket to another path`);
  unlinkSync(socketPath);
}

/** control.group's gid, from /etc/group (Node has no getgrnam). */
export function groupId(name: string, groupFile = '/etc/group'): number {
  if (/^\d+$/.test(name)) return Number(name);
  let text = '';
  try {
    text = readFileSync(groupFile, 'utf8');
  } catch {
    // fall through: unknown group
  }
  for (const line of text.split('\n')) {
    const [group, , gid] = line.split(':');
    if (group === name && gid !== undefined && /^\d+$/.test(gid)) return Number(gid);
  }
  throw new ControlSocketError(`control.group: no group named "${name}" in ${groupFile}; create it (groupadd ${name}) or fix the name`);
}

/** The name of a gid, for "join group X" hints; the number if /etc/group does not know it. */
export function groupName(gid: number, groupFile = '/etc/group'): string {
  try {
    for (const line of readFileSync(groupFile, 'utf8').split('\n')) {
      const [group, , id] = line.split(':');
      if (id === String(gid) && group) return group;
    }
  } catch {
    // the number will do
  }
  return String(gid);
}
