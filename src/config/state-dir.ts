// Where srvmon keeps its state (outbox, alert log, overrides): XDG base-directory rules.
import path from 'node:path';

/** $XDG_STATE_HOME/srvmon when it is set and absolute (as the XDG spec demands), else ~/.local/state/srvmon. */
export function defaultStateDir(env: NodeJS.ProcessEnv, homeDir: string): string {
  const xdg = env.XDG_STATE_HOME;
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, 'srvmon');
  return path.join(homeDir, '.local', 'state', 'srvmon');
}

/** Expands "~" and "~/x"; a relative path is taken relative to baseDir (the config file's directory, or the cwd). */
export function resolveUserPath(text: string, baseDir: string, homeDir: string): string {
  if (text === '~') return homeDir;
  if (text.startsWith('~/')) return path.join(homeDir, text.slice(2));
  return path.resolve(baseDir, text);
}
