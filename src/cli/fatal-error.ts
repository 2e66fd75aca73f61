// The unexpected (a bug) ends the process with one line on stderr and exit 70. A process that turns its own bugs into
// notices and goes on can spin: when the notice itself cannot be written, each failed write is a new error. The
// outbox is durable and systemd restarts srvmon, so ending is the safe answer.
import { writeSync } from 'node:fs';

export const EXIT_SOFTWARE = 70; // EX_SOFTWARE: a bug, not a user mistake

const MAX_MESSAGE_CHARS = 300;
const cleanups = new Set<() => void>();

/** Runs before the process ends on a bug: the dashboard gives the terminal back. Returns a remover. */
export function onFatalCleanup(cleanup: () => void): () => void {
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

/** One line: the error and where it was thrown, enough for a bug report; never the stack trace. */
export function fatalLine(error: unknown): string {
  if (!(error instanceof Error)) return `internal error: ${oneLine(String(error))}`;
  const where = error.stack?.split('\n').find((line) => line.trimStart().startsWith('at '));
  const place = where ? /\(?((?:file|node):[^()\s]+?:\d+:\d+)\)?$/.exec(where.trim())?.[1] : undefined;
  return `internal error: ${oneLine(`${error.name}: ${error.message}`)}${place ? ` (at ${place})` : ''}`;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s*\n\s*/g, ' ');
  return flat.length > MAX_MESSAGE_CHARS ? `${flat.slice(0, MAX_MESSAGE_CHARS)}...` : flat;
}

/** Turns every uncaught exception and unhandled rejection into one line and exit 70; returns that function. */
export function installFatalHandlers(exit: (code: number) => void): (error: unknown) => void {
  let ending = false;
  const fatal = (error: unknown): void => {
    if (ending) return;
    ending = true;
    for (const cleanup of cleanups) {
      try {
        cleanup();
      } catch {
        // the line below matters more
      }
    }
    try {
      // Synchronous: the process ends right after, and the stream may be the thing that failed.
      writeSync(2, `srvmon: ${fatalLine(error)}\n`);
    } catch {
      // stderr is gone too: the exit code still says it
    }
    exit(EXIT_SOFTWARE);
  };
  process.on('uncaughtException', fatal);
  process.on('unhandledRejection', fatal);
  return fatal;
}
