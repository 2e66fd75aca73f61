// Errors that are the user's to fix: printed as one short line with their exit code, never with a stack trace.
import { ConfigError } from '../config/config-error.js';
import { TraceError } from '../replay/trace-error.js';
import { AttachError, NoOwnerError, StateDirInUseError } from '../control/attach-error.js';
import { UsageError } from './args.js';

export function userErrorOf(error: unknown): { message: string; exitCode: number } | null {
  if (error instanceof ConfigError || error instanceof TraceError || error instanceof UsageError) {
    return { message: error.message, exitCode: error.exitCode };
  }
  if (error instanceof NoOwnerError || error instanceof StateDirInUseError) return { message: error.message, exitCode: error.exitCode };
  // Cannot reach the owner for a reason the person can fix (permission, another protocol version): EX_NOPERM 77 for
  // permission, EX_UNAVAILABLE 69 otherwise.
  if (error instanceof AttachError) return { message: error.message, exitCode: error.kind === 'permission' ? 77 : 69 };
  return null;
}
