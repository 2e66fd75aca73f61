// Builds the enabled channels from their validated config sections. Each channel's module (and so nodemailer or
// axios) is loaded only when that channel is configured, which keeps the start of a channel-less srvmon fast.
// Adding a channel is one loader line here and one schema line in channel-schemas.ts.
import type { AlertmanagerConfig } from './alertmanager-config.js';
import type { Channel, ChannelDeps } from './channel.js';
import type { MailConfig } from './mail-config.js';
import type { WebhookConfig } from './webhook-config.js';
import type { WechatConfig } from './wechat-config.js';
import type { WecomConfig } from './wecom-config.js';

type Factory = (config: never, deps: ChannelDeps) => Channel;

const LOADERS: Record<string, () => Promise<Factory>> = {
  mail: async () => {
    const { createMailChannel } = await import('./mail-channel.js');
    return (config: MailConfig, deps) => createMailChannel(config, deps);
  },
  wechat: async () => {
    const { createWechatChannel } = await import('./wechat-channel.js');
    return (config: WechatConfig, deps) => createWechatChannel(config, deps);
  },
  wecom: async () => {
    const { WecomChannel } = await import('./wecom-channel.js');
    return (config: WecomConfig, deps) => new WecomChannel(config, deps);
  },
  webhook: async () => {
    const { WebhookChannel } = await import('./webhook-channel.js');
    return (config: WebhookConfig, deps) => new WebhookChannel(config, deps);
  },
  alertmanager: async () => {
    const { createAlertmanagerChannel } = await import('./alertmanager-channel.js');
    return (config: AlertmanagerConfig, deps) => createAlertmanagerChannel(config, deps);
  },
};

/** `channels` holds the schema outputs of enabled channels only (see config/channels.ts). */
export async function buildChannels(channels: Record<string, unknown>, deps: ChannelDeps): Promise<Channel[]> {
  return Promise.all(
    Object.entries(channels).map(async ([name, config]) => {
      const load = LOADERS[name];
      if (!load) throw new Error(`no channel factory registered for "${name}"`);
      return (await load())(config as never, deps);
    }),
  );
}
