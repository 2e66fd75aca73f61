// An error from the state dir as one short phrase for a warning: the errno code, or our own sentence for what we
// found wrong there ("/x is not a directory", "a symbolic link, not followed").
import { NotADirectoryError } from './ensure-dir.js';
import { UnsafeFileError } from './safe-open.js';

export function describeError(error: unknown): string {
  if (error instanceof NotADirectoryError || error instanceof UnsafeFileError) return error.message;
  if (error instanceof Error) return (error as NodeJS.ErrnoException).code ?? error.message;
  return String(error);
}
