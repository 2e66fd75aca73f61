// Loads the config with the command-line flags applied on top (args > file > default).
import { ConfigError } from '../config/config-error.js';
import type { LoadedConfig } from '../config/config-types.js';
import { parseDurationMs } from '../config/duration.js';
import { loadConfig } from '../config/load-config.js';
import type { CliArgs } from './args.js';

export async function loadCliConfig(args: CliArgs): Promise<LoadedConfig> {
  let intervalMs: number | undefined;
  if (args.interval !== undefined) {
    try {
      intervalMs = parseDurationMs(args.interval);
    } catch (error: unknown) {
      throw new ConfigError(null, '--interval', `${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const loaded = await loadConfig({ configPath: args.configPath, cli: { intervalMs, stateDir: args.stateDir } });
  for (const warning of loaded.warnings) process.stderr.write(`srvmon: ${warning}\n`);
  return loaded;
}
