// Validates the channels section against the channel catalogue (notify/channel-catalogue.ts). A channel is off when written as `false` or with
// `enabled: false`; an off channel is not validated further and its ${ENV} references are not resolved, so a
// half-written or machine-specific channel can be parked in the file. Enabled channels are handed to their schema
// without the `enabled` key, and SrvmonConfig.channels holds only enabled channels (the schema's output).
import type { z } from 'zod';
import { channelSchemas as defaultRegistry, templateChannelNames, templateTargetOf } from '../notify/channel-catalogue.js';
import { compileTemplateSection, templateNotSupported } from '../notify/templates/template-config.js';
import { ConfigError } from './config-error.js';
import { describeValue } from './describe-value.js';
import { unknownKeyDetail } from './did-you-mean.js';
import { isPlainObject } from './env-subst.js';
import { formatKeyPath, type KeyPath } from './key-path.js';
import { parseOrThrow } from './zod-issues.js';
import { parseChannelPolicy, splitPolicyFields } from '../notify/policy/policy-config.js';
import type { ChannelPolicyConfig, QuietWindow } from '../notify/policy/policy-types.js';

export type ChannelRegistry = Record<string, z.ZodType>;

/** True when channels.<name> as written is switched off (false, or enabled: false). */
export function isChannelDisabled(section: unknown): boolean {
  return section === false || (isPlainObject(section) && section.enabled === false);
}

/** For env substitution: the subtree of a disabled channel is left alone. */
export function isDisabledChannelPath(raw: unknown, path: KeyPath): boolean {
  if (path.length !== 2 || path[0] !== 'channels' || !isPlainObject(raw) || !isPlainObject(raw.channels)) return false;
  return isChannelDisabled(raw.channels[path[1] as string]);
}

export function validateChannels(
  channels: Record<string, unknown> | undefined,
  file: string | null,
  registry: ChannelRegistry = defaultRegistry,
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  const known = Object.keys(registry);
  for (const [name, section] of Object.entries(channels ?? {})) {
    const path = ['channels', name];
    // Known by name; the schema itself is read only for an enabled section (the catalogue loads them lazily).
    if (!Object.hasOwn(registry, name)) throw new ConfigError(file, formatKeyPath(path), unknownKeyDetail(name, known, 'channel'));
    if (section === false) continue;
    if (section !== null && !isPlainObject(section)) {
      throw new ConfigError(file, formatKeyPath(path), `must be a channel section or false, got ${describeValue(section, path)}`);
    }
    // "mail:" with every field commented out is an empty section: validated, so required fields are reported.
    const { enabled = true, template, ...fields } = section ?? {};
    if (typeof enabled !== 'boolean') {
      const at = [...path, 'enabled'];
      throw new ConfigError(file, formatKeyPath(at), `must be true or false, got ${describeValue(enabled, at)}`);
    }
    if (!enabled) continue;
    // The policy fields (policy-config.ts) are every channel's: they are taken out before its own schema runs.
    const parsed = parseOrThrow(registry[name]!, splitPolicyFields(fields).own, { file, pathPrefix: path });
    // template: { subject, body } is checked here for every text channel; the catalogue hands it to the channel.
    if (template === undefined) result[name] = parsed;
    else if (templateTargetOf(name) === undefined) throw templateNotSupported(file, [...path, 'template'], templateChannelNames);
    else result[name] = { ...(parsed as object), template: compileTemplateSection(template, file, [...path, 'template']) };
  }
  return result;
}

/** The notification policy of each enabled channel (routing, quiet hours, grouping, budget), same checks and errors. */
export function validateChannelPolicies(channels: Record<string, unknown> | undefined, file: string | null, globalQuiet: QuietWindow[]): Record<string, ChannelPolicyConfig> {
  const result: Record<string, ChannelPolicyConfig> = {};
  for (const [name, section] of Object.entries(channels ?? {})) {
    if (isChannelDisabled(section) || !isPlainObject(section)) continue;
    result[name] = parseChannelPolicy(splitPolicyFields(section).policy, file, ['channels', name], globalQuiet);
  }
  return result;
}
