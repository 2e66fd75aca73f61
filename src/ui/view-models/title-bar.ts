// Title bar: who and what is being watched (host, OS, uptime) on the left, the wall clock on the right.
import type { MonitorLink } from '../../app/monitor-port.js';
import type { HostInfo } from '../../sampler/host-info.js';
import { terminalSafe } from '../../text/terminal-safe.js';
import { clockTime, uptime } from './format.js';
import type { UiStrings, UiLocale } from './strings.js';
import type { Symbols } from './symbols.js';
import { spreadCols, textCols } from './text-width.js';

export interface TitleBarInput {
  /** undefined until readHostInfo() resolves: placeholders are shown meanwhile. */
  host: HostInfo | undefined;
  nowMs: number;
  locale: UiLocale;
  strings: UiStrings;
  symbols: Symbols;
  widthCols: number;
  /** Attached to an agent: its pid and uptime are shown. @default local */
  link?: MonitorLink;
}

export function titleBarText(input: TitleBarInput): string {
  const { host, strings, symbols } = input;
  const sep = ` ${symbols.dot} `;
  const link = input.link;
  const agent = link?.kind === 'attached' ? [strings.agent(link.pid, uptime(Math.max(0, input.nowMs - link.startedMs), input.locale))] : [];
  const up = host ? `${strings.up} ${uptime(input.nowMs - host.bootTimeMs, input.locale)}` : undefined;
  const clock = `${clockTime(input.nowMs)} `;
  // Narrow terminals lose the least useful part first: the OS name, then the host's uptime; the agent stays.
  const choices = host
    ? [
        ['srvmon', host.hostname, host.osName, up!, ...agent],
        ['srvmon', host.hostname, up!, ...agent],
        ['srvmon', host.hostname, ...agent],
      ]
    : [['srvmon', strings.loading, ...agent]];
  // The host name and OS name are read from the system: shown escaped like every outside text.
  const lefts = choices.map((parts) => terminalSafe(` ${parts.join(sep)}`));
  const left = lefts.find((text) => textCols(text) + 1 + textCols(clock) <= input.widthCols) ?? lefts.at(-1)!;
  return spreadCols(left, clock, input.widthCols);
}
