// Errors that are the user's to fix: printed as one short line with their exit code, never with a stack trace.
import { ConfigError } from '../config/config-error.js';
import { TraceError } from '../replay/trace.js';
import { UsageError } from './args.js';

export function userErrorOf(error: unknown): { message: string; exitCode: number } | null {
  if (error instanceof ConfigError || error instanceof TraceError || error instanceof UsageError) {
    return { message: error.message, exitCode: error.exitCode };
  }
  return null;
}
