// channels.wecom: a WeCom (企业微信) group robot. Only the robot key is required; the rest has working defaults.
// WeCom's markdown cannot mention everyone nor mention by phone number, so those combinations are refused here
// rather than silently sending an alert that pings nobody.
import { z } from 'zod';
import { httpTimeoutField, httpUrlField, proxyField } from './http-kit.js';

export const WECOM_DEFAULT_URL = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send';

export const wecomConfigSchema = z
  .strictObject({
    /** The robot key: the `key=` of the webhook address WeCom shows. Secret. */
    key: z.string().min(1),
    /** Endpoint; the key is added as ?key=. @default https://qyapi.weixin.qq.com/cgi-bin/webhook/send */
    url: httpUrlField().optional(),
    /** @default "markdown" (colour and bold; "text" is plain but can mention by phone number and @all) */
    msgtype: z.enum(['text', 'markdown']).optional(),
    /** WeCom userids to mention, or "@all" (text only). @default [] */
    mentions: z.array(z.string().min(1)).optional(),
    /** Phone numbers to mention, or "@all" (text only). @default [] */
    mentionMobiles: z.array(z.string().min(1)).optional(),
    /** Per-attempt timeout. @default 10s */
    timeout: httpTimeoutField,
    /** Send through this proxy (http://, https:// or socks5://). @default direct */
    proxy: proxyField,
  })
  .superRefine((section, ctx) => {
    if ((section.msgtype ?? 'markdown') !== 'markdown') return;
    if (section.mentions?.includes('@all')) {
      const index = section.mentions.indexOf('@all');
      ctx.addIssue({
        code: 'custom',
        path: ['mentions', index],
        message: 'WeCom markdown cannot mention everyone ({got}); set channels.wecom.msgtype: text to use "@all"',
      });
    }
    if (section.mentionMobiles?.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['mentionMobiles'],
        message:
          'WeCom markdown cannot mention by phone number ({got}); set channels.wecom.msgtype: text, or list userids in channels.wecom.mentions',
      });
    }
  })
  .transform(({ timeout, url, msgtype, mentions, mentionMobiles, ...rest }) => ({
    ...rest,
    url: url ?? WECOM_DEFAULT_URL,
    msgtype: msgtype ?? 'markdown',
    mentions: mentions ?? [],
    mentionMobiles: mentionMobiles ?? [],
    timeoutMs: timeout,
  }));

export type WecomConfig = z.output<typeof wecomConfigSchema>;
