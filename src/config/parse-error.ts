// Short, one-line messages for files that do not parse. cosmiconfig rethrows the parser's error with a code frame
// in the message; we keep only the line and the reason.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from './config-error.js';
import { locateJsonError } from './json-error.js';

interface YamlLikeError {
  name: string;
  reason?: string;
  mark?: { line: number };
}

export function toParseConfigError(error: unknown, file: string): ConfigError {
  const candidate = error as YamlLikeError | null;
  if (candidate && candidate.name === 'YAMLException' && candidate.mark) {
    return new ConfigError(file, '', `invalid YAML at line ${candidate.mark.line + 1}: ${candidate.reason ?? 'syntax error'}`);
  }
  if (candidate && candidate.name === 'JSONError') return jsonError(file);
  if (isJsExtension(file)) {
    const message = error instanceof Error ? error.message : String(error);
    return new ConfigError(file, '', `cannot load: ${firstLine(message)}`);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ConfigError(file, '', `cannot read: ${firstLine(message)}`);
}

function jsonError(file: string): ConfigError {
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    // Unreadable now: report without a line.
  }
  const problem = locateJsonError(text);
  return new ConfigError(file, '', problem ? `invalid JSON at line ${problem.line}: ${problem.reason}` : 'invalid JSON');
}

function isJsExtension(file: string): boolean {
  return ['.js', '.cjs', '.mjs'].includes(path.extname(file));
}

/** The first meaningful line, without cosmiconfig's "YAML Error in <file>:" style prefixes. */
function firstLine(message: string): string {
  const lines = message.split('\n').map((line) => line.trim()).filter((line) => line && !/^(JSON|YAML|TypeScript) Error in /.test(line));
  return lines[0] ?? 'unknown error';
}
