import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ConfigError } from '../../../src/config/config-error.js';
import { validateChannels } from '../../../src/config/channels.js';
import type { Notification } from '../../../src/notify/channel.js';
import { htmlBody, markdownBody, robotMarkdown, subjectOf, textBody } from '../../../src/notify/notification-text.js';
import { telegramText } from '../../../src/notify/telegram-channel.js';
import { ChannelTemplate, TemplateError } from '../../../src/notify/templates/channel-template.js';
import { TEMPLATE_FIELD_NAMES } from '../../../src/notify/templates/template-fields.js';
import { formatTimeInZone } from '../../../src/notify/templates/time-in-zone.js';
import { REPO_ROOT } from '../../config/temp-dirs.js';
import { sampleNotification } from '../sample-notification.js';
import { loadChannelSchemas } from '../../../src/notify/channel-catalogue.js';

// The catalogue loads channel schemas lazily (a monitor loads those its file names); these tests validate any.
await loadChannelSchemas();

const FILE = '/etc/srvmon/.srvmonrc.yml';
const DINGTALK = 'https://oapi.dingtalk.com/robot/send?access_token=t0k3n';

/** channels.<name> validated with this template, as the config loader does it. */
function configure(template: unknown, channel = 'dingtalk', fields: Record<string, unknown> = { webhook: DINGTALK }): ChannelTemplate {
  const channels = validateChannels({ [channel]: { ...fields, template } }, FILE) as Record<string, { template: ChannelTemplate }>;
  return channels[channel]!.template;
}

function configError(template: unknown, channel = 'dingtalk', fields: Record<string, unknown> = { webhook: DINGTALK }): ConfigError {
  try {
    validateChannels({ [channel]: { ...fields, template } }, FILE);
  } catch (error: unknown) {
    assert.ok(error instanceof ConfigError, String(error));
    assert.equal(error.exitCode, 78);
    return error;
  }
  assert.fail('expected a ConfigError');
}

function withTemplate(template: ChannelTemplate, overrides: Parameters<typeof sampleNotification>[0] = {}, locale: Notification['locale'] = 'en'): Notification {
  return { ...sampleNotification(overrides, locale), template };
}

test('an unknown field is a config error naming file, key, line and column, with a suggestion', () => {
  const error = configError({ subject: '{{ host }}', body: 'Alert on {{ host }}\n  over {{ treshold }}' });
  assert.equal(error.keyPath, 'channels.dingtalk.template.body');
  assert.equal(error.message, `${FILE}: channels.dingtalk.template.body: unknown field "treshold" (did you mean "threshold"?) at line 2, column 11`);
});

test('an unknown field on a branch the sample alert never takes is still found', () => {
  const error = configError({ subject: '{% if state == "escalated" %}{{ hots }}{% endif %}' });
  assert.equal(error.keyPath, 'channels.dingtalk.template.subject');
  assert.match(error.message, /unknown field "hots" \(did you mean "host"\?\) at line 1, column 33$/);
});

test('a name far from every field lists the fields', () => {
  assert.match(configError({ body: '{{ zzzzzz }}' }).message, /unknown field "zzzzzz"; the fields are: host, rule, ruleName, state, severity, value, threshold, duration, peak, evidence, time, dashboardUrl, message, test at line 1, column 4$/);
});

test('syntax errors, unknown filters and file tags are config errors with their position', () => {
  assert.match(configError({ body: 'a\nb {% iff state %}' }).message, /template\.body: tag "iff" not found at line 2, column 3$/);
  assert.match(configError({ body: '{{ host ' }).message, /template\.body: output "\{\{ host " not closed at line 1, column 1$/);
  assert.match(configError({ body: 'x\n{{ host | shout }}' }).message, /template\.body: undefined filter: shout at line 2, column 1$/);
  // No file system: a template cannot read files on the server.
  assert.match(configError({ body: '{% include "/etc/passwd" %}' }).message, /tag "include" not found at line 1, column 1$/);
  assert.match(configError({ body: '{% render "x" %}' }).message, /tag "render" not found/);
  // A loop that would hang the monitor is stopped by Liquid's limits when the config loads.
  assert.match(configError({ body: '{% for i in (1..100000000) %}{{ i }}{% endfor %}' }).message, /template\.body: memory alloc limit exceeded at line 1, column 1$/);
});

