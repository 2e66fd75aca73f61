// The client side of the control socket: connect, check the hello, read the snapshot, then events; send commands
// and await their replies. Errors a person can act on (nothing runs there, no permission, another protocol) come
// out as AttachError with one clear line.
import { statSync } from 'node:fs';
import { createConnection, type Socket } from 'node:net';
import { AttachError, CommandRefusedError } from './attach-error.js';
import { groupName } from './control-server.js';
import {
  LineSplitter,
  MAX_SERVER_LINE_BYTES,
  parseProtocol,
  PROTOCOL_MAJOR,
  PROTOCOL_VERSION,
  type CommandRequest,
  type HelloMessage,
  type LiveEvent,
  type ReplyMessage,
  type SnapshotMessage,
} from './protocol.js';

export { AttachError, CommandRefusedError, type AttachErrorKind } from './attach-error.js';

export interface ControlConnection {
  readonly socketPath: string;
  readonly hello: HelloMessage;
  readonly snapshot: SnapshotMessage;
  /** Live events, in order; set before any arrives (the snapshot is already read). */
  onEvent: (event: LiveEvent) => void;
  /** Called once when the connection ends for any reason. */
  onClose: (reason: string) => void;
  command(request: CommandRequest, timeoutMs?: number): Promise<unknown>;
  close(): void;
}

export interface ConnectOptions {
  /** Give up connecting (and waiting for hello and snapshot) after this. @default 3000 */
  timeoutMs?: number;
}

export function connectControl(socketPath: string, options: ConnectOptions = {}): Promise<ControlConnection> {
  const timeoutMs = options.timeoutMs ?? 3000;
  return new Promise((resolve, reject) => {
    const socket = createConnection({ path: socketPath });
    const splitter = new LineSplitter(MAX_SERVER_LINE_BYTES);
    let hello: HelloMessage | undefined;
    let connection: Connection | undefined;
    const fail = (error: AttachError): void => {
      clearTimeout(timer);
      socket.destroy();
      if (!connection) reject(error);
      else connection.end(error.message);
    };
    const timer = setTimeout(() => fail(new AttachError('io', `no answer from ${socketPath} within ${timeoutMs} ms`)), timeoutMs);
    socket.on('error', (error: NodeJS.ErrnoException) => fail(connectError(socketPath, error)));
    socket.on('close', () => {
      clearTimeout(timer);
      if (!connection) reject(new AttachError('io', `${socketPath} closed the connection before its snapshot`));
      else connection.end('the monitor closed the connection');
    });
    socket.on('data', (chunk: Buffer) => {
      let lines: string[];
      try {
        lines = splitter.push(chunk);
      } catch (error: unknown) {
        return fail(new AttachError('protocol', `${socketPath}: ${(error as Error).message}`));
      }
      for (const line of lines) {
        let message: { type?: unknown } & Record<string, unknown>;
        try {
          message = JSON.parse(line);
        } catch {
          return fail(new AttachError('protocol', `${socketPath} does not speak srvmon's control protocol`));
        }
        if (connection) {
          connection.receive(message);
          continue;
        }
        if (!hello) {
          if (message.type === 'refused') return fail(new AttachError('refused', `${socketPath}: ${String(message.error)}`));
          if (message.type !== 'hello') return fail(new AttachError('protocol', `${socketPath} does not speak srvmon's control protocol`));
          const version = parseProtocol(message.protocol);
          if (!version || version[0] !== PROTOCOL_MAJOR) {
            return fail(
              new AttachError(
                'protocol',
                `the srvmon running there (${String(message.srvmon)}) speaks control protocol ${String(message.protocol)}; this srvmon speaks ${PROTOCOL_VERSION}: use the same srvmon version for both`,
              ),
            );
          }
          hello = message as unknown as HelloMessage;
          continue;
        }
        if (message.type !== 'snapshot') return fail(new AttachError('protocol', `${socketPath}: expected a snapshot after hello`));
        clearTimeout(timer);
        connection = new Connection(socketPath, socket, hello, message as unknown as SnapshotMessage);
        resolve(connection);
      }
    });
  });
}

function connectError(socketPath: string, error: NodeJS.ErrnoException): AttachError {
  switch (error.code) {
    case 'ENOENT':
    case 'ECONNREFUSED':
      return new AttachError('not-running', `no srvmon is running on ${socketPath}`);
    case 'EACCES':
    case 'EPERM':
      return new AttachError('permission', permissionHint(socketPath));
    default:
      return new AttachError('io', `cannot connect to ${socketPath}: ${error.code ?? error.message}`);
  }
}

function permissionHint(socketPath: string): string {
  try {
    const { gid, mode } = statSync(socketPath);
    if ((mode & 0o060) === 0o060) {
      const group = groupName(gid);
      return `permission denied on ${socketPath}: join group "${group}" to attach (sudo usermod -aG ${group} $USER, then log in again)`;
    }
    return `permission denied on ${socketPath}: only its owner may attach; set control.group in the agent's config to let a group in`;
  } catch {
    return `permission denied on ${socketPath} (cannot reach it: check the permissions of its directory)`;
  }
}

class Connection implements ControlConnection {
  readonly socketPath: string;
  readonly hello: HelloMessage;
  readonly snapshot: SnapshotMessage;
  onEvent: (event: LiveEvent) => void = () => {};
  onClose: (reason: string) => void = () => {};
  readonly #socket: Socket;
  #nextId = 1;
  readonly #pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }>();
  #ended = false;

  constructor(socketPath: string, socket: Socket, hello: HelloMessage, snapshot: SnapshotMessage) {
    this.socketPath = socketPath;
    this.#socket = socket;
    this.hello = hello;
    this.snapshot = snapshot;
  }

  receive(message: Record<string, unknown>): void {
    if (message.type === 'event') {
      this.onEvent(message.event as LiveEvent);
    } else if (message.type === 'reply') {
      const reply = message as unknown as ReplyMessage;
      const pending = this.#pending.get(reply.id);
      if (!pending) return;
      this.#pending.delete(reply.id);
      clearTimeout(pending.timer);
      if (reply.ok) pending.resolve(reply.result);
      else pending.reject(new CommandRefusedError(reply.error));
    }
  }

  command(request: CommandRequest, timeoutMs = 30_000): Promise<unknown> {
    if (this.#ended) return Promise.reject(new Error('not connected to the monitor'));
    // A 1.0 owner would ignore "rules" and mute everything: refuse here instead.
    if ('rules' in request && request.rules !== undefined && (parseProtocol(this.hello.protocol)?.[1] ?? 0) < 1) {
      return Promise.reject(
        new AttachError('protocol', `the srvmon running there (${String(this.hello.srvmon)}) cannot ${request.name} single rules; restart it with this version, or ${request.name} all rules`),
      );
    }
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new Error(`the monitor did not answer within ${Math.round(timeoutMs / 1000)} s`));
      }, timeoutMs);
      this.#pending.set(id, { resolve, reject, timer });
      this.#socket.write(`${JSON.stringify({ type: 'command', id, ...request })}\n`);
    });
  }

  close(): void {
    this.end('closed');
    this.#socket.destroy();
  }

  end(reason: string): void {
    if (this.#ended) return;
    this.#ended = true;
    for (const { reject, timer } of this.#pending.values()) {
      clearTimeout(timer);
      reject(new Error(`connection to the monitor lost (${reason})`));
    }
    this.#pending.clear();
    this.onClose(reason);
  }
}
