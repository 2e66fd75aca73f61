// A monitor in another process, seen through its control socket: the MonitorPort an attached dashboard uses. It keeps
// a replica of the owner's store (snapshot, then live events) and sends every command to the owner. When the owner
// stops or restarts, the replica keeps the last picture, says so, and reattaches by itself when the owner is back.
import type { Clock } from '../clock.js';
import type { MonitorCommands, MonitorLink, MonitorPort } from '../app/monitor-port.js';
import { MonitorStore } from '../store/monitor-store.js';
import type { DeliveryEvent, Locale, MuteState } from '../types.js';
import { connectControl, type ControlConnection } from './control-client.js';
import { historyFromColumns } from './history-columns.js';
import { rollupsFromSnapshot } from './remote-rollups.js';
import type { RollupRecorder } from '../store/rollup-recorder.js';
import type { LiveEvent, SnapshotMessage } from './protocol.js';

/** How often a lost owner is looked for again. */
export const REATTACH_EVERY_MS = 1000;

export class RemoteMonitor implements MonitorPort {
  readonly store: MonitorStore;
  readonly locale: Locale;
  readonly commands: MonitorCommands;
  readonly #socketPath: string;
  readonly #clock: Clock;
  #connection: ControlConnection | null;
  #pid: number;
  #startedMs: number;
  #closed = false;
  #cancelRetry: (() => void) | null = null;
  /** The agent's day of per-minute history, kept up to date with its samples. */
  #rollups: RollupRecorder | null = null;

  /** Attaches to the owner on socketPath; rejects with an AttachError when none answers there. */
  static async attach(socketPath: string, clock: Clock): Promise<RemoteMonitor> {
    return new RemoteMonitor(socketPath, clock, await connectControl(socketPath));
  }

  /** Mirrors the owner behind a connection already made (the CLI found it with findOwner()). */
  static fromConnection(connection: ControlConnection, clock: Clock, viewerLocale?: Locale): RemoteMonitor {
    return new RemoteMonitor(connection.socketPath, clock, connection, viewerLocale);
  }

  /** viewerLocale: the dashboard speaks its viewer's language; the alerts keep the agent's. */
  private constructor(socketPath: string, clock: Clock, connection: ControlConnection, viewerLocale?: Locale) {
    this.#socketPath = socketPath;
    this.#clock = clock;
    this.#connection = connection;
    const { owner } = connection.hello;
    this.#pid = owner.pid;
    this.#startedMs = owner.startedMs;
    this.locale = viewerLocale ?? owner.locale;
    this.store = new MonitorStore(1, owner.intervalMs);
    this.#apply(connection.snapshot);
    this.#wire(connection);
    this.commands = {
      mute: async (durationMs, rules) => ((await this.#command({ name: 'mute', durationMs, ...(rules ? { rules: [...rules] } : {}) })) as { mute: MuteState }).mute,
      unmute: async (rules) => void (await this.#command({ name: 'unmute', ...(rules ? { rules: [...rules] } : {}) })),
      setThreshold: async (rule, threshold) => {
        try {
          await this.#command({ name: 'set-threshold', rule, threshold });
          return null;
        } catch (error: unknown) {
          return (error as Error).message;
        }
      },
      resetOverrides: async () => void (await this.#command({ name: 'reset-overrides' })),
      sendTestAlert: async () => ((await this.#command({ name: 'test-alert' }, 120_000)) as { deliveries: DeliveryEvent[] }).deliveries,
    };
  }

  link(): MonitorLink {
    return { kind: 'attached', pid: this.#pid, startedMs: this.#startedMs, socket: this.#socketPath, connected: this.#connection !== null };
  }

  close(): void {
    this.#closed = true;
    this.#cancelRetry?.();
    this.#rollups?.stop();
    this.#connection?.close();
    this.#connection = null;
  }

  #command(request: Parameters<ControlConnection['command']>[0], timeoutMs?: number): Promise<unknown> {
    if (!this.#connection) return Promise.reject(new Error(`not attached to srvmon (pid ${this.#pid} went away; reattaching)`));
    return this.#connection.command(request, timeoutMs);
  }

  #wire(connection: ControlConnection): void {
    connection.onEvent = (event) => this.#receive(event);
    connection.onClose = () => {
      if (this.#connection !== connection) return;
      this.#connection = null;
      if (this.#closed) return;
      this.store.emit({ type: 'notice', level: 'warning', message: `srvmon pid ${this.#pid} stopped or went away; showing its last state, reattaching when it is back`, timeMs: this.#clock.nowMs() });
      this.store.emit({ type: 'channels' }); // the status bar shows the link
      this.#retry();
    };
  }

  #retry(): void {
    this.#cancelRetry = this.#clock.setTimeout(() => {
      this.#cancelRetry = null;
      if (this.#closed) return;
      connectControl(this.#socketPath).then(
        (connection) => {
          if (this.#closed) return connection.close();
          this.#connection = connection;
          this.#pid = connection.hello.owner.pid;
          this.#startedMs = connection.hello.owner.startedMs;
          this.#apply(connection.snapshot);
          this.#wire(connection);
          this.store.emit({ type: 'notice', level: 'info', message: `attached again to srvmon pid ${this.#pid}`, timeMs: this.#clock.nowMs() });
        },
        () => this.#retry(),
      );
    }, REATTACH_EVERY_MS);
  }

  #apply(snapshot: SnapshotMessage): void {
    const store = this.store;
    store.history = historyFromColumns(snapshot.history);
    this.#rollups?.stop();
    this.#rollups = rollupsFromSnapshot(snapshot.rollups, this.#clock, (message) =>
      store.emit({ type: 'notice', level: 'warning', message, timeMs: this.#clock.nowMs() }),
    );
    store.rollups = this.#rollups;
    store.latest = snapshot.latest ?? undefined;
    if (snapshot.host) store.host = snapshot.host;
    store.mute = snapshot.mute;
    store.ruleMutes = snapshot.ruleMutes ?? {};
    store.overrides = snapshot.overrides ?? {};
    store.channels.clear();
    for (const status of snapshot.channels ?? []) store.channels.set(status.channel, status);
    store.log.splice(0, store.log.length);
    store.preloadLog(snapshot.log ?? []);
    store.setRules(snapshot.rules ?? []);
    store.emit({ type: 'history' });
    store.emit({ type: 'channels' });
    store.emit({ type: 'overrides' });
  }

  #receive(event: LiveEvent): void {
    const store = this.store;
    switch (event.type) {
      case 'sample':
        this.#rollups?.add(event.sample);
        store.addSample(event.sample);
        break;
      case 'log':
        store.addLogEntry(event.entry);
        break;
      case 'rules':
        store.setRules(event.rules);
        break;
      case 'mute':
        store.mute = event.mute;
        store.ruleMutes = event.ruleMutes ?? {};
        store.emit({ type: 'mute', reason: event.reason, rules: event.rules ?? null, mute: event.mute, ruleMutes: store.ruleMutes, timeMs: event.timeMs });
        break;
      case 'channels':
        store.channels.clear();
        for (const status of event.channels) store.channels.set(status.channel, status);
        store.emit({ type: 'channels' });
        break;
      case 'overrides':
        store.overrides = event.overrides;
        store.emit({ type: 'overrides' });
        break;
      case 'notice':
        store.emit({ type: 'notice', level: event.level, message: event.message, timeMs: event.timeMs });
        break;
      case 'history':
        store.history = historyFromColumns(event.history);
        store.intervalMs = event.intervalMs;
        store.emit({ type: 'history' });
        break;
      default:
        break; // a newer minor version's event: ignored
    }
  }
}
