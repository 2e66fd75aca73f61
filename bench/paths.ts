// Where the compiled programs under test live, from dist/bench/.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
/** The project root (dist/bench/ -> ../..). */
export const ROOT = join(here, '..', '..');
export const SRVMON_CLI = join(ROOT, 'dist', 'src', 'cli', 'main.js');
export const DASHBOARD_MODULE = join(ROOT, 'dist', 'src', 'ui', 'dashboard.js');
export const FLOOR_SCRIPT = join(here, 'floor.js');
export const DAY_CHILD = join(here, 'simulated-day-child.js');
/** Debian's btop (scripts/ensure-bench-deps.sh installs it). */
export const BTOP = '/usr/bin/btop';
export const GTOP = join(ROOT, 'node_modules', 'gtop', 'bin', 'gtop');
export const RESULTS_MD = join(ROOT, 'bench', 'results.md');
export const HISTORY_MD = join(ROOT, 'bench', 'history.md');

/** The environment of a srvmon run isolated from the user's files: HOME is a temp dir, no XDG overrides. */
export function isolatedEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { XDG_STATE_HOME: _s, XDG_CONFIG_HOME: _c, ...rest } = process.env;
  return { ...rest, HOME: home, LANG: 'C.UTF-8', LC_ALL: '', ...extra };
}
