// `srvmon check-config`: validate, then print the effective config in the file's own shape, with the runtime
// threshold overrides from the state dir applied and every secret redacted.
import yaml from 'js-yaml';
import { toFileShape } from '../config/effective-config.js';
import { StateFile } from '../state/state-file.js';
import type { CliArgs } from './args.js';
import { loadCliConfig } from './load-cli-config.js';
import { stdout } from './output-stream.js';

export async function runCheckConfig(args: CliArgs): Promise<number> {
  const loaded = await loadCliConfig(args);
  const overrides = new StateFile(loaded.config.stateDir, () => {}).load().overrides;
  const written = (loaded.raw as { channels?: Record<string, unknown> }).channels;
  const effective = toFileShape(loaded.config, overrides, written);
  const source = loaded.filepath ?? 'no config file found; defaults';
  if (args.json) {
    stdout.write(`${JSON.stringify({ valid: true, file: loaded.filepath, overrides, config: effective })}\n`);
    return 0;
  }
  const edited = Object.entries(overrides).map(([rule, value]) => `${rule}=${value}`);
  stdout.write(
    `# ${source}: valid\n` +
      (edited.length ? `# runtime threshold overrides (edited in the dashboard, in ${loaded.config.stateDir}): ${edited.join(', ')}\n` : '') +
      yaml.dump(effective, { lineWidth: 120, noRefs: true }),
  );
  return 0;
}
