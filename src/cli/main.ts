#!/usr/bin/env node
// srvmon's entry point: parse arguments, dispatch to a command, map user mistakes to short messages and exit codes.
// Only this file calls process.exit.
import { HELP_TEXT, parseCliArgs, UsageError, type CliArgs } from './args.js';
import { userErrorOf } from './user-error.js';
import { readVersion } from './version.js';

export async function main(argv: string[]): Promise<number> {
  let args: CliArgs;
  try {
    args = parseCliArgs(argv);
  } catch (error: unknown) {
    if (error instanceof UsageError) {
      process.stderr.write(`srvmon: ${error.message}\nRun "srvmon --help" for usage.\n`);
      return error.exitCode;
    }
    throw error;
  }
  try {
    switch (args.command) {
      case 'help':
        process.stdout.write(`${HELP_TEXT}\n`);
        return 0;
      case 'version':
        process.stdout.write(`${readVersion()}\n`);
        return 0;
      // Each command loads only what it needs: the dashboard's first frame should not wait for unused modules.
      case 'check-config':
        return await (await import('./check-config-command.js')).runCheckConfig(args);
      case 'replay':
        return await (await import('./replay-command.js')).runReplay(args);
      case 'test-alert':
        return await (await import('./test-alert-command.js')).runTestAlert(args);
      case 'status':
        return await (await import('./status-command.js')).runStatus(args, (text) => void process.stdout.write(text));
      case 'mute':
        return await (await import('./mute-command.js')).runMute(args, (text) => void process.stdout.write(text));
      case 'unmute':
        return await (await import('./mute-command.js')).runUnmute(args, (text) => void process.stdout.write(text));
      case 'monitor':
        return await (await import('./monitor-command.js')).runMonitor(args);
    }
  } catch (error: unknown) {
    const userError = userErrorOf(error);
    if (userError) {
      process.stderr.write(`srvmon: ${userError.message}\n`);
      return userError.exitCode;
    }
    throw error;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    // The monitor command resolves only when it is told to stop; the others are done here.
    // Exit only once stdout and stderr are flushed: a pipe to another process is asynchronous, and exiting at once
    // would cut a long replay short.
    process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
  },
  (error: unknown) => {
    process.stderr.write(`srvmon: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(70); // EX_SOFTWARE: a bug, not a user mistake
  },
);
