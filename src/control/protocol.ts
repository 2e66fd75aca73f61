// The control socket's protocol: newline-delimited JSON, versioned. The server speaks first (hello, then a snapshot of
// the store, then live events); the client sends commands and gets one reply for each. Nothing that crosses it holds
// a secret: channel statuses carry only redacted errors, and no config beyond the locale and the interval.
import type { RuleStatus } from '../alerts/engine.js';
import type { HostInfo } from '../sampler/host-info.js';
import type { LogEntry } from '../store/monitor-store.js';
import type { RollupSpan } from '../store/rollup-source.js';
import type { ChannelStatus, DeliveryEvent, Locale, MuteState, RuleMutes, Sample, ThresholdOverrides } from '../types.js';

/** A client refuses a server of another major version; minor versions only add fields. */
export const PROTOCOL_MAJOR = 1;
/**
 * 1.1: mutes of single rules (mute/unmute `rules`, `ruleMutes` in the snapshot and the mute event).
 * 1.2: the day of per-minute chart history in the snapshot (`rollups`, `rollupSpan`).
 */
export const PROTOCOL_MINOR = 2;
export const PROTOCOL_VERSION = `${PROTOCOL_MAJOR}.${PROTOCOL_MINOR}`;

/** Longest line a server accepts from a client (commands are small). */
export const MAX_CLIENT_LINE_BYTES = 64 * 1024;
/** Longest line a client accepts from a server (the snapshot holds the history). */
export const MAX_SERVER_LINE_BYTES = 64 * 1024 * 1024;
/** Most rule ids one mute or unmute command may name, and their longest. */
export const MAX_COMMAND_RULES = 256;
const MAX_RULE_ID_CHARS = 256;

export interface OwnerInfo {
  pid: number;
  startedMs: number;
  version: string;
  stateDir: string;
  locale: Locale;
  intervalMs: number;
}

export interface HelloMessage {
  type: 'hello';
  protocol: string;
  srvmon: string;
  owner: OwnerInfo;
}

/** The history as columns: one shared time axis, one array per metric key, null for a gap. */
export interface HistoryColumns {
  capacity: number;
  timesMs: number[];
  series: Record<string, (number | null)[]>;
}

export interface SnapshotMessage {
  type: 'snapshot';
  history: HistoryColumns;
  latest: Sample | null;
  host: HostInfo | null;
  rules: RuleStatus[];
  mute: MuteState | null;
  /** Since 1.1. */
  ruleMutes?: RuleMutes;
  overrides: ThresholdOverrides;
  channels: ChannelStatus[];
  log: LogEntry[];
  /**
   * Since 1.2: the owner's per-minute rollups in the rollup file's format (rollup-file.ts), base64; null when it keeps
   * none. The client folds the live samples in from there, so no further event carries them.
   */
  rollups?: string | null;
  /** Since 1.2: how far back the rollups go (`srvmon status`). */
  rollupSpan?: RollupSpan;
}

/** Live events: the store's events, with the state they announce carried along (the client has no store to read). */
export type LiveEvent =
  | { type: 'sample'; sample: Sample }
  | { type: 'log'; entry: LogEntry }
  | { type: 'rules'; rules: RuleStatus[] }
  /** `rules` and `ruleMutes` since 1.1. */
  | { type: 'mute'; mute: MuteState | null; reason: 'mute' | 'unmute' | 'expired'; timeMs: number; rules?: string[] | null; ruleMutes?: RuleMutes }
  | { type: 'channels'; channels: ChannelStatus[] }
  | { type: 'overrides'; overrides: ThresholdOverrides }
  | { type: 'notice'; level: 'info' | 'warning'; message: string; timeMs: number }
  | { type: 'history'; history: HistoryColumns; intervalMs: number };

export interface EventMessage {
  type: 'event';
  event: LiveEvent;
}

export type CommandRequest =
  /** `rules` (since 1.1): mute only these rule ids. */
  | { name: 'mute'; durationMs: number | null; rules?: string[] }
  /** `rules` (since 1.1): end only these rules' mutes. */
  | { name: 'unmute'; rules?: string[] }
  | { name: 'set-threshold'; rule: string; threshold: number }
  | { name: 'reset-overrides' }
  | { name: 'test-alert' };

export type CommandMessage = { type: 'command'; id: number } & CommandRequest;

export interface CommandResults {
  mute: { mute: MuteState };
  unmute: Record<string, never>;
  'set-threshold': { threshold: number };
  'reset-overrides': Record<string, never>;
  'test-alert': { deliveries: DeliveryEvent[] };
}

