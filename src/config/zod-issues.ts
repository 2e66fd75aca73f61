// Turns zod issues into one-line ConfigErrors. Shared by the file schema and every channel's own schema, so a
// channel author gets "channels.mail.port must be a number, got "abc"" and "did you mean" for free.
//
// Messages may contain the token {got}; it is replaced by "got <value>" (redacted for secrets). Messages without
// it get ", got <value>" appended when the key has a value.
import type { z } from 'zod';
import { ConfigError } from './config-error.js';
import { describeValue } from './describe-value.js';
import { unknownKeyDetail } from './did-you-mean.js';
import { formatKeyPath, valueAt } from './key-path.js';

export const GOT = '{got}';

type RawIssue = z.core.$ZodRawIssue;

/** Per-parse error map: plain phrasing for issues whose schema did not set its own message. */
export function errorMap(issue: RawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${TYPE_NAMES[issue.expected] ?? issue.expected}, ${GOT}`;
    case 'too_small':
      return `must ${sizeRule(issue.origin, issue.minimum, issue.inclusive, 'min')}, ${GOT}`;
    case 'too_big':
      return `must ${sizeRule(issue.origin, issue.maximum, issue.inclusive, 'max')}, ${GOT}`;
    case 'invalid_value':
      return `must be ${issue.values.length === 1 ? '' : 'one of '}${issue.values.map((v) => JSON.stringify(v)).join(', ')}, ${GOT}`;
    case 'invalid_format':
      return `must be ${FORMAT_NAMES[issue.format] ?? `a valid ${issue.format}`}, ${GOT}`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}, ${GOT}`;
    case 'invalid_key':
      return 'has an invalid key';
    default:
      return `is invalid, ${GOT}`;
  }
}

const TYPE_NAMES: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text (a string)',
  boolean: 'true or false',
  array: 'a list',
  object: 'a section (key: value pairs)',
  record: 'a section (key: value pairs)',
};

const FORMAT_NAMES: Record<string, string> = {
  url: 'a URL',
  email: 'an email address',
  ipv4: 'an IPv4 address',
  ipv6: 'an IPv6 address',
};

function sizeRule(origin: string, limit: number | bigint, inclusive: boolean | undefined, side: 'min' | 'max'): string {
  const n = Number(limit);
  if (origin === 'string') {
    if (side === 'min' && n === 1) return 'not be empty';
    return side === 'min' ? `be at least ${n} characters` : `be at most ${n} characters`;
  }
  if (origin === 'array' || origin === 'set') {
    if (side === 'min' && n === 1) return 'list at least one item';
    return side === 'min' ? `list at least ${n} items` : `list at most ${n} items`;
  }
  if (side === 'min') return inclusive === false ? `be above ${n}` : `be at least ${n}`;
  return inclusive === false ? `be below ${n}` : `be at most ${n}`;
}

export interface IssueContext {
  file: string | null;
  /** The schema that produced the issues, to list known keys for "did you mean". */
  schema: z.ZodType;
  /** The value that was parsed, to quote the bad value. */
  input: unknown;
  /** Where `input` sits in the file, e.g. ["channels", "mail"]. */
  pathPrefix?: readonly PropertyKey[];
  /** How to call an unknown key at a given relative path (e.g. "rule" under rules); default "key". */
  nounFor?: (path: readonly PropertyKey[]) => string | undefined;
}

/** The issue a user should fix first: a typo in a key name often explains the other issues. */
export function firstIssue(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue | undefined {
  return issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0];
}

export function issueToConfigError(issue: z.core.$ZodIssue, context: IssueContext): ConfigError {
  const prefix = context.pathPrefix ?? [];
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const known = knownKeysAt(context.schema, issue.path);
    const noun = context.nounFor?.(issue.path) ?? 'key';
    return new ConfigError(context.file, formatKeyPath([...prefix, ...issue.path, key]), unknownKeyDetail(key, known, noun));
  }
  const fullPath = [...prefix, ...issue.path];
  const value = valueAt(context.input, issue.path);
  // A missing key shows up as a type error against undefined; whatever the schema says, the fix is to add it.
  if (value === undefined && issue.code === 'invalid_type' && keyIsAbsent(context.input, issue.path)) {
    return new ConfigError(context.file, formatKeyPath(fullPath), 'is required');
  }
  const got = value === undefined ? '' : `got ${describeValue(value, fullPath)}`;
  let detail = issue.message;
  if (detail.includes(GOT)) detail = got ? detail.replace(GOT, got) : detail.replace(/[,;]?\s*\{got\}/, '');
  else if (got) detail = `${detail}, ${got}`;
  return new ConfigError(context.file, formatKeyPath(fullPath), detail);
}

function keyIsAbsent(root: unknown, path: readonly PropertyKey[]): boolean {
  if (path.length === 0) return root === undefined;
  const parent = valueAt(root, path.slice(0, -1));
  const last = path[path.length - 1] as PropertyKey;
  return parent === null || typeof parent !== 'object' || !(last in parent) || (parent as Record<PropertyKey, unknown>)[last] === undefined;
}

/** Parses with our error map and throws the first issue as a ConfigError. */
export function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown, context: Omit<IssueContext, 'schema' | 'input'>): z.output<T> {
  const result = schema.safeParse(input, { error: errorMap });
  if (result.success) return result.data;
  const issue = firstIssue(result.error.issues);
  if (!issue) throw new ConfigError(context.file, formatKeyPath(context.pathPrefix ?? []), 'is invalid');
  throw issueToConfigError(issue, { ...context, schema, input });
}

// --- schema walking, for the list of keys a section accepts ---

interface SchemaDef {
  type: string;
  shape?: Record<string, unknown>;
  innerType?: unknown;
  in?: unknown;
  out?: unknown;
  valueType?: unknown;
  element?: unknown;
  options?: unknown[];
  getter?: () => unknown;
}

function defOf(schema: unknown): SchemaDef | undefined {
  if (schema === null || typeof schema !== 'object') return undefined;
  const internals = (schema as { _zod?: { def?: SchemaDef } })._zod;
  return internals?.def;
}

/** The object schemas reachable at a path (through optional, default, pipe, union...). */
function objectShapesAt(schema: unknown, path: readonly PropertyKey[], depth = 0): Record<string, unknown>[] {
  const def = defOf(schema);
  if (!def || depth > 50) return [];
  const next = (inner: unknown, rest = path) => objectShapesAt(inner, rest, depth + 1);
  switch (def.type) {
    case 'object':
      if (path.length === 0) return def.shape ? [def.shape] : [];
      return def.shape && typeof path[0] === 'string' && path[0] in def.shape ? next(def.shape[path[0]], path.slice(1)) : [];
    case 'record':
      return path.length === 0 ? [] : next(def.valueType, path.slice(1));
    case 'array':
      return path.length === 0 ? [] : next(def.element, path.slice(1));
    case 'pipe':
      return [...next(def.out), ...next(def.in)];
    case 'union':
      return (def.options ?? []).flatMap((option) => next(option));
    case 'lazy':
      return def.getter ? next(def.getter()) : [];
    default:
      return def.innerType ? next(def.innerType) : [];
  }
}

export function knownKeysAt(schema: unknown, path: readonly PropertyKey[]): string[] {
  return [...new Set(objectShapesAt(schema, path).flatMap((shape) => Object.keys(shape)))];
}
