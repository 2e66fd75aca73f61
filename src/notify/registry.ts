// Builds the enabled channels from their validated config sections. Adding a channel is one factory line here and
// one schema line in channel-schemas.ts.
import { createAlertmanagerChannel } from './alertmanager-channel.js';
import type { AlertmanagerConfig } from './alertmanager-config.js';
import type { Channel, ChannelDeps } from './channel.js';
import { createMailChannel } from './mail-channel.js';
import type { MailConfig } from './mail-config.js';
import { WebhookChannel } from './webhook-channel.js';
import type { WebhookConfig } from './webhook-config.js';
import { createWechatChannel } from './wechat-channel.js';
import type { WechatConfig } from './wechat-config.js';
import { WecomChannel } from './wecom-channel.js';
import type { WecomConfig } from './wecom-config.js';

type Factory = (config: never, deps: ChannelDeps) => Channel;

const FACTORIES: Record<string, Factory> = {
  mail: (config: MailConfig, deps) => createMailChannel(config, deps),
  wechat: (config: WechatConfig, deps) => createWechatChannel(config, deps),
  wecom: (config: WecomConfig, deps) => new WecomChannel(config, deps),
  webhook: (config: WebhookConfig, deps) => new WebhookChannel(config, deps),
  alertmanager: (config: AlertmanagerConfig, deps) => createAlertmanagerChannel(config, deps),
};

/** `channels` holds the schema outputs of enabled channels only (see config/channels.ts). */
export function buildChannels(channels: Record<string, unknown>, deps: ChannelDeps): Channel[] {
  return Object.entries(channels).map(([name, config]) => {
    const factory = FACTORIES[name];
    if (!factory) throw new Error(`no channel factory registered for "${name}"`);
    return factory(config as never, deps);
  });
}