export type ReplyMessage = { type: 'reply'; id: number } & ({ ok: true; result: unknown } | { ok: false; error: string });

/** Sent instead of a hello when the server will not serve this client (too many clients), then it closes. */
export interface RefusedMessage {
  type: 'refused';
  error: string;
}

export type ServerMessage = HelloMessage | SnapshotMessage | EventMessage | ReplyMessage | RefusedMessage;

/**
 * Splits a byte stream into lines, refusing a line longer than maxLineBytes (a client that never sends a newline
 * cannot make the other side buffer without end).
 */
export class LineSplitter {
  readonly #maxLineBytes: number;
  #parts: Buffer[] = [];
  #partBytes = 0;

  constructor(maxLineBytes: number) {
    this.#maxLineBytes = maxLineBytes;
  }

  /** The complete lines in this chunk; throws LineTooLongError when the line under way passes the limit. */
  push(chunk: Buffer): string[] {
    const lines: string[] = [];
    let start = 0;
    for (let nl = chunk.indexOf(10, start); nl !== -1; nl = chunk.indexOf(10, start)) {
      const piece = chunk.subarray(start, nl);
      this.#check(this.#partBytes + piece.length);
      lines.push(this.#partBytes === 0 ? piece.toString('utf8') : Buffer.concat([...this.#parts, piece]).toString('utf8'));
      this.#parts = [];
      this.#partBytes = 0;
      start = nl + 1;
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      this.#check(this.#partBytes + rest.length);
      this.#parts.push(Buffer.from(rest));
      this.#partBytes += rest.length;
    }
    return lines;
  }

  #check(bytes: number): void {
    if (bytes > this.#maxLineBytes) throw new LineTooLongError(this.#maxLineBytes);
  }
}

export class LineTooLongError extends Error {
  constructor(maxLineBytes: number) {
    super(`line longer than ${maxLineBytes} bytes`);
  }
}

/** Parses one client line into a command, or says what is wrong with it. */
export function parseCommand(line: string): CommandMessage | { error: string; id?: number } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { error: 'not JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: 'not a JSON object' };
  const message = value as Record<string, unknown>;
  const id = typeof message.id === 'number' && Number.isSafeInteger(message.id) ? message.id : undefined;
  if (message.type !== 'command' || id === undefined) return { error: 'expected {"type":"command","id":<integer>,"name":...}', id };
  switch (message.name) {
    case 'mute': {
      if (!(message.durationMs === null || (typeof message.durationMs === 'number' && Number.isFinite(message.durationMs) && message.durationMs > 0))) {
        return { error: 'mute: durationMs must be a positive number of ms, or null for until unmuted', id };
      }
      const rules = ruleIdsOf(message.rules);
      if (rules === false) return { error: RULES_ERROR('mute'), id };
      return { type: 'command', id, name: 'mute', durationMs: message.durationMs, ...(rules ? { rules } : {}) };
    }
    case 'unmute': {
      const rules = ruleIdsOf(message.rules);
      if (rules === false) return { error: RULES_ERROR('unmute'), id };
      return { type: 'command', id, name: 'unmute', ...(rules ? { rules } : {}) };
    }
    case 'reset-overrides':
    case 'test-alert':
      return { type: 'command', id, name: message.name };
    case 'set-threshold':
      if (typeof message.rule === 'string' && message.rule.length <= 256 && typeof message.threshold === 'number' && Number.isFinite(message.threshold)) {
        return { type: 'command', id, name: 'set-threshold', rule: message.rule, threshold: message.threshold };
      }
      return { error: 'set-threshold: needs "rule" (string) and "threshold" (finite number)', id };
    default:
      return { error: `unknown command ${JSON.stringify(String(message.name)).slice(0, 40)}`, id };
  }
}

const RULES_ERROR = (name: string): string =>
  `${name}: "rules" must be a list of 1 to ${MAX_COMMAND_RULES} rule ids (strings of 1 to ${MAX_RULE_ID_CHARS} characters), or absent for all rules`;

/** A command's rule ids: undefined when absent (all rules), false when malformed. */
function ruleIdsOf(value: unknown): string[] | undefined | false {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_COMMAND_RULES) return false;
  const valid = value.every((id) => typeof id === 'string' && id.length > 0 && id.length <= MAX_RULE_ID_CHARS);
  return valid ? (value as string[]) : false;
}

/** Parses "1.0" into [major, minor]; null if it is not a version. */
export function parseProtocol(text: unknown): [number, number] | null {
  if (typeof text !== 'string') return null;
  const match = /^(\d{1,4})\.(\d{1,4})$/.exec(text);
  return match ? [Number(match[1]), Number(match[2])] : null;
}
