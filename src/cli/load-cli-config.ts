// Loads the config with the command-line flags applied on top (args > file > default).
import type { LoadedConfig } from '../config/config-types.js';
import { INTERVAL_FLAG, loadConfig, parseDurationFlag } from '../config/load-config.js';
import type { CliArgs } from './args.js';

export async function loadCliConfig(args: CliArgs): Promise<LoadedConfig> {
  const intervalMs = args.interval === undefined ? undefined : parseDurationFlag(INTERVAL_FLAG, args.interval);
  const loaded = await loadConfig({ configPath: args.configPath, cli: { intervalMs, stateDir: args.stateDir } });
  for (const warning of loaded.warnings) process.stderr.write(`srvmon: ${warning}\n`);
  return loaded;
}
