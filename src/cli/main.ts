#!/usr/bin/env node
// srvmon's entry point: parse arguments, dispatch to a command, map user mistakes to short messages and exit codes.
// Only this file calls process.exit.
import { HELP_TEXT, parseCliArgs, UsageError, type CliArgs } from './args.js';
import { installFatalHandlers } from './fatal-error.js';
import { useLeanHeap } from './lean-heap.js';
import { cannotWrite, EXIT_BROKEN_PIPE, stderr, stdout } from './output-stream.js';
import { SignalQueue, STOP_DEADLINE_MS } from './signal-queue.js';
import { userErrorOf } from './user-error.js';
import { readVersion } from './version.js';
import { keepYoungGenerationSmall } from './young-generation.js';

// First of all: a bug anywhere is one line on stderr and exit 70, never a stack trace in a loop.
const fatal = installFatalHandlers((code) => process.exit(code));

export async function main(argv: string[]): Promise<number> {
  let args: CliArgs;
  try {
    args = parseCliArgs(argv);
  } catch (error: unknown) {
    if (error instanceof UsageError) {
      stderr.write(`srvmon: ${error.message}\nRun "srvmon --help" for usage.\n`);
      return error.exitCode;
    }
    throw error;
  }
  // The monitor's signals are caught before its config and channels load: a reload asked for during start (systemd
  // `reload` right after `start`) is kept for later instead of killing the process. One-shot commands keep node's
  // defaults (a hangup ends them).
  // The headless agent trades V8's throughput defaults for memory (lean-heap.ts), before its modules load; the
  // dashboard keeps the optimising compiler (it draws every second) but not a young generation grown at start.
  if (args.command === 'monitor' && (args.noUi || args.json || !process.stdout.isTTY)) useLeanHeap();
  else if (args.command === 'monitor') keepYoungGenerationSmall();
  const signals =
    args.command === 'monitor'
      ? new SignalQueue({ stopDeadlineMs: STOP_DEADLINE_MS, onStopUnheard: () => process.exit(0) })
      : undefined;
  try {
    switch (args.command) {
      case 'help':
        stdout.line(HELP_TEXT);
        return await outputChecked(0);
      case 'version':
        stdout.line(readVersion());
        return await outputChecked(0);
      // Each command loads only what it needs: the dashboard's first frame should not wait for unused modules.
      case 'check-config':
        return await outputChecked(await (await import('./check-config-command.js')).runCheckConfig(args));
      case 'replay':
        return await outputChecked(await (await import('./replay-command.js')).runReplay(args));
      case 'test-alert':
        return await outputChecked(await (await import('./test-alert-command.js')).runTestAlert(args));
      case 'status':
        return await outputChecked(await (await import('./status-command.js')).runStatus(args, (text) => stdout.write(text)));
      case 'mute':
        return await outputChecked(await (await import('./mute-command.js')).runMute(args, (text) => stdout.write(text)));
      case 'unmute':
        return await outputChecked(await (await import('./mute-command.js')).runUnmute(args, (text) => stdout.write(text)));
      case 'monitor':
        // The monitor answers its own output failures as they happen (see monitor-command.ts).
        return await (await import('./monitor-command.js')).runMonitor(args, signals as SignalQueue);
    }
  } catch (error: unknown) {
    const userError = userErrorOf(error);
    if (userError) {
      stderr.line(`srvmon: ${userError.message}`);
      return userError.exitCode;
    }
    throw error;
  }
}

/** A one-shot command whose output did not all arrive has failed, whatever it computed. */
async function outputChecked(code: number): Promise<number> {
  const failure = await stdout.flush();
  if (!failure) return code;
  if (failure.code === 'EPIPE') return EXIT_BROKEN_PIPE;
  stderr.line(`srvmon: ${cannotWrite(failure)}`);
  return code === 0 ? 1 : code;
}

main(process.argv.slice(2)).then(
  async (code) => {
    // The monitor command resolves only when it is told to stop; the others are done here.
    // Exit only once stdout and stderr are flushed: a pipe to another process is asynchronous, and exiting at once
    // would cut a long replay short.
    await stdout.flush();
    await stderr.flush();
    process.exit(code);
  },
  fatal,
);