test('properties of fields: size only; indexing evidence is refused (it is often empty)', () => {
  configure({ body: '{{ host.size }} {{ evidence.size }} {% for line in evidence %}- {{ line }}{% endfor %} {{ evidence | join: ", " }}' });
  assert.match(configError({ body: '{{ host.name }}' }).message, /unknown field "host\.name" \(host is text\) at line 1, column 4$/);
  assert.match(configError({ body: '\n {{ evidence[0] }}' }).message, /unknown field "evidence\[0\]" \(evidence is a list of lines: loop over it .*\) at line 2, column 5$/);
  // A variable the template assigns itself is its own business.
  configure({ body: '{% assign label = rule | upcase %}{{ label }}' });
});

test('the section: timezone and dashboardUrl checked, at least one of subject and body, no other keys', () => {
  assert.equal(
    configError({ body: 'x', timezone: 'Asia/Shanghia' }).message,
    `${FILE}: channels.dingtalk.template.timezone must be an IANA time zone such as "Asia/Shanghai" or "UTC", got "Asia/Shanghia"`,
  );
  assert.match(configError({ body: 'x', dashboardUrl: 'grafana' }).message, /template\.dashboardUrl must be an http/);
  assert.match(configError({}).message, /channels\.dingtalk\.template must set subject, body or both/);
  assert.match(configError({ body: 'x', bdy: 'y' }).message, /channels\.dingtalk\.template\.bdy: unknown key \(did you mean "body"\?\)/);
});

test('a channel that sends data, not text, takes no template', () => {
  const error = configError({ body: 'x' }, 'webhook', { url: 'http://127.0.0.1:9/hook' });
  assert.equal(error.keyPath, 'channels.webhook.template');
  assert.match(error.message, /templates apply to mail, wecom, dingtalk, feishu, telegram, bark, pushplus, serverchan$/);
});

test('robot markdown: values are neutralised, the template text is markdown as written', () => {
  const template = configure({ subject: '{{ severity | upcase }} {{ ruleName }} on {{ host }}', body: '### {{ host }}\n**{{ value }}** > {{ threshold }}\n[open]({{ dashboardUrl | raw }})', dashboardUrl: 'https://grafana.example/d/a_b' });
  const n = { ...withTemplate(template, { message: 'x' }), host: 'web_*1*<b>' };
  const { title, text } = robotMarkdown(n);
  assert.equal(title, 'CRITICAL Disk /data on web_*1*<b>');
  assert.equal(text, '### web＿＊1＊＜b＞\n**96.2%** > 95%\n[open](https://grafana.example/d/a_b)');
});

test('WeCom markdown, mail HTML and plain text each escape for their target', () => {
  const template = configure({ body: '<b>{{ host }}</b> {{ message }}' }, 'mail', { host: '127.0.0.1', from: 'a@example.com', to: 'b@example.com' });
  const n = withTemplate(template, { message: 'a <script> & `code`' });
  assert.equal(textBody(n), '<b>web-1</b> a <script> & `code`\n');
  assert.match(htmlBody(n), /<div style="white-space:pre-wrap"><b>web-1<\/b> a &lt;script&gt; &amp; `code`<\/div>/);
  assert.equal(markdownBody(n), '<b>web-1</b> a ＜script＞ & ｀code｀');
  // Without a subject template the built-in subject stays, with its prefix.
  assert.equal(subjectOf(n, '[ops]'), '[ops] web-1: CRITICAL Disk /data firing');
});

test('Telegram: values HTML-escaped inside the template text, subject in bold', () => {
  const template = configure({ subject: '{{ host }} <i>{{ state }}</i>', body: '<code>{{ message }}</code>' }, 'telegram', { botToken: '1:abc', chatId: 1 });
  assert.equal(telegramText(withTemplate(template, { message: '1 < 2 & 3' })), '<b>web-1 <i>firing</i></b>\n\n<code>1 &lt; 2 &amp; 3</code>');
});

