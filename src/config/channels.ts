// Validates the channels section against the channel catalogue (notify/channel-catalogue.ts). A channel is off when written as `false` or with
// `enabled: false`; an off channel is not validated further and its ${ENV} references are not resolved, so a
// half-written or machine-specific channel can be parked in the file. Enabled channels are handed to their schema
// without the `enabled` key, and SrvmonConfig.channels holds only enabled channels (the schema's output).
import type { z } from 'zod';
import { channelSchemas as defaultRegistry } from '../notify/channel-catalogue.js';
import { ConfigError } from './config-error.js';
import { describeValue } from './describe-value.js';
import { unknownKeyDetail } from './did-you-mean.js';
import { isPlainObject } from './env-subst.js';
import { formatKeyPath, type KeyPath } from './key-path.js';
import { parseOrThrow } from './zod-issues.js';

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
    const { enabled = true, ...fields } = section ?? {};
    if (typeof enabled !== 'boolean') {
      const at = [...path, 'enabled'];
      throw new ConfigError(file, formatKeyPath(at), `must be true or false, got ${describeValue(enabled, at)}`);
    }
    if (!enabled) continue;
    result[name] = parseOrThrow(registry[name]!, fields, { file, pathPrefix: path });
  }
  return result;
}
