// Finds and reads the config file with cosmiconfig. We walk the directories ourselves, one cosmiconfig search per
// directory: cosmiconfig's searchStrategy "global" stops at os.homedir() and then looks in the XDG config dir from
// the real environment, so it skips the home directory when started outside it and cannot be pointed at a test's
// fake home. Order: the working directory, each parent up to the home directory (or the root), the home directory,
// then $XDG_CONFIG_HOME/srvmon/config{,.json,.yaml,.yml,.js,.cjs,.mjs}.
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

const GLOBAL_PLACES = ['config', 'config.json', 'config.yaml', 'config.yml', 'config.js', 'config.cjs', 'config.mjs'];

/** TypeScript configs would need a compiler at runtime. Any other extension (/etc/srvmon.conf) is read as YAML. */
export const UNSUPPORTED_EXTENSIONS = ['.ts', '.cts', '.mts'];

const jsLoader: Loader = (filepath) => loadJsFresh(filepath);

/** js-yaml reads a comments-only file as null, which cosmiconfig takes as "no config here" and searches on. */
const yamlLoader: Loader = async (filepath, content) => (await defaultLoaders['.yaml'](filepath, content)) ?? undefined;

function explorer(searchPlaces: string[]) {
  return cosmiconfig(MODULE_NAME, {
    searchPlaces,
    searchStrategy: 'none',
    // Every call reads the disk: SIGHUP must see the edited file.
    cache: false,
    // An empty .srvmonrc is still "the" config file (all defaults); it must not let a parent's file win.
    ignoreEmptySearchPlaces: false,
    loaders: {
      ...defaultLoaders,
      '.js': jsLoader,
      '.cjs': jsLoader,
      '.mjs': jsLoader,
      '.yaml': yamlLoader,
      '.yml': yamlLoader,
      noExt: yamlLoader,
      default: yamlLoader,
    },
  });
}

/** The directories searched, in order, for messages and tests. */
export function searchDirs(cwd: string, homeDir: string, env: NodeJS.ProcessEnv): { dir: string; global: boolean }[] {
  const dirs: { dir: string; global: boolean }[] = [];
  const home = path.resolve(homeDir);
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    dirs.push({ dir, global: false });
    if (dir === home || path.dirname(dir) === dir) break;
  }
  if (!dirs.some((d) => d.dir === home)) dirs.push({ dir: home, global: false });
  const xdgConfig = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(home, '.config');
  dirs.push({ dir: path.join(xdgConfig, MODULE_NAME), global: true });
  return dirs;
}

/** The first config found, or null. Parse errors are thrown as they come from cosmiconfig. */
export async function searchConfig(cwd: string, homeDir: string, env: NodeJS.ProcessEnv): Promise<CosmiconfigResult> {
  const local = explorer(SEARCH_PLACES);
  const global = explorer(GLOBAL_PLACES);
  for (const { dir, global: isGlobal } of searchDirs(cwd, homeDir, env)) {
    const result = await (isGlobal ? global : local).search(dir);
    if (result) return result;
  }
  return null;
}

/** Reads one given file (--config). */
export async function loadConfigFile(filepath: string): Promise<CosmiconfigResult> {
  return explorer(SEARCH_PLACES).load(filepath);
}
