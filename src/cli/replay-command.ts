// `srvmon replay FILE`: run the configured rules over a recorded trace and print what would have happened.
import { readFile } from 'node:fs/promises';
import { alertJson, alertLine, isoTime } from '../headless/event-line.js';
import { replay } from '../replay/replay.js';
import { parseTrace, TraceError } from '../replay/trace.js';
import type { CliArgs } from './args.js';
import { loadCliConfig } from './load-cli-config.js';
import { stdout } from './output-stream.js';

export async function runReplay(args: CliArgs): Promise<number> {
  const file = args.traceFile as string;
  const loaded = await loadCliConfig(args);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error: unknown) {
    throw new TraceError(`${file}: cannot read the trace (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const { events, summary } = replay(parseTrace(text, file), loaded.config);
  const out = (line: string): void => stdout.line(line);
  if (args.json) {
    for (const event of events) out(JSON.stringify(alertJson(event)));
    out(JSON.stringify({ ...summary, from: isoTime(summary.fromMs), to: isoTime(summary.toMs) }));
    return 0;
  }
  for (const event of events) out(alertLine(event));
  const sent = summary.notifiedByState;
  out(
    `replay: ${summary.samples} samples from ${isoTime(summary.fromMs)} to ${isoTime(summary.toMs)}: ` +
      `${summary.events} events, ${summary.notifications} notifications ` +
      `(firing ${sent.firing}, repeat ${sent.repeat}, escalated ${sent.escalated}, resolved ${sent.resolved})`,
  );
  return 0;
}