test('a subject is one line whatever the template or values say (mail header safety)', () => {
  const template = configure({ subject: '{{ host }}\nBcc: x@example.com' }, 'bark', { deviceKey: 'k' });
  assert.equal(subjectOf(withTemplate(template)), 'web-1 Bcc: x@example.com');
});

test('test alerts keep their mark and notice whatever the template says', () => {
  const template = configure({ subject: '{{ host }} {{ rule }}', body: '{% if test %}(test){% endif %} {{ message }}' }, 'bark', { deviceKey: 'k' });
  const n = withTemplate(template, { test: true, message: 'm' });
  assert.equal(subjectOf(n), '[TEST] web-1 disk:/data');
  assert.equal(textBody(n), '[TEST] This is a test alert sent by srvmon; no action is needed.\n\n(test) m\n');
  assert.match(robotMarkdown(withTemplate(configure({ body: 'b' }), { test: true }, 'zh-CN')).text, /^\*\*【测试】这是 srvmon 发送的测试告警，无需处理。\*\*\n\nb$/);
});

test('fields: duration, peak of resolved alerts, time in the configured zone, locale', () => {
  const template = configure({ body: '{{ state }} {{ duration }} peak={{ peak }} at {{ time }}; {{ ruleName }}', timezone: 'Asia/Shanghai' }, 'bark', { deviceKey: 'k' });
  const resolved = withTemplate(template, { state: 'resolved', peak: 98.14, value: 80 }, 'zh-CN');
  assert.equal(textBody(resolved), 'resolved 15分钟 peak=98.1% at 2026-01-01 16:00:00 UTC+08:00; 磁盘 /data\n');
  const firing = withTemplate(template, { sinceMs: Date.UTC(2026, 0, 1, 8, 0, 0) });
  assert.equal(textBody(firing), 'firing  peak= at 2026-01-01 16:00:00 UTC+08:00; Disk /data\n');
});

test('time in a zone: offsets, DST and UTC', () => {
  const t = Date.UTC(2026, 6, 1, 12, 0, 0);
  assert.equal(formatTimeInZone(t, 'UTC'), '2026-07-01 12:00:00 UTC+00:00');
  assert.equal(formatTimeInZone(t, 'Asia/Kolkata'), '2026-07-01 17:30:00 UTC+05:30');
  assert.equal(formatTimeInZone(t, 'America/New_York'), '2026-07-01 08:00:00 UTC-04:00');
  assert.equal(formatTimeInZone(Date.UTC(2026, 0, 1, 12, 0, 0), 'America/New_York'), '2026-01-01 07:00:00 UTC-05:00');
  // Midnight is 00, not 24.
  assert.equal(formatTimeInZone(Date.UTC(2026, 0, 1, 16, 0, 0), 'Asia/Shanghai'), '2026-01-02 00:00:00 UTC+08:00');
});

test('compile errors carry the part and position; a template that cannot render falls back to the built-in text', () => {
  assert.throws(
    () => ChannelTemplate.compile({ body: 'ok', subject: 'x {{ nope }}' }),
    (error: unknown) => error instanceof TemplateError && error.part === 'subject' && error.line === 1 && error.column === 6,
  );
  // Loops render; a render that throws (the render limit) leaves the built-in text: the notification still goes out.
  const slow = ChannelTemplate.compile({ body: '{% for i in (1..3) %}{{ i }}{% endfor %}' });
  const n = { ...sampleNotification(), template: slow };
  assert.equal(textBody(n), '123\n');
  const broken = { ...sampleNotification(), template: { has: () => true, render: () => { throw new Error('render limit'); } } as unknown as ChannelTemplate };
  assert.equal(textBody(broken), textBody(sampleNotification()));
});

test('the README documents every template field', () => {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('#### Templates'), readme.indexOf('## The dashboard'));
  for (const name of TEMPLATE_FIELD_NAMES) assert.ok(section.includes(`| \`${name}\` |`), name);
});
