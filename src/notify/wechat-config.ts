// Schema of channels.wechat: a WeChat Official Account (公众号) sending template messages (模板消息).
import { z } from 'zod';
import { durationField } from '../config/duration-field.js';
import { GOT } from '../config/zod-issues.js';
import { proxyField } from './http-kit.js';

export const WECHAT_API_BASE = 'https://api.weixin.qq.com';
const TIMEOUT_DEFAULT_MS = 10_000;
const TIMEOUT_MIN_MS = 100;
const TIMEOUT_MAX_MS = 120_000;

const nonEmpty = (what: string) => z.string({ error: `must be ${what}, ${GOT}` }).min(1, { error: `must not be empty (${what})` });

const httpUrl = (what: string) =>
  z.url({ protocol: /^https?$/, error: `must be an http(s) URL (${what}), ${GOT}` });

/** A template field key as written in the template: `msg` in {{msg.DATA}}, `thing1` in {{thing1.DATA}}. */
const templateKey = z
  .string({ error: `must be a template field key such as "thing1", ${GOT}` })
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/, { error: `must be a template field key such as "thing1" (without ".DATA"), ${GOT}` });

const openIdList = z
  .union([nonEmpty('an openid'), z.array(nonEmpty('an openid')).min(1, { error: 'must list at least one openid' })], {
    error: `must be an openid or a list of openids, ${GOT}`,
  })
  // One list from here on; a repeated openid would get the alert twice.
  .transform((value) => [...new Set(typeof value === 'string' ? [value] : value)]);

const timeout = durationField({ minMs: TIMEOUT_MIN_MS, maxMs: TIMEOUT_MAX_MS }).transform((valueMs) => valueMs ?? TIMEOUT_DEFAULT_MS);

export const wechatConfigSchema = z
  .strictObject({
    /** The account's AppID (开发者ID), 设置与开发 > 基本配置. */
    appId: nonEmpty('the AppID, e.g. "wx1234567890abcdef"'),
    /** The AppSecret (开发者密码); secret: never printed. */
    appSecret: nonEmpty('the AppSecret'),
    /** Template id from 模板消息 > 我的模板. */
    templateId: nonEmpty('the template id from 模板消息 > 我的模板'),
    /** Receivers: each one's openid for THIS account (they must follow it). */
    openIds: openIdList,
    /** Page opened when the message is tapped. */
    url: httpUrl('the page opened when the message is tapped').optional(),
    /**
     * Which template keys receive our fields. @default { msg: "msg", time: "time" } for the template
     * "服务器发生异常：异常情况：{{msg.DATA}} 发生时间：{{time.DATA}} 请关注！". Industry templates use keys such as
     * { msg: "thing1", time: "time2" }; `host` puts the host name in its own field instead of before the message.
     */
    fields: z
      .strictObject({
        msg: templateKey.default('msg'),
        time: templateKey.default('time'),
        host: templateKey.optional(),
      })
      .default({ msg: 'msg', time: 'time' }),
    /** Text colour of every field, "#RRGGBB" (ignored by newer WeChat clients). */
    color: z
      .string({ error: `must be a colour such as "#FF0000", ${GOT}` })
      .regex(/^#[0-9A-Fa-f]{6}$/, { error: `must be a colour such as "#FF0000", ${GOT}` })
      .optional(),
    /** API host; only tests and API proxies change it. @default "https://api.weixin.qq.com" */
    apiBase: httpUrl('the WeChat API host')
      .default(WECHAT_API_BASE)
      .transform((url) => url.replace(/\/+$/, '')),
    /**
     * "stable": POST /cgi-bin/stable_token (secret in the body, not the URL; tokens shared safely with other programs
     * using the same account). "classic": GET /cgi-bin/token (each fetch invalidates the token other programs hold).
     * @default "stable"
     */
    tokenEndpoint: z.enum(['stable', 'classic'], { error: `must be "stable" or "classic", ${GOT}` }).default('stable'),
    /** Per-request timeout. @default "10s" */
    timeout,
    /** Send through this proxy (http://, https:// or socks5://). @default direct */
    proxy: proxyField,
  })
  .transform(({ timeout: timeoutMs, ...rest }) => ({ ...rest, timeoutMs }));

export type WechatConfigInput = z.input<typeof wechatConfigSchema>;
export type WechatConfig = z.output<typeof wechatConfigSchema>;
