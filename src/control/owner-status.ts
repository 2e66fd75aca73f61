// `srvmon status`: what the owner is doing, from its hello and snapshot, as JSON and as lines for a person.
import type { RuleStatus } from '../alerts/engine.js';
import type { ChannelStatus } from '../types.js';
import { terminalSafe } from '../text/terminal-safe.js';
import type { HelloMessage, SnapshotMessage } from './protocol.js';

export interface OwnerStatusJson {
  pid: number;
  version: string;
  startedAt: string;
  stateDir: string;
  intervalMs: number;
  mute: { until: string | null; rules: string[] | null } | null;
  rules: { id: string; state: 'ok' | 'firing'; severity: 'warning' | 'critical' | null; value: number | null; threshold: number; critical: number | null }[];
  channels: { channel: string; ok: boolean; queued: number; lastError: string | null; pausedUntil: string | null }[];
  lastSample: string | null;
}

const iso = (ms: number): string => new Date(ms).toISOString();

export function channelOk(status: ChannelStatus): boolean {
  return status.lastErrorMs === undefined || (status.lastSuccessMs !== undefined && status.lastSuccessMs > status.lastErrorMs);
}

export function ownerStatus(hello: HelloMessage, snapshot: SnapshotMessage, nowMs: number): OwnerStatusJson {
  const mute = snapshot.mute && (snapshot.mute.untilMs === null || snapshot.mute.untilMs > nowMs) ? snapshot.mute : null;
  return {
    pid: hello.owner.pid,
    version: hello.owner.version,
    startedAt: iso(hello.owner.startedMs),
    stateDir: hello.owner.stateDir,
    intervalMs: hello.owner.intervalMs,
    mute: mute ? { until: mute.untilMs === null ? null : iso(mute.untilMs), rules: null } : null,
    rules: snapshot.rules.map((r: RuleStatus) => ({
      id: r.rule.id,
      state: r.state.status,
      severity: r.state.status === 'firing' ? r.state.severity : null,
      value: r.average ?? null,
      threshold: r.rule.threshold,
      critical: r.rule.critical ?? null,
    })),
    channels: snapshot.channels.map((c) => ({
      channel: c.channel,
      ok: channelOk(c),
      queued: c.queueDepth,
      lastError: channelOk(c) ? null : (c.lastError ?? null),
      pausedUntil: c.pausedUntilMs !== undefined && c.pausedUntilMs > nowMs ? iso(c.pausedUntilMs) : null,
    })),
    lastSample: snapshot.latest ? iso(snapshot.latest.timeMs) : null,
  };
}

/** The same facts as lines for a terminal; untrusted names (mounts) are shown escaped. */
export function ownerStatusLines(status: OwnerStatusJson): string[] {
  const fmt = (v: number | null): string => (v === null ? '-' : Number.isInteger(v) ? String(v) : v.toFixed(1));
  const lines = [
    `srvmon ${status.version}, pid ${status.pid}, running since ${status.startedAt}, every ${status.intervalMs} ms`,
    `state dir ${terminalSafe(status.stateDir)}; last sample ${status.lastSample ?? 'none yet'}`,
    `mute: ${status.mute ? `muted until ${status.mute.until ?? 'unmuted'}` : 'off'}`,
    'rules:',
    ...status.rules.map(
      (r) =>
        `  ${terminalSafe(r.id).padEnd(16)} ${(r.state === 'firing' ? `FIRING ${r.severity}` : 'ok').padEnd(16)} value ${fmt(r.value).padStart(6)}  threshold ${fmt(r.threshold)}${r.critical !== null ? `/${fmt(r.critical)}` : ''}`,
    ),
    `channels:${status.channels.length === 0 ? ' none configured' : ''}`,
    ...status.channels.map(
      (c) => `  ${c.channel.padEnd(14)} ${c.ok ? 'ok' : 'FAILING'}  queued ${c.queued}${c.pausedUntil ? `  paused until ${c.pausedUntil}` : ''}${c.lastError ? `  last error: ${terminalSafe(c.lastError)}` : ''}`,
    ),
  ];
  return lines;
}
