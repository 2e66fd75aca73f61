// The headless view of the store (`--no-ui`, systemd): one line per alert transition, delivery result, mute change
// (of every rule or of single rules) and notice; a status line at most once a minute. Never one line per sample.
import { activeRuleMutes, changedMuteUntil, isMutedAt } from '../app/mutes.js';
import type { MonitorStore, StoreEvent } from '../store/monitor-store.js';
import { terminalSafe, terminalSafeJson } from '../text/terminal-safe.js';
import type { Locale } from '../types.js';
import { alertJson, alertLines, deliveryJson, deliveryLine, isoTime } from './event-line.js';

export interface ReporterOptions {
  store: MonitorStore;
  json: boolean;
  /** stdout */
  out: (line: string) => void;
  /** stderr, for human-mode notices */
  err: (line: string) => void;
  statusEveryMs?: number;
  /** Language of the evidence lines under an alert line. @default 'en' */
  locale?: Locale;
}

export const STATUS_EVERY_MS = 60_000;

export function startHeadlessReporter(options: ReporterOptions): () => void {
  const { store, json, out, err } = options;
  const statusEveryMs = options.statusEveryMs ?? STATUS_EVERY_MS;
  let lastStatusMs: number | undefined;

  const emitJson = (value: Record<string, unknown>): void => out(terminalSafeJson(value));

  const onEvent = (event: StoreEvent): void => {
    switch (event.type) {
      case 'alert':
        if (json) emitJson(alertJson(event.event));
        else for (const line of alertLines(event.event, options.locale)) out(line);
        break;
      case 'delivery':
        if (json) emitJson(deliveryJson(event.event));
        else out(deliveryLine(event.event));
        break;
      case 'mute': {
        const { reason, rules } = event;
        const untilMs = changedMuteUntil(event);
        if (json) {
          const state = reason === 'mute' ? 'muted' : reason === 'expired' ? 'expired' : 'unmuted';
          emitJson({ type: 'mute', time: isoTime(event.timeMs), state, rules, until: reason === 'mute' && untilMs ? isoTime(untilMs) : null });
        } else {
          const what = reason === 'mute' ? `MUTED until ${untilMs ? isoTime(untilMs) : 'unmuted'}` : reason === 'expired' ? 'MUTE expired' : 'UNMUTED';
          out(terminalSafe(`${isoTime(event.timeMs)}  ${what}${rules === null ? '' : `  ${rules.length === 1 ? 'rule' : 'rules'} ${rules.join(', ')}`}`));
        }
        break;
      }
      case 'notice':
        if (json) emitJson({ type: 'notice', time: isoTime(event.timeMs), level: event.level, message: event.message });
        else err(terminalSafe(`srvmon: ${event.level === 'warning' ? 'warning: ' : ''}${event.message}`));
        break;
      case 'sample':
        if (lastStatusMs === undefined) lastStatusMs = event.sample.timeMs;
        else if (event.sample.timeMs - lastStatusMs >= statusEveryMs) {
          lastStatusMs = event.sample.timeMs;
          const status = statusOf(store, event.sample.timeMs);
          if (json) emitJson(status);
          else out(terminalSafe(`${status.time}  STATUS     cpu ${fmt(status.cpu)}%  memory ${fmt(status.memory)}%  load1 ${fmt(status.load1)}  firing ${status.firing.length ? status.firing.join(',') : 'none'}${status.muted ? '  muted' : ''}${status.mutedRules.length ? `  muted rules ${status.mutedRules.join(',')}` : ''}`));
        }
        break;
      default:
        break;
    }
  };
  return store.subscribe(onEvent);
}

function statusOf(store: MonitorStore, timeMs: number) {
  const values = store.latest?.values ?? {};
  return {
    type: 'status' as const,
    time: isoTime(timeMs),
    cpu: values.cpu,
    memory: values.memory,
    load1: values.load1,
    firing: store.rules.filter((r) => r.state.status === 'firing').map((r) => r.rule.id),
    muted: isMutedAt(store.mute, timeMs),
    mutedRules: Object.keys(activeRuleMutes(store.ruleMutes, timeMs)),
    queue: Object.fromEntries([...store.channels.values()].map((c) => [c.channel, c.queueDepth])),
  };
}

function fmt(value: number | undefined): string {
  return value === undefined ? '-' : value.toFixed(1);
}
