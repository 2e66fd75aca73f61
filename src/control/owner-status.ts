// `srvmon status`: what the owner is doing, from its hello and snapshot, as JSON and as lines for a person.
import { RULE_KIND_TABLE, ruleKindOfId } from '../catalogue/rule-kinds.js';
import { VALUE_UNITS, type ValueUnit } from '../catalogue/value-units.js';
import type { RuleStatus } from '../alerts/engine.js';
import { activeRuleMutes, isMutedAt, ruleMutedUntil } from '../app/mutes.js';
import type { ChannelStatus, EpochMs, MuteState, RuleMutes } from '../types.js';
import { terminalSafe } from '../text/terminal-safe.js';
import type { HelloMessage, SnapshotMessage } from './protocol.js';

export interface OwnerStatusJson {
  pid: number;
  version: string;
  startedAt: string;
  stateDir: string;
  intervalMs: number;
  /**
   * The mute in force: every rule (`rules` null), or single rules (`until`: the latest end among them, null if one is
   * until unmuted). Null when nothing is muted.
   */
  mute: { until: string | null; rules: string[] | null } | null;
  rules: {
    id: string;
    state: 'ok' | 'firing';
    severity: 'warning' | 'critical' | null;
    value: number | null;
    threshold: number;
    critical: number | null;
    /**
     * Until when its transitions are not sent, by the global mute or its own, whichever ends later; null: until
     * unmuted; false: not muted.
     */
    muted: string | null | false;
  }[];
  /**
   * quietUntil: quiet hours hold this channel's notifications until then (null: not quiet now); held: alert events
   * waiting for its next digest (quiet hours, budget).
   */
  channels: { channel: string; ok: boolean; queued: number; lastError: string | null; pausedUntil: string | null; quietUntil: string | null; held: number }[];
  lastSample: string | null;
  /**
   * How far back the charts' per-minute history goes: the oldest minute held and how many per-minute points (of the
   * metric with the most). Null when the owner keeps none (`rollup: false`, or an owner before protocol 1.2).
   */
  history: { since: string | null; minutes: number } | null;
}

const iso = (ms: number): string => new Date(ms).toISOString();

export function channelOk(status: ChannelStatus): boolean {
  return status.lastErrorMs === undefined || (status.lastSuccessMs !== undefined && status.lastSuccessMs > status.lastErrorMs);
}

export function ownerStatus(hello: HelloMessage, snapshot: SnapshotMessage, nowMs: number): OwnerStatusJson {
  const mute = isMutedAt(snapshot.mute, nowMs) ? snapshot.mute : null;
  const ruleMutes = activeRuleMutes(snapshot.ruleMutes ?? {}, nowMs);
  return {
    pid: hello.owner.pid,
    version: hello.owner.version,
    startedAt: iso(hello.owner.startedMs),
    stateDir: hello.owner.stateDir,
    intervalMs: hello.owner.intervalMs,
    mute: muteJson(mute, ruleMutes),
    rules: snapshot.rules.map((r: RuleStatus) => ({
      id: r.rule.id,
      state: r.state.status,
      severity: r.state.status === 'firing' ? r.state.severity : null,
      value: r.average ?? null,
      threshold: r.rule.threshold,
      critical: r.rule.critical ?? null,
      muted: untilJson(ruleMutedUntil(mute, ruleMutes, r.rule.id, nowMs)),
    })),
    channels: snapshot.channels.map((c) => ({
      channel: c.channel,
      ok: channelOk(c),
      queued: c.queueDepth,
      lastError: channelOk(c) ? null : (c.lastError ?? null),
      pausedUntil: c.pausedUntilMs !== undefined && c.pausedUntilMs > nowMs ? iso(c.pausedUntilMs) : null,
      quietUntil: c.quietUntilMs !== undefined && c.quietUntilMs > nowMs ? iso(c.quietUntilMs) : null,
      held: c.held ?? 0,
    })),
    lastSample: snapshot.latest ? iso(snapshot.latest.timeMs) : null,
    history:
      snapshot.rollups === null || snapshot.rollupSpan === undefined
        ? null
        : { since: snapshot.rollupSpan.sinceMs === null ? null : iso(snapshot.rollupSpan.sinceMs), minutes: snapshot.rollupSpan.minutes },
  };
}

