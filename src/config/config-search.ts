// Finds and reads the config file with cosmiconfig. We walk the directories and search places ourselves and let
// cosmiconfig parse the file we chose: its searchStrategy "global" looks in the XDG config dir from the real
// environment (so it cannot be pointed at a test's fake home), and its search would parse and run a file before we
// could ask who wrote it. Order: see searchDirs, then $XDG_CONFIG_HOME/srvmon/config{,.json,.yaml,.yml,.js,.cjs,.mjs}.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { cosmiconfig, defaultLoaders, type CosmiconfigResult, type Loader } from 'cosmiconfig';
import { loadJsFresh } from './js-loader.js';

export const MODULE_NAME = 'srvmon';

/** Files looked for in each directory, in this order. */
export const SEARCH_PLACES = [
  'package.json',
  `.${MODULE_NAME}rc`,
  `.${MODULE_NAME}rc.json`,
  `.${MODULE_NAME}rc.yaml`,
  `.${MODULE_NAME}rc.yml`,
  `.${MODULE_NAME}rc.js`,
  `.${MODULE_NAME}rc.cjs`,
  `.${MODULE_NAME}rc.mjs`,
  `${MODULE_NAME}.config.js`,
  `${MODULE_NAME}.config.cjs`,
  `${MODULE_NAME}.config.mjs`,
];

export const GLOBAL_PLACES = ['config', 'config.json', 'config.yaml', 'config.yml', 'config.js', 'config.cjs', 'config.mjs'];

/** TypeScript configs would need a compiler at runtime. Any other extension (/etc/srvmon.conf) is read as YAML. */
export const UNSUPPORTED_EXTENSIONS = ['.ts', '.cts', '.mts'];

const jsLoader: Loader = (filepath) => loadJsFresh(filepath);

/** js-yaml reads a comments-only file as null, which cosmiconfig takes as "no config here" and searches on. */
const yamlLoader: Loader = async (filepath, content) => (await defaultLoaders['.yaml'](filepath, content)) ?? undefined;

/**
 * Called with every file cosmiconfig is about to parse: the config file itself (mainFile) and any file its `$import`
 * key pulls in. Throws to stop the load.
 */
export type FileCheck = (filepath: string, mainFile: string) => Promise<void>;

function explorer(check: FileCheck, mainFile: string) {
  const checked = (loader: Loader): Loader => async (filepath, content) => {
    await check(filepath, mainFile);
    return loader(filepath, content);
  };
  const loaders: Record<string, Loader> = {
    ...defaultLoaders,
    '.js': jsLoader,
    '.cjs': jsLoader,
    '.mjs': jsLoader,
    '.yaml': yamlLoader,
    '.yml': yamlLoader,
    noExt: yamlLoader,
    default: yamlLoader,
  };
  return cosmiconfig(MODULE_NAME, {
    // Every call reads the disk: SIGHUP must see the edited file.
    cache: false,
    loaders: Object.fromEntries(Object.entries(loaders).map(([extension, loader]) => [extension, checked(loader)])),
  });
}

/**
 * The directories searched, in order: the working directory and its parents up to the home directory when it is
 * inside home; otherwise the working directory alone, since its parents (/tmp, /srv, /) are shared with other users.
 * Then the home directory and $XDG_CONFIG_HOME/srvmon.
 */
export function searchDirs(cwd: string, homeDir: string, env: NodeJS.ProcessEnv): { dir: string; global: boolean }[] {
  const dirs: { dir: string; global: boolean }[] = [];
  const home = path.resolve(homeDir);
  const start = path.resolve(cwd);
  if (isInside(start, home)) {
    for (let dir = start; ; dir = path.dirname(dir)) {
      dirs.push({ dir, global: false });
      if (dir === home || path.dirname(dir) === dir) break;
    }
  } else {
    dirs.push({ dir: start, global: false });
    dirs.push({ dir: home, global: false });
  }
  const xdgConfig = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(home, '.config');
  dirs.push({ dir: path.join(xdgConfig, MODULE_NAME), global: true });
  return dirs;
}

function isInside(dir: string, parent: string): boolean {
  const relative = path.relative(parent, dir);
  return relative === '' || (relative.split(path.sep)[0] !== '..' && !path.isAbsolute(relative));
}

export interface SearchOptions {
  /** Why a file found may not be loaded (config-trust.ts), or undefined when it may. */
  whyUntrusted: (filepath: string) => Promise<string | undefined>;
  /** Told about each file skipped, as a "warning: ..." line. */
  warn: (warning: string) => void;
  /** Run on each file before it is parsed (UTF-8, size, files it imports). */
  check: FileCheck;
}

/**
 * The first config found, or null. A file that is there but not trusted is skipped with a warning and the search
 * goes on; it is never parsed, let alone run. Parse errors are thrown as they come from cosmiconfig.
 */
export async function searchConfig(cwd: string, homeDir: string, env: NodeJS.ProcessEnv, options: SearchOptions): Promise<CosmiconfigResult> {
  for (const { dir, global } of searchDirs(cwd, homeDir, env)) {
    for (const place of global ? GLOBAL_PLACES : SEARCH_PLACES) {
      const filepath = path.join(dir, place);
      if (!(await isFile(filepath))) continue;
      const untrusted = await options.whyUntrusted(filepath);
      if (untrusted) {
        options.warn(`warning: not loading ${filepath}: ${untrusted}`);
        continue;
      }
      // null: a package.json without a "srvmon" key. An empty file is a result: it must not let a parent's file win.
      const result = await explorer(options.check, filepath).load(filepath);
      if (result) return result;
    }
  }
  return null;
}

/** Like cosmiconfig's own search: what cannot be read as a file is not a candidate. */
async function isFile(filepath: string): Promise<boolean> {
  try {
    return (await stat(filepath)).isFile();
  } catch (error: unknown) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EACCES') return false;
    throw error;
  }
}

/** Reads one given file (--config). */
export async function loadConfigFile(filepath: string, check: FileCheck): Promise<CosmiconfigResult> {
  return explorer(check, path.resolve(filepath)).load(filepath);
}
