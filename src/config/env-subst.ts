// `${NAME}` in any string value is replaced by the environment variable NAME, so secrets can stay out of the file.
// An unset variable is an error rather than an empty string: an empty SMTP password only fails much later, at 3 a.m.,
// with a confusing "authentication failed". For the same reason a reference that is almost right is an error, not
// a literal: `${SMTP_PASS` (not closed) or `${SMTP-PASS}` (not a name). A bare `$SMTP_PASS` looks like a variable but
// is not one: an error in a secret (it would become the password), a warning elsewhere.
// `$$` keeps the dollar that follows literally: `$${NAME}` is the text `${NAME}`, `pa$$word` is `pa$word`.
import { ConfigError } from './config-error.js';
import { formatKeyPath, type KeyPath } from './key-path.js';
import { isSecretPath } from './secret-keys.js';

export interface SubstituteOptions {
  file: string | null;
  /** Subtrees left as written, e.g. disabled channels, whose variables need not be set on this machine. */
  skip?: (path: KeyPath) => boolean;
  /** Told about each bare `$NAME` outside secrets, as a "warning: ..." line. */
  warn?: (warning: string) => void;
}

/**
 * Copy of value with references replaced; throws ConfigError naming the key path and the position in the value.
 * A node shared by YAML aliases is substituted once and shared in the copy too: copying each use would turn a
 * 10-line alias bomb into billions of strings (see also config-bounds.ts).
 */
export function substituteEnv(value: unknown, env: NodeJS.ProcessEnv, options: SubstituteOptions): unknown {
  // Whether a bare $NAME is an error depends on being under a secret key, so a node has one copy per context.
  const copies = { plain: new Map<object, unknown>(), secret: new Map<object, unknown>() };
  const visit = (node: unknown, path: PropertyKey[]): unknown => {
    if (options.skip?.(path)) return node;
    if (typeof node === 'string') return substituteString(node, path, env, options);
    if (!Array.isArray(node) && !isPlainObject(node)) return node;
    const memo = isSecretPath(path) ? copies.secret : copies.plain;
    if (memo.has(node)) return memo.get(node);
    let copy: unknown;
    if (Array.isArray(node)) copy = node.map((item, index) => visit(item, [...path, index]));
    else {
      const object: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(node)) object[key] = visit(child, [...path, key]);
      copy = object;
    }
    memo.set(node, copy);
    return copy;
  };
  return visit(value, []);
}

type Piece = { text: string } | { variable: string };

function substituteString(text: string, path: PropertyKey[], env: NodeJS.ProcessEnv, options: SubstituteOptions): string {
  if (!text.includes('$')) return text;
  const where = formatKeyPath(path);
  const secret = isSecretPath(path);
  const problem = (detail: string): ConfigError => new ConfigError(options.file, where, detail);
  return scanReferences(text, {
    onBare(name, column) {
      // A secret's text is never echoed, not even the part that looks like a name: it may be a real password.
      if (secret) {
        throw problem(`"$" followed by a name at character ${column} looks like an environment variable: write "\${NAME}" to read one, or "$$" for a literal "$"`);
      }
      const prefix = options.file ? `${options.file}: ` : '';
      options.warn?.(`warning: ${prefix}${where}: "$${name}" at character ${column} is kept as written; write "\${${name}}" to read the environment variable, or "$$${name}" to keep it without this warning`);
    },
    onBroken(column, closed) {
      throw problem(
        closed
          ? `"\${" at character ${column} must be followed by a variable name (letters, digits, _) and "}"; write "$\${" for a literal "\${"`
          : `"\${" at character ${column} is not closed by "}"; write "$\${" for a literal "\${"`,
      );
    },
  })
    .map((piece) => {
      if ('text' in piece) return piece.text;
      const replacement = env[piece.variable];
      if (replacement === undefined) throw problem(`environment variable ${piece.variable} is not set`);
      return replacement;
    })
    .join('');
}

interface ScanHandlers {
  /** `$NAME` without braces, at 1-based column. */
  onBare?: (name: string, column: number) => void;
  /** `${` that is not a reference: `closed` when a `}` follows (a bad name), else it runs to the end. */
  onBroken?: (column: number, closed: boolean) => void;
}

const NAME_START = /[A-Za-z_]/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/** Splits text into literal pieces and `${NAME}` references, applying the `$$` escape. */
function scanReferences(text: string, handlers: ScanHandlers = {}): Piece[] {
  const pieces: Piece[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    const next = text[i + 1] ?? '';
    if (ch !== '$') {
      literal += ch;
      i++;
    } else if (next === '$' && (text[i + 2] === '{' || NAME_START.test(text[i + 2] ?? ''))) {
      // `$${` and `$$NAME`: one literal dollar; what follows is plain text.
      literal += '$';
      i += 2;
    } else if (next === '{') {
      const match = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}/.exec(text.slice(i));
      if (!match) {
        handlers.onBroken?.(i + 1, text.includes('}', i + 2));
        literal += ch;
        i++;
        continue;
      }
      pieces.push({ text: literal }, { variable: match[1] as string });
      literal = '';
      i += match[0].length;
    } else if (NAME_START.test(next)) {
      const name = NAME.exec(text.slice(i + 1))?.[0] as string;
      handlers.onBare?.(name, i + 1);
      literal += `$${name}`;
      i += 1 + name.length;
    } else {
      literal += ch;
      i++;
    }
  }
  pieces.push({ text: literal });
  return pieces.filter((piece) => !('text' in piece) || piece.text !== '');
}

/** True when the string takes at least one value from the environment (escaped references do not count). */
export function hasEnvReference(text: string): boolean {
  return scanReferences(text).some((piece) => 'variable' in piece);
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