/** `mute` of the status JSON (also check-config's), from the mutes in force. */
export function muteJson(mute: MuteState | null, ruleMutes: RuleMutes): OwnerStatusJson['mute'] {
  if (mute) return { until: mute.untilMs === null ? null : iso(mute.untilMs), rules: null };
  const mutes = Object.values(ruleMutes);
  if (mutes.length === 0) return null;
  const forever = mutes.some((m) => m.untilMs === null);
  return { until: forever ? null : iso(Math.max(...mutes.map((m) => m.untilMs as EpochMs))), rules: Object.keys(ruleMutes) };
}

export function untilJson(untilMs: EpochMs | null | undefined): string | null | false {
  return untilMs === undefined ? false : untilMs === null ? null : iso(untilMs);
}

/** The same facts as lines for a terminal; untrusted names (mounts) are shown escaped. */
export function ownerStatusLines(status: OwnerStatusJson): string[] {
  const plain = (v: number | null): string => (v === null ? '-' : Number.isInteger(v) ? String(v) : v.toFixed(1));
  // A unit with its own words writes them (12.5 MB/s, 5 h): 12500000 says nothing to a reader.
  const formatOf = (id: string): ((v: number | null) => string) => {
    const kind = ruleKindOfId(id);
    const format = kind === undefined ? undefined : (VALUE_UNITS[RULE_KIND_TABLE[kind].unit] as ValueUnit).format;
    return format ? (v) => (v === null ? '-' : format(v)) : plain;
  };
  const lines = [
    `srvmon ${status.version}, pid ${status.pid}, running since ${status.startedAt}, every ${status.intervalMs} ms`,
    `state dir ${terminalSafe(status.stateDir)}; last sample ${status.lastSample ?? 'none yet'}`,
    `mute: ${muteText(status.mute)}`,
    `history: ${historyText(status.history)}`,
    'rules:',
    ...status.rules.map((r) => ({ r, fmt: formatOf(r.id) })).map(
      ({ r, fmt }) =>
        `  ${terminalSafe(r.id).padEnd(16)} ${(r.state === 'firing' ? `FIRING ${r.severity}` : 'ok').padEnd(16)} value ${fmt(r.value).padStart(6)}  threshold ${fmt(r.threshold)}${r.critical !== null ? `/${fmt(r.critical)}` : ''}${r.muted === false ? '' : `  muted until ${r.muted ?? 'unmuted'}`}`,
    ),
    `channels:${status.channels.length === 0 ? ' none configured' : ''}`,
    ...status.channels.map(
      (c) => `  ${c.channel.padEnd(14)} ${c.ok ? 'ok' : 'FAILING'}  queued ${c.queued}${c.pausedUntil ? `  paused until ${c.pausedUntil}` : ''}${c.quietUntil ? `  quiet until ${c.quietUntil}` : ''}${c.held > 0 ? `  ${c.held} held for the digest` : ''}${c.lastError ? `  last error: ${terminalSafe(c.lastError)}` : ''}`,
    ),
  ];
  return lines;
}

function historyText(history: OwnerStatusJson['history']): string {
  if (history === null) return 'per-second only (rollup off)';
  if (history.since === null) return 'no per-minute points yet';
  return `${history.minutes} per-minute ${history.minutes === 1 ? 'point' : 'points'} since ${history.since}`;
}

function muteText(mute: OwnerStatusJson['mute']): string {
  if (!mute) return 'off';
  const until = `until ${mute.until ?? 'unmuted'}`;
  if (mute.rules === null) return `every rule muted ${until}`;
  // With several rules, until is the last of their ends; each rule's line has its own.
  return `${mute.rules.length === 1 ? 'rule' : 'rules'} ${mute.rules.map(terminalSafe).join(', ')} muted ${until}`;
}
