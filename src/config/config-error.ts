// The one error type for user mistakes in the configuration. The CLI prints `message` (one line, no stack) and
// exits with `exitCode` (78 = EX_CONFIG from sysexits.h), so every message must make sense on its own.

export interface ConfigErrorOptions {
  /** The command-line flag that supplied the bad value (e.g. "--interval"); named instead of the file. */
  flag?: string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly exitCode = 78;
  /** The config file at fault, or null when the problem is not in a file (defaults, flags, a missing --config). */
  readonly file: string | null;
  /** Dotted key path such as "rules.cpu.threshold"; "" for whole-file problems. */
  readonly keyPath: string;
  /** The message without the file/key prefix, e.g. "must be a number from 0 to 100, got 120". */
  readonly detail: string;
  readonly flag: string | undefined;

  constructor(file: string | null, keyPath: string, detail: string, options: ConfigErrorOptions = {}) {
    super(composeMessage(file, keyPath, detail, options.flag));
    this.file = file;
    this.keyPath = keyPath;
    this.detail = detail;
    this.flag = options.flag;
  }
}

/**
 * `file: key must ...` reads as a sentence, while other details need a colon: `file: key: unknown key`.
 * A value from a flag names the flag, because that is what the user typed.
 */
function composeMessage(file: string | null, keyPath: string, detail: string, flag: string | undefined): string {
  if (flag) return `${flag}: ${detail}`;
  const subject = keyPath ? `${keyPath}${/^(must|is|are) /.test(detail) ? ' ' : ': '}${detail}` : detail;
  return file ? `${file}: ${subject}` : subject;
}

export function isConfigError(error: unknown): error is ConfigError {
  return error instanceof ConfigError;
}
