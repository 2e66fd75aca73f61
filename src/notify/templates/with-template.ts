// Hands a channel's checked template to every notification it sends: notification-text.ts (which every channel's
// text comes from) renders it when set. Config validation stores the template next to the channel's own fields
// (config/channels.ts); the channel factories never see it.
import type { Channel } from '../channel.js';
import { ChannelTemplate } from './channel-template.js';

/** The template stored in a validated channel section, if any. */
export function templateOf(config: unknown): ChannelTemplate | undefined {
  const template = config !== null && typeof config === 'object' ? (config as { template?: unknown }).template : undefined;
  return template instanceof ChannelTemplate ? template : undefined;
}

export function withTemplate(channel: Channel, config: unknown): Channel {
  const template = templateOf(config);
  if (!template) return channel;
  return {
    name: channel.name,
    send: (notification) => channel.send({ ...notification, template }),
    secrets: () => channel.secrets(),
    ...(channel.close ? { close: () => channel.close?.() ?? Promise.resolve() } : {}),
  };
}
