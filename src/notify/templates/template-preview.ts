// `srvmon check-config` shows every configured template rendered once with the sample alert, as the channel would
// send it (values escaped for the channel), so a user sees the result before the first real alert.
import type { Locale } from '../../types.js';
import type { TemplateTarget } from './template-engine.js';
import { sampleEvent, sampleNotificationFor } from './channel-template.js';
import { templateOf } from './with-template.js';

export interface TemplatePreview {
  channel: string;
  /** How the body's values were escaped. */
  target: TemplateTarget;
  subject?: string;
  body?: string;
}

/**
 * `channels` as validated (config.channels); `targetOf` says how each channel escapes (the catalogue's
 * templateTargetOf). The subject is a line, shown as plain text; the body as the channel escapes it.
 */
export function previewTemplates(
  channels: Record<string, unknown>,
  targetOf: (name: string) => TemplateTarget | undefined,
  host: string,
  locale: Locale,
): TemplatePreview[] {
  const previews: TemplatePreview[] = [];
  for (const [channel, config] of Object.entries(channels)) {
    const template = templateOf(config);
    const target = targetOf(channel);
    if (!template || !target) continue;
    const notification = sampleNotificationFor(sampleEvent({}, locale), host, locale);
    const subject = template.render(notification, 'subject', 'plain');
    const body = template.render(notification, 'body', target);
    previews.push({ channel, target, ...(subject !== undefined ? { subject } : {}), ...(body !== undefined ? { body } : {}) });
  }
  return previews;
}

/** As YAML comments after the effective config: `# channels.dingtalk.template, rendered with a sample alert ...`. */
export function previewText(previews: readonly TemplatePreview[]): string {
  return previews
    .map((preview) => {
      const lines = [`# channels.${preview.channel}.template, rendered with a sample alert (cpu 97.4%, critical; ${preview.target} escaping):`];
      if (preview.subject !== undefined) lines.push(`#   subject: ${preview.subject}`);
      if (preview.body !== undefined) lines.push('#   body:', ...preview.body.trimEnd().split('\n').map((line) => `#     ${line}`));
      return `${lines.join('\n')}\n`;
    })
    .join('');
}
