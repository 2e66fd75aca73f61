// The status bar, VS Code's coloured bottom line: firing counts, mute countdown, sampling interval, each channel's
// health and queue, srvmon's own footprint, and the hint to the palette. When it does not fit, the least important
// segments go first.
import type { MonitorLink } from '../../app/monitor-port.js';
import type { RuleStatus } from '../../alerts/engine.js';
import type { ChannelStatus, MuteState } from '../../types.js';
import { bytes, clockTime, countdown, interval } from './format.js';
import type { UiStrings } from './strings.js';
import type { Symbols } from './symbols.js';
import { padEndCols, spreadCols, textCols } from './text-width.js';

/** The bar's background: red when anything critical fires, amber for warnings, purple when muted, blue otherwise. */
export type StatusTone = 'critical' | 'warning' | 'muted' | 'normal';

export interface StatusBarInput {
  rules: readonly RuleStatus[];
  mute: MuteState | null;
  nowMs: number;
  intervalMs: number;
  channels: readonly ChannelStatus[];
  selfCpuPct: number | undefined;
  selfRssBytes: number | undefined;
  paused: boolean;
  strings: UiStrings;
  symbols: Symbols;
  widthCols: number;
  /** An attached dashboard whose agent went away says so first. @default local */
  link?: MonitorLink;
}

export interface StatusBar {
  text: string;
  tone: StatusTone;
}

export function firingCounts(rules: readonly RuleStatus[]): { critical: number; warning: number } {
  let critical = 0;
  let warning = 0;
  for (const r of rules) {
    if (r.state.status !== 'firing') continue;
    if (r.state.severity === 'critical') critical++;
    else warning++;
  }
  return { critical, warning };
}

/** `MUTED 29:41`, `MUTED` (until unmuted), or undefined when not muted or expired. */
export function muteText(mute: MuteState | null, nowMs: number, strings: UiStrings): string | undefined {
  if (!mute) return undefined;
  if (mute.untilMs === null) return strings.muted;
  if (mute.untilMs <= nowMs) return undefined;
  return `${strings.muted} ${countdown(mute.untilMs - nowMs)}`;
}

/**
 * `QUIET until 07:30 (3 held)` while quiet hours hold any channel: the latest end among them, everything held; or
 * undefined when no channel is in quiet hours.
 */
export function quietText(channels: readonly ChannelStatus[], nowMs: number, strings: UiStrings): string | undefined {
  const quiet = channels.filter((c) => c.quietUntilMs !== undefined && c.quietUntilMs > nowMs);
  if (quiet.length === 0) return undefined;
  const untilMs = Math.max(...quiet.map((c) => c.quietUntilMs as number));
  const held = channels.reduce((sum, c) => sum + (c.held ?? 0), 0);
  return strings.quietUntil(clockTime(untilMs).slice(0, 5), held);
}

export function channelText(status: ChannelStatus, nowMs: number, strings: UiStrings, symbols: Symbols): string {
  const failing = status.lastErrorMs !== undefined && (status.lastSuccessMs === undefined || status.lastErrorMs > status.lastSuccessMs);
  const paused = status.pausedUntilMs !== undefined && status.pausedUntilMs > nowMs;
  const health = paused ? strings.channelPaused : failing ? symbols.fail : symbols.ok;
  return `${status.channel} ${health} ${strings.queued}${status.queueDepth}`;
}

export function statusBar(input: StatusBarInput): StatusBar {
  const { strings, symbols } = input;
  const { critical, warning } = firingCounts(input.rules);
  const mute = muteText(input.mute, input.nowMs, strings);
  const quiet = quietText(input.channels, input.nowMs, strings);
  const sep = '  ';
  // [text, priority]: lower priority is dropped first.
  const lost = input.link?.kind === 'attached' && !input.link.connected ? input.link : undefined;
  const segments: [string, number][] = [
    ...(lost ? [[strings.agentLost(lost.pid), 11] as [string, number]] : []),
    [critical + warning === 0 ? strings.allOk : `${strings.firingCritical} ${critical} ${strings.firingWarning} ${warning}`, 9],
    ...(mute ? [[mute, 10] as [string, number]] : []),
    ...(quiet ? [[quiet, 10] as [string, number]] : []),
    ...(input.paused ? [[strings.paused, 8] as [string, number]] : []),
    [`${strings.every} ${interval(input.intervalMs)}`, 3],
    [input.channels.length === 0 ? strings.noChannels : input.channels.map((c) => channelText(c, input.nowMs, strings, symbols)).join('  '), 5],
    [`${strings.self} ${input.selfCpuPct === undefined ? '-' : `${input.selfCpuPct.toFixed(1)}%`} ${input.selfRssBytes === undefined ? '-' : bytes(input.selfRssBytes)}`, 4],
  ];
  const hint: [string, number] = [`${strings.hint(symbols.dot)} `, 6];
  const tone: StatusTone = lost ? 'warning' : critical > 0 ? 'critical' : warning > 0 ? 'warning' : mute || quiet ? 'muted' : 'normal';

  // The hint sits on the right; everything else on the left. Drop the lowest priority until the line fits.
  let kept: [string, number][] = [...segments, hint];
  const render = (list: [string, number][]): string => {
    const left = ` ${list.filter((s) => s !== hint).map(([t]) => t).join(sep)}`;
    return list.includes(hint) ? `${left} ${hint[0]}` : left;
  };
  while (textCols(render(kept)) > input.widthCols && kept.length > 1) {
    const lowest = Math.min(...kept.map(([, p]) => p));
    kept = kept.filter(([, p]) => p !== lowest);
  }
  const left = ` ${kept.filter((s) => s !== hint).map(([t]) => t).join(sep)}`;
  const text = kept.includes(hint) ? spreadCols(left, hint[0], input.widthCols) : padEndCols(left, input.widthCols);
  return { text, tone };
}
