// Every notification channel, one line each: a lazy loader of its config section's schema and a lazy factory that
// receives that schema's output (so a channel's config type flows from its schema into its factory, checked by tsc).
// The config layer loads the schemas of the channels a file names (loadChannelSchemas) and validates channels.<name>
// with them; the sink builds the enabled ones with `build`. The heavy
// dependencies (nodemailer, axios, the proxy agents) load only when a configured channel first needs them, which
// keeps a channel-less start fast: one-file channels import nothing heavy at the top. Adding a channel: its file
// (schema + factory, see dingtalk-channel.ts) and one line in CATALOGUE.
import type { z } from 'zod';
import type { Channel, ChannelDeps } from './channel.js';
import type { TemplateTarget } from './templates/template-engine.js';
import { withTemplate } from './templates/with-template.js';

export type ChannelFactory<Config> = (config: Config, deps: ChannelDeps) => Channel;

export interface CatalogueEntry {
  readonly name: string;
  /**
   * Loads a z.strictObject of the section's real fields (no `enabled`: the config layer strips it); `${ENV}`
   * references are already substituted when it runs. Lazy: a monitor loads the schemas of the channels its file
   * names, not all eleven (with their zod schemas, about 1 MB of heap).
   */
  loadSchema(): Promise<z.ZodType>;
  /** Builds the channel from what the schema made of the section. */
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
  loadSchema: () => Promise<S>,
  load: () => Promise<ChannelFactory<z.output<S>>>,
  options: { template?: TemplateTarget } = {},
): CatalogueEntry {
  return {
    name,
    loadSchema,
    ...options,
    // The one place the type is erased: validateChannels stores schema.parse() output under this name, so the value
    // that comes back here is this schema's output.
    build: async (config, deps) => (await load())(config as z.output<S>, deps),
  };
}

const CATALOGUE: readonly CatalogueEntry[] = [
  defineChannel('mail', async () => (await import('./mail-config.js')).mailConfigSchema, async () => (await import('./mail-channel.js')).createMailChannel, { template: 'html' }),
  defineChannel('wechat', async () => (await import('./wechat-config.js')).wechatConfigSchema, async () => (await import('./wechat-channel.js')).createWechatChannel),
  defineChannel('wecom', async () => (await import('./wecom-config.js')).wecomConfigSchema, async () => (await import('./wecom-channel.js')).createWecomChannel, { template: 'markdown' }),
  defineChannel('webhook', async () => (await import('./webhook-config.js')).webhookConfigSchema, async () => (await import('./webhook-channel.js')).createWebhookChannel),
  defineChannel('alertmanager', async () => (await import('./alertmanager-config.js')).alertmanagerConfigSchema, async () => (await import('./alertmanager-channel.js')).createAlertmanagerChannel),
  defineChannel('dingtalk', async () => (await import('./dingtalk-channel.js')).dingtalkConfigSchema, async () => (await import('./dingtalk-channel.js')).createDingtalkChannel, { template: 'robot-markdown' }),
  defineChannel('feishu', async () => (await import('./feishu-channel.js')).feishuConfigSchema, async () => (await import('./feishu-channel.js')).createFeishuChannel, { template: 'robot-markdown' }),
  defineChannel('telegram', async () => (await import('./telegram-channel.js')).telegramConfigSchema, async () => (await import('./telegram-channel.js')).createTelegramChannel, { template: 'html' }),
  defineChannel('bark', async () => (await import('./bark-channel.js')).barkConfigSchema, async () => (await import('./bark-channel.js')).createBarkChannel, { template: 'plain' }),
  defineChannel('pushplus', async () => (await import('./pushplus-channel.js')).pushplusConfigSchema, async () => (await import('./pushplus-channel.js')).createPushplusChannel, { template: 'robot-markdown' }),
  defineChannel('serverchan', async () => (await import('./serverchan-channel.js')).serverchanConfigSchema, async () => (await import('./serverchan-channel.js')).createServerchanChannel, { template: 'robot-markdown' }),
];

const BY_NAME = new Map(CATALOGUE.map((entry) => [entry.name, entry]));

/** Every channel name, in catalogue order. */
export const CHANNEL_NAMES: readonly string[] = CATALOGUE.map((entry) => entry.name);

/** Schemas loaded so far, by name (see loadChannelSchemas). */
const loaded = new Map<string, z.ZodType>();

/**
 * Loads the schemas of `names` (every channel when left out; names not in the catalogue are ignored: the config
 * layer reports them) so that channelSchemas can hand them out synchronously.
 */
export async function loadChannelSchemas(names: Iterable<string> = CHANNEL_NAMES): Promise<void> {
  await Promise.all(
    [...names].map(async (name) => {
      const entry = BY_NAME.get(name);
      if (entry && !loaded.has(name)) loaded.set(name, await entry.loadSchema());
    }),
  );
}

/**
 * name -> schema, for the config layer (config/channels.ts): every catalogue name is a key (for "did you mean"),
 * and reading one whose schema was not loaded first is a bug, said as such.
 */
export const channelSchemas = Object.freeze(
  Object.defineProperties(
    {},
    Object.fromEntries(
      CHANNEL_NAMES.map((name) => [
        name,
        {
          enumerable: true,
          get(): z.ZodType {
            const schema = loaded.get(name);
            if (!schema) throw new Error(`the schema of channel "${name}" was read before loadChannelSchemas() loaded it`);
            return schema;
          },
        },
      ]),
    ),
  ),
) as Readonly<Record<string, z.ZodType>>;

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
