import { readFileSync } from 'node:fs';

export function readVersion(): string {
  // dist/src/cli/version.js -> package.json at the package root
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
