// A cost blessed pays before the first frame that srvmon does not need (CPU profile of the dashboard's start,
// bench/results.md "Dashboard"): inside tmux (TMUX set), blessed's Program runs `tmux -V` synchronously
// (child_process.execFileSync, 60-70 ms on a busy 2-core machine) to learn the version, which it uses only for mouse
// "all motion" tracking and its terminal widget; srvmon uses neither. withoutTmuxProbe() hides TMUX while the screen
// is built and then marks the program as inside tmux, as blessed would have (it still wraps what must reach the outer
// terminal), with blessed's own default version (2).
// (Compiling terminfo capabilities lazily was tried and dropped: blessed misreads some entries, screen-256color among
// them, and only the eager compile's syntax errors make it fall back to its own xterm entry.)
import type { Screen } from './blessed-lib.js';

/** Builds the screen with TMUX hidden from blessed, then tells blessed it is inside tmux after all. */
export function withoutTmuxProbe(build: () => Screen, env: NodeJS.ProcessEnv = process.env): Screen {
  const tmux = env.TMUX;
  if (!tmux) return build();
  delete env.TMUX;
  let screen: Screen;
  try {
    screen = build();
  } finally {
    env.TMUX = tmux;
  }
  const program = screen.program as unknown as { tmux: boolean; tmuxVersion: number };
  program.tmux = true;
  program.tmuxVersion = 2;
  return screen;
}
