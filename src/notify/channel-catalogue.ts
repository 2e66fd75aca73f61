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
import type { TemplateTarget } from './templates/template-engine.js';
import { withTemplate } from './templates/with-template.js';

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
  /**
   * Set when the channel sends text that `template: { subject, body }` can shape: how its body escapes values (what
   * check-config's preview shows). Unset: the channel sends data (JSON, WeChat template fields) and takes no template.
   */
  readonly template?: TemplateTarget;
}

/** Ties a factory to its schema: `load` must return a factory taking exactly the schema's output. */
export function defineChannel<S extends z.ZodType>(
  name: string,
  schema: S,
  load: () => Promise<ChannelFactory<z.output<S>>>,
  options: { template?: TemplateTarget } = {},
): CatalogueEntry {
  return {
    name,
    schema,
    ...options,
    // The one place the type is erased: validateChannels stores schema.parse() output under this name, so the value
    // that comes back here is this schema's output.
    build: async (config, deps) => (await load())(config as z.output<S>, deps),
  };
}

const CATALOGUE: readonly CatalogueEntry[] = [
  defineChannel('mail', mailConfigSchema, async () => (await import('./mail-channel.js')).createMailChannel, { template: 'html' }),
  defineChannel('wechat', wechatConfigSchema, async () => (await import('./wechat-channel.js')).createWechatChannel),
  defineChannel('wecom', wecomConfigSchema, async () => (await import('./wecom-channel.js')).createWecomChannel, { template: 'markdown' }),
  defineChannel('webhook', webhookConfigSchema, async () => (await import('./webhook-channel.js')).createWebhookChannel),
  defineChannel('alertmanager', alertmanagerConfigSchema, async () => (await import('./alertmanager-channel.js')).createAlertmanagerChannel),
  defineChannel('dingtalk', dingtalkConfigSchema, async () => (await import('./dingtalk-channel.js')).createDingtalkChannel, { template: 'robot-markdown' }),
  defineChannel('feishu', feishuConfigSchema, async () => (await import('./feishu-channel.js')).createFeishuChannel, { template: 'robot-markdown' }),
  defineChannel('telegram', telegramConfigSchema, async () => (await import('./telegram-channel.js')).createTelegramChannel, { template: 'html' }),
  defineChannel('bark', barkConfigSchema, async () => (await import('./bark-channel.js')).createBarkChannel, { template: 'plain' }),
  defineChannel('pushplus', pushplusConfigSchema, async () => (await import('./pushplus-channel.js')).createPushplusChannel, { template: 'robot-markdown' }),
  defineChannel('serverchan', serverchanConfigSchema, async () => (await import('./serverchan-channel.js')).createServerchanChannel, { template: 'robot-markdown' }),
];

const BY_NAME = new Map(CATALOGUE.map((entry) => [entry.name, entry]));

/** name -> schema, for the config layer (config/channels.ts) and the example-file test. */
export const channelSchemas: Readonly<Record<string, z.ZodType>> = Object.fromEntries(CATALOGUE.map((entry) => [entry.name, entry.schema]));

/** How channels.<name>'s template escapes values; undefined when the channel takes no template. */
export function templateTargetOf(name: string): TemplateTarget | undefined {
  return BY_NAME.get(name)?.template;
}

/** The channels that take a template, for messages. */
export const templateChannelNames: readonly string[] = CATALOGUE.filter((entry) => entry.template !== undefined).map((entry) => entry.name);

/**
 * `channels` holds the schema outputs of enabled channels only (see config/channels.ts), each with its checked
 * `template` when one is configured: the one place templates are wired in, so every channel uses its own.
 */
export async function buildChannels(channels: Record<string, unknown>, deps: ChannelDeps): Promise<Channel[]> {
  return Promise.all(
    Object.entries(channels).map(async ([name, config]) => {
      const entry = BY_NAME.get(name);
      if (!entry) throw new Error(`no channel "${name}" in the catalogue`);
      return withTemplate(await entry.build(config, deps), config);
    }),
  );
}
