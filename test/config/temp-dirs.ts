// Temporary directories for config tests: a fake home with a project inside it, so the search never walks into
// the real home directory or picks up a developer's own ~/.srvmonrc.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Sandbox {
  root: string;
  home: string;
  /** A project directory inside home. */
  project: string;
  /** The environment tests pass to loadConfig: only HOME, so nothing else leaks in. */
  env: NodeJS.ProcessEnv;
  write(relative: string, text: string, mode?: number): string;
  cleanup(): void;
}

export function makeSandbox(): Sandbox {
  const root = mkdtempSync(path.join(os.tmpdir(), 'srvmon-config-'));
  const home = path.join(root, 'home');
  const project = path.join(home, 'project');
  mkdirSync(project, { recursive: true });
  return {
    root,
    home,
    project,
    env: { HOME: home },
    write(relative, text, mode = 0o600) {
      const file = path.resolve(root, relative);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text);
      chmodSync(file, mode);
      return file;
    },
    cleanup() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** The repository root, from dist/test/config/ (compiled) back up. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
