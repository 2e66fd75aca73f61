// `srvmon replay FILE`: run the configured rules over a recorded trace and print what would have happened.
// The trace is streamed: each sample is checked, replayed and its events printed before the next line is read.
import { alertJson, alertLine, isoTime } from '../headless/event-line.js';
import { ReplayRun } from '../replay/replay.js';
import { readTrace } from '../replay/trace.js';
import { terminalSafeJson } from '../text/terminal-safe.js';
import type { CliArgs } from './args.js';
import { loadCliConfig } from './load-cli-config.js';
import { stdout } from './output-stream.js';

export async function runReplay(args: CliArgs): Promise<number> {
  const file = args.traceFile as string;
  const loaded = await loadCliConfig(args);
  const run = new ReplayRun(loaded.config);
  const out = (line: string): void => stdout.line(line);
  for await (const samples of readTrace(file)) {
    for (const sample of samples) {
      for (const event of run.step(sample)) out(args.json ? terminalSafeJson(alertJson(event)) : alertLine(event));
    }
  }
  const summary = run.summary();
  if (args.json) {
    out(JSON.stringify({ ...summary, from: isoTime(summary.fromMs), to: isoTime(summary.toMs) }));
    return 0;
  }
  const sent = summary.notifiedByState;
  out(
    `replay: ${summary.samples} samples from ${isoTime(summary.fromMs)} to ${isoTime(summary.toMs)}: ` +
      `${summary.events} events, ${summary.notifications} notifications ` +
      `(firing ${sent.firing}, repeat ${sent.repeat}, escalated ${sent.escalated}, resolved ${sent.resolved})`,
  );
  return 0;
}
