// channels.<name>.template as the config file writes it: { subject, body, timezone, dashboardUrl }. Validated and
// compiled when the config loads, so that a bad template stops srvmon at start (exit 78) with the file, the key
// (channels.dingtalk.template.body) and the line and column in the template, instead of failing at 3 a.m.
import { z } from 'zod';
import { ConfigError } from '../../config/config-error.js';
import { formatKeyPath, type KeyPath } from '../../config/key-path.js';
import { GOT, parseOrThrow } from '../../config/zod-issues.js';
import { httpUrlField } from '../http-kit.js';
import { ChannelTemplate, TemplateError } from './channel-template.js';
import { isKnownTimeZone } from './time-in-zone.js';

/** Longest template part: a message template, not a document (Liquid's own parse limit is a little above). */
const TEMPLATE_MAX_CHARS = 10_000;

export const templateSectionSchema = z
  .strictObject({
    /** Subject / title line (mail subject, robot title, Bark title). @default the built-in subject */
    subject: z.string().min(1).max(TEMPLATE_MAX_CHARS).optional(),
    /** Message body. @default the built-in body */
    body: z.string().min(1).max(TEMPLATE_MAX_CHARS).optional(),
    /** IANA time zone of the `time` field. @default the server's time zone */
    timezone: z
      .string()
      .refine(isKnownTimeZone, { error: `must be an IANA time zone such as "Asia/Shanghai" or "UTC", ${GOT}` })
      .optional(),
    /** A link for the `dashboardUrl` field (Grafana, a status page...). */
    dashboardUrl: httpUrlField('a link for the dashboardUrl field').optional(),
  })
  .refine((section) => section.subject !== undefined || section.body !== undefined, { error: 'must set subject, body or both' });

/**
 * The checked template of channels.<name>, or a ConfigError: `channels.dingtalk.template.body: unknown field "hots"
 * (did you mean "host"?) at line 2, column 5`.
 */
export function compileTemplateSection(section: unknown, file: string | null, path: KeyPath): ChannelTemplate {
  const parsed = parseOrThrow(templateSectionSchema, section, { file, pathPrefix: path });
  try {
    return ChannelTemplate.compile(parsed);
  } catch (error: unknown) {
    if (error instanceof TemplateError) {
      throw new ConfigError(file, formatKeyPath([...path, error.part]), `${error.detail} at line ${error.line}, column ${error.column}`);
    }
    throw error;
  }
}

/** The error for a template on a channel that sends data, not text (webhook, alertmanager, wechat template messages). */
export function templateNotSupported(file: string | null, path: KeyPath, textChannels: readonly string[]): ConfigError {
  return new ConfigError(
    file,
    formatKeyPath(path),
    `this channel does not send a text a template could shape; templates apply to ${textChannels.join(', ')}`,
  );
}
