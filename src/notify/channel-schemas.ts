// The schema of each channel's config section (channels.<name> in the rc file). The config layer validates with
// these (unknown keys with "did you mean", required fields, secrets redacted in messages; see config/channels.ts);
// the registry builds the channels from the parsed output. A new channel (DingTalk, Feishu) adds one line here and
// one in registry.ts.
// Rules for a schema: a z.strictObject of its real fields; do not declare `enabled` (the config layer strips it);
// `${ENV}` references are already substituted.
import type { z } from 'zod';
import { alertmanagerConfigSchema } from './alertmanager-config.js';
import { mailConfigSchema } from './mail-config.js';
import { webhookConfigSchema } from './webhook-config.js';
import { wechatConfigSchema } from './wechat-config.js';
import { wecomConfigSchema } from './wecom-config.js';

export const channelSchemas: Record<string, z.ZodType> = {
  mail: mailConfigSchema,
  wechat: wechatConfigSchema,
  wecom: wecomConfigSchema,
  webhook: webhookConfigSchema,
  alertmanager: alertmanagerConfigSchema,
};
