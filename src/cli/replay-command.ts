// `srvmon replay FILE`: run the configured rules over a recorded trace and print what would have happened.
// The trace is streamed: each sample is checked, replayed and its events printed before the next line is read.
// With channels (or top-level quiet hours) configured, the notification policy runs too, and each message a channel
// would have received is printed (SEND lines), ending with the digests still due when the trace ends.
import { hostname } from 'node:os';
import { alertJson, alertLine, isoTime } from '../headless/event-line.js';
import { ReplayRun } from '../replay/replay.js';
import type { ReplayMessage } from '../replay/replay-policy.js';
import { readTrace } from '../replay/trace.js';
import { terminalSafe, terminalSafeJson } from '../text/terminal-safe.js';
import type { CliArgs } from './args.js';
import { loadCliConfig } from './load-cli-config.js';
import { stdout } from './output-stream.js';

export async function runReplay(args: CliArgs): Promise<number> {
  const file = args.traceFile as string;
  const loaded = await loadCliConfig(args);
  const run = new ReplayRun(loaded.config, {}, hostname());
  const out = (line: string): void => stdout.line(line);
  const sent = (message: ReplayMessage): void => out(args.json ? terminalSafeJson(messageJson(message)) : messageLines(message));
  for await (const samples of readTrace(file)) {
    for (const sample of samples) {
      const { events, messages } = run.stepWithMessages(sample);
      for (const event of events) out(args.json ? terminalSafeJson(alertJson(event)) : alertLine(event));
      messages.forEach(sent);
    }
  }
  run.finish().forEach(sent);
  const summary = run.summary();
  if (args.json) {
    out(JSON.stringify({ ...summary, from: isoTime(summary.fromMs), to: isoTime(summary.toMs) }));
    return 0;
  }
  const notified = summary.notifiedByState;
  const channels = Object.entries(summary.channels ?? {})
    .map(([name, counts]) => `; ${name} would get ${counts.messages} ${counts.messages === 1 ? 'message' : 'messages'} (${counts.digests} ${counts.digests === 1 ? 'digest' : 'digests'})`)
    .join('');
  out(
    `replay: ${summary.samples} samples from ${isoTime(summary.fromMs)} to ${isoTime(summary.toMs)}: ` +
      `${summary.events} events, ${summary.notifications} notifications ` +
      `(firing ${notified.firing}, repeat ${notified.repeat}, escalated ${notified.escalated}, resolved ${notified.resolved})${terminalSafe(channels)}`,
  );
  return 0;
}

function messageJson(message: ReplayMessage): Record<string, unknown> {
  const { type, timeMs, event, ...rest } = message;
  return { type, time: isoTime(timeMs), ...rest, ...(event ? { id: event.id, rule: event.rule, state: event.state, severity: event.severity } : {}) };
}

/** `TIME  SEND       webhook  digest: <title>` and the list, indented. */
function messageLines(message: ReplayMessage): string {
  const after = message.afterTrace ? ' (after the trace ends)' : '';
  const what = message.event ? `${message.event.rule} ${message.event.state}` : message.kind;
  const head = terminalSafe(`${isoTime(message.timeMs)}  SEND       ${message.channel}  ${what}: ${message.title}${after}`);
  return [head, ...message.lines.map((line) => `    ${terminalSafe(line)}`)].join('\n');
}
