// `srvmon check-config`: validate, then print the effective config in the file's own shape, with the runtime
// threshold overrides from the state dir applied and every secret redacted, and the mutes persisted there.
import { hostname } from 'node:os';
import yaml from 'js-yaml';
import { activeRuleMutes, isMutedAt } from '../app/mutes.js';
import { toFileShape } from '../config/effective-config.js';
import { redactSecrets } from '../config/redact.js';
import { muteJson, untilJson } from '../control/owner-status.js';
import { templateTargetOf } from '../notify/channel-catalogue.js';
import { previewTemplates, previewText } from '../notify/templates/template-preview.js';
import { StateFile, type PersistedState } from '../state/state-file.js';
import { terminalSafe } from '../text/terminal-safe.js';
import type { CliArgs } from './args.js';
import { loadCliConfig } from './load-cli-config.js';
import { stdout } from './output-stream.js';

export async function runCheckConfig(args: CliArgs): Promise<number> {
  const loaded = await loadCliConfig(args);
  const state = new StateFile(loaded.config.stateDir, () => {}).load();
  const overrides = state.overrides;
  const mutes = mutesInForce(state, Date.now());
  const written = (loaded.raw as { channels?: Record<string, unknown> }).channels;
  const effective = toFileShape(loaded.config, overrides, written);
  const source = loaded.filepath ?? 'no config file found; defaults';
  // Every channel template rendered once with a sample alert, secrets (a token in dashboardUrl) redacted.
  const templates = redactSecrets(previewTemplates(loaded.config.channels, templateTargetOf, hostname(), loaded.config.locale));
  if (args.json) {
    stdout.write(`${JSON.stringify({ valid: true, file: loaded.filepath, overrides, mute: mutes.mute, mutedRules: mutes.mutedRules, config: effective, templates })}\n`);
    return 0;
  }
  const edited = Object.entries(overrides).map(([rule, value]) => `${rule}=${value}`);
  stdout.write(
    `# ${source}: valid\n` +
      (edited.length ? `# runtime threshold overrides (edited in the dashboard, in ${loaded.config.stateDir}): ${edited.join(', ')}\n` : '') +
      (mutes.text ? `# muted (srvmon mute, in ${loaded.config.stateDir}): ${mutes.text}\n` : '') +
      yaml.dump(effective, { lineWidth: 120, noRefs: true }) +
      previewText(templates).split('\n').map(terminalSafe).join('\n'),
  );
  return 0;
}

/** The mutes of the state dir that are still in force: as the status JSON shows them, and as one line. */
function mutesInForce(state: PersistedState, nowMs: number): { mute: ReturnType<typeof muteJson>; mutedRules: Record<string, string | null>; text: string } {
  const mute = isMutedAt(state.mute, nowMs) ? state.mute : null;
  const ruleMutes = activeRuleMutes(state.ruleMutes, nowMs);
  const until = (untilMs: number | null): string => `until ${untilJson(untilMs) ?? 'unmuted'}`;
  const mutedRules = Object.fromEntries(Object.entries(ruleMutes).map(([id, m]) => [id, untilJson(m.untilMs) as string | null]));
  const parts = [
    ...(mute ? [`every rule ${until(mute.untilMs)}`] : []),
    ...Object.entries(ruleMutes).map(([id, m]) => `${terminalSafe(id)} ${until(m.untilMs)}`),
  ];
  return { mute: muteJson(mute, ruleMutes), mutedRules, text: parts.join(', ') };
}
