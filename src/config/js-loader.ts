// Loads srvmon.config.{js,cjs,mjs} fresh every time. cosmiconfig's own loader uses import(), which caches by URL, so a
// SIGHUP reload would keep serving the first version of the file.
import { createRequire } from 'node:module';
import { realpath, stat } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

export async function loadJsFresh(filepath: string): Promise<unknown> {
  const real = await realpath(filepath);
  const { mtimeMs, size } = await stat(real);
  // CommonJS files imported from ESM still go through require's cache.
  delete require.cache[real];
  const url = `${pathToFileURL(real).href}?mtime=${mtimeMs}-${size}`;
  const module = (await import(url)) as { default?: unknown };
  return module.default;
}
