#!/usr/bin/env node
// srvmon's entry point: parse arguments, dispatch to a command, map user mistakes to short messages and exit codes.
// Only this file calls process.exit.
import { HELP_TEXT, parseCliArgs, UsageError, type CliArgs } from './args.js';
import { runCheckConfig } from './check-config-command.js';
import { runMonitor } from './monitor-command.js';
import { runReplay } from './replay-command.js';
import { runTestAlert } from './test-alert-command.js';
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
      case 'check-config':
        return await runCheckConfig(args);
      case 'replay':
        return await runReplay(args);
      case 'test-alert':
        return await runTestAlert(args);
      case 'monitor':
        return await runMonitor(args);
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
