// Limits on the shape of a parsed config, checked before anything walks it. YAML aliases let a 10-line file stand for
// billions of values ("billion laughs"): js-yaml shares the aliased node, but every walk that follows (substitution,
// validation, check-config's output) would visit each copy. js-yaml caps nesting and merge keys but not aliases, and
// JSON.parse caps nothing, while our walks are recursive. So: count what a walk would visit (each shared node measured
// once, so this costs as much as the file is long) and refuse a config over the limits with exit 78.
import { ConfigError } from './config-error.js';
import { formatKeyPath } from './key-path.js';

/** Parsing is synchronous (a SIGHUP reload parses while the monitor samples): a few ms at this size. */
export const MAX_CONFIG_BYTES = 1024 * 1024;
/** Far more than any real config (a few hundred values); small enough to walk in milliseconds. */
export const MAX_CONFIG_VALUES = 100_000;
/** The same as js-yaml's maxDepth, so YAML and JSON get the same limit. A real config is under 10 deep. */
export const MAX_CONFIG_DEPTH = 100;

interface Measure {
  /** Values a walk visits in this subtree, itself included. */
  values: number;
  /** Levels of collections below this one (0: none; -1 for a scalar). */
  height: number;
}

/** Throws ConfigError when the config nests too deep or expands (through shared nodes) to too many values. */
export function checkConfigBounds(root: unknown, file: string | null): void {
  const measures = new Map<object, Measure>();
  const measure = (node: unknown, path: PropertyKey[]): Measure => {
    if (node === null || typeof node !== 'object') return { values: 1, height: -1 };
    if (path.length >= MAX_CONFIG_DEPTH) throw tooDeep(file, path);
    const known = measures.get(node);
    if (known) {
      // A shared node measured under a shorter path may reach too deep here.
      if (path.length + known.height >= MAX_CONFIG_DEPTH) throw tooDeep(file, path);
      return known;
    }
    let values = 1;
    let height = 0;
    for (const [key, child] of entries(node)) {
      const sub = measure(child, [...path, key]);
      values += sub.values;
      height = Math.max(height, sub.height + 1);
    }
    const result = { values, height };
    measures.set(node, result);
    return result;
  };
  if (measure(root, []).values > MAX_CONFIG_VALUES) throw tooMany(file, root, measures);
}

function entries(node: object): [PropertyKey, unknown][] {
  return Array.isArray(node) ? node.map((item, index) => [index, item] as [number, unknown]) : Object.entries(node);
}

function tooDeep(file: string | null, path: PropertyKey[]): ConfigError {
  const shown = formatKeyPath(path.slice(0, 4)) + (path.length > 4 ? '…' : '');
  return new ConfigError(file, shown, `is nested more than ${MAX_CONFIG_DEPTH} levels deep`);
}

/** Names the first key, going down, whose subtree alone is over the limit: the anchor a bomb repeats. */
function tooMany(file: string | null, root: unknown, measures: Map<object, Measure>): ConfigError {
  const path: PropertyKey[] = [];
  let node = root as object;
  for (;;) {
    const over = entries(node).find(([, child]) => child !== null && typeof child === 'object' && (measures.get(child)?.values ?? 0) > MAX_CONFIG_VALUES);
    if (!over) break;
    path.push(over[0]);
    node = over[1] as object;
  }
  return new ConfigError(file, formatKeyPath(path), `holds more than ${MAX_CONFIG_VALUES} values once YAML aliases are expanded`);
}
