// Loads the config with the command-line flags applied on top (args > file > default).
import type { LoadedConfig } from '../config/config-types.js';
import { INTERVAL_FLAG, loadConfig, parseDurationFlag } from '../config/load-config.js';
import type { CliArgs } from './args.js';

export async function loadCliConfig(args: CliArgs): Promise<LoadedConfig> {
  const intervalMs = args.interval === undefined ? undefined : parseDurationFlag(INTERVAL_FLAG, args.interval);
  // Warnings are written as they come: a skipped file is worth knowing about most when loading then fails.
  return loadConfig({
    configPath: args.configPath,
    cli: { intervalMs, stateDir: args.stateDir },
    onWarning: (warning) => process.stderr.write(`srvmon: ${warning}\n`),
  });
}
