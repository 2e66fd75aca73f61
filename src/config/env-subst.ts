// `${NAME}` in any string value is replaced by the environment variable NAME, so secrets can stay out of the file.
// `$${NAME}` is the escape for a literal `${NAME}`. An unset variable is an error rather than an empty string:
// an empty SMTP password only fails much later, at 3 a.m., with a confusing "authentication failed".
import { ConfigError } from './config-error.js';
import { formatKeyPath, type KeyPath } from './key-path.js';
import { isSecretPath } from './secret-keys.js';

const REFERENCE = /\$(\$?)\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

export interface SubstituteOptions {
  file: string | null;
  /** Subtrees left as written, e.g. disabled channels, whose variables need not be set on this machine. */
  skip?: (path: KeyPath) => boolean;
}

/** Deep copy of value with references replaced; throws ConfigError naming the key path and the variable. */
export function substituteEnv(value: unknown, env: NodeJS.ProcessEnv, options: SubstituteOptions): unknown {
  return substituteNode(value, [], env, options);
}

function substituteNode(value: unknown, path: PropertyKey[], env: NodeJS.ProcessEnv, options: SubstituteOptions): unknown {
  if (options.skip?.(path)) return value;
  if (typeof value === 'string') return substituteString(value, path, env, options.file);
  if (Array.isArray(value)) return value.map((item, index) => substituteNode(item, [...path, index], env, options));
  if (isPlainObject(value)) {
    const copy: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) copy[key] = substituteNode(child, [...path, key], env, options);
    return copy;
  }
  return value;
}

function substituteString(text: string, path: PropertyKey[], env: NodeJS.ProcessEnv, file: string | null): string {
  return text.replace(REFERENCE, (whole, escape: string, name: string) => {
    if (escape) return whole.slice(1);
    const replacement = env[name];
    if (replacement === undefined) {
      throw new ConfigError(file, formatKeyPath(path), `environment variable ${name} is not set`);
    }
    return replacement;
  });
}

/** True when the string takes at least one value from the environment (escaped references do not count). */
export function hasEnvReference(text: string): boolean {
  for (const match of text.matchAll(REFERENCE)) if (!match[1]) return true;
  return false;
}

/**
 * Key paths of secrets written literally in the file (not taken from `${ENV}`), for the file-permission warning.
 * Looks at the file as written, before substitution.
 */
export function findLiteralSecrets(value: unknown, path: PropertyKey[] = []): string[] {
  if (typeof value === 'string') {
    return value !== '' && isSecretPath(path) && !hasEnvReference(value) ? [formatKeyPath(path)] : [];
  }
  if (Array.isArray(value)) return value.flatMap((item, index) => findLiteralSecrets(item, [...path, index]));
  if (isPlainObject(value)) return Object.entries(value).flatMap(([key, child]) => findLiteralSecrets(child, [...path, key]));
  return [];
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
