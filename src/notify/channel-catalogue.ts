// Every notification channel, one line each: its config section's schema and a lazy factory that receives that
// schema's output (so a channel's config type flows from its schema into its factory, checked by tsc). The config
// layer validates channels.<name> with `schema`; the sink builds the enabled ones with `build`. The heavy
// dependencies (nodemailer, axios, the proxy agents) load only when a configured channel first needs them, which
// keeps a channel-less start fast: one-file channels import nothing heavy at the top. Adding a channel: its file
// (schema + factory, see dingtalk-channel.ts) and one line in CATALOGUE.
import type { z } from 'zod';
import { alertmanagerConfigSchema } from './alertmanager-config.js';
import { barkConfigSchema } from './bark-channel.js';
import { dingtalkConfigSchema } from './dingtalk-channel.js';
import { feishuConfigSchema } from './feishu-channel.js';
import { telegramConfigSchema } from './telegram-channel.js';
import type { Channel, ChannelDeps } from './channel.js';
import { mailConfigSchema } from './mail-config.js';
import { pushplusConfigSchema } from './pushplus-channel.js';
import { serverchanConfigSchema } from './serverchan-channel.js';
import { webhookConfigSchema } from './webhook-config.js';
import { wechatConfigSchema } from './wechat-config.js';
import { wecomConfigSchema } from './wecom-config.js';

export type ChannelFactory<Config> = (config: Config, deps: ChannelDeps) => Channel;

export interface CatalogueEntry {
  readonly name: string;
  /**
   * A z.strictObject of the section's real fields (no `enabled`: the config layer strips it); `${ENV}` references
   * are already substituted when it runs.
   */
  readonly schema: z.ZodType;
  /** Builds the channel from what `schema` made of the section. */
  build(config: unknown, deps: ChannelDeps): Promise<Channel>;
}

/** Ties a factory to its schema: `load` must return a factory taking exactly the schema's output. */
export function defineChannel<S extends z.ZodType>(name: string, schema: S, load: () => Promise<ChannelFactory<z.output<S>>>): CatalogueEntry {
  return {
    name,
    schema,
    // The one place the type is erased: validateChannels stores schema.parse() output under this name, so the value
    // that comes back here is this schema's output.
    build: async (config, deps) => (await load())(config as z.output<S>, deps),
  };
}

const CATALOGUE: readonly CatalogueEntry[] = [
  defineChannel('mail', mailConfigSchema, async () => (await import('./mail-channel.js')).createMailChannel),
  defineChannel('wechat', wechatConfigSchema, async () => (await import('./wechat-channel.js')).createWechatChannel),
  defineChannel('wecom', wecomConfigSchema, async () => (await import('./wecom-channel.js')).createWecomChannel),
  defineChannel('webhook', webhookConfigSchema, async () => (await import('./webhook-channel.js')).createWebhookChannel),
  defineChannel('alertmanager', alertmanagerConfigSchema, async () => (await import('./alertmanager-channel.js')).createAlertmanagerChannel),
  defineChannel('dingtalk', dingtalkConfigSchema, async () => (await import('./dingtalk-channel.js')).createDingtalkChannel),
  defineChannel('feishu', feishuConfigSchema, async () => (await import('./feishu-channel.js')).createFeishuChannel),
  defineChannel('telegram', telegramConfigSchema, async () => (await import('./telegram-channel.js')).createTelegramChannel),
  defineChannel('bark', barkConfigSchema, async () => (await import('./bark-channel.js')).createBarkChannel),
  defineChannel('pushplus', pushplusConfigSchema, async () => (await import('./pushplus-channel.js')).createPushplusChannel),
  defineChannel('serverchan', serverchanConfigSchema, async () => (await import('./serverchan-channel.js')).createServerchanChannel),
];

const BY_NAME = new Map(CATALOGUE.map((entry) => [entry.name, entry]));

/** name -> schema, for the config layer (config/channels.ts) and the example-file test. */
export const channelSchemas: Readonly<Record<string, z.ZodType>> = Object.fromEntries(CATALOGUE.map((entry) => [entry.name, entry.schema]));

/** `channels` holds the schema outputs of enabled channels only (see config/channels.ts). */
export async function buildChannels(channels: Record<string, unknown>, deps: ChannelDeps): Promise<Channel[]> {
  return Promise.all(
    Object.entries(channels).map(async ([name, config]) => {
      const entry = BY_NAME.get(name);
      if (!entry) throw new Error(`no channel "${name}" in the catalogue`);
      return entry.build(config, deps);
    }),
  );
}
