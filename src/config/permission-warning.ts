// Like ssh with a private key: a file holding secrets that others can read gets a warning (not an error, since
// some setups rely on group-readable configs and srvmon must still start).
import { stat } from 'node:fs/promises';

export async function secretsPermissionWarning(file: string, secretPaths: readonly string[]): Promise<string | undefined> {
  if (secretPaths.length === 0 || process.platform === 'win32') return undefined;
  let mode: number;
  try {
    mode = (await stat(file)).mode;
  } catch {
    return undefined;
  }
  if ((mode & 0o077) === 0) return undefined;
  return `warning: ${file} holds secrets (${secretPaths.join(', ')}) and is readable by others; run: chmod 600 ${file}`;
}
