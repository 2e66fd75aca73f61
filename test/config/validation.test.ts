import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { resolveConfig } from '../../src/config/load-config.js';
import { ConfigError } from '../../src/config/config-error.js';

const file = '/tmp/x/.srvmonrc';
const env = { HOME: '/home/ann' };

/** The exact message resolveConfig throws for raw, or fails the test. */
function messageFor(raw: unknown, cli = {}, filepath: string | null = file, registry?: Record<string, z.ZodType>): string {
  try {
    resolveConfig(raw, filepath, env, cli, registry ? { channelRegistry: registry } : {});
  } catch (error: unknown) {
    assert.ok(error instanceof ConfigError, `not a ConfigError: ${String(error)}`);
    assert.equal(error.exitCode, 78);
    assert.ok(!error.message.includes('\n'), 'one line');
    return error.message;
  }
  assert.fail(`no error for ${JSON.stringify(raw)}`);
}

test('ConfigError carries file and key path', () => {
  try {
    resolveConfig({ rules: { cpu: { threshold: 120 } } }, file, env);
    assert.fail('no error');
  } catch (error: unknown) {
    assert.ok(error instanceof ConfigError);
    assert.equal(error.file, file);
    assert.equal(error.keyPath, 'rules.cpu.threshold');
    assert.equal(error.message, '/tmp/x/.srvmonrc: rules.cpu.threshold must be a number from 0 to 100, got 120');
  }
});

test('percent thresholds are 0-100', () => {
  assert.equal(messageFor({ rules: { memory: { threshold: -1 } } }), `${file}: rules.memory.threshold must be a number from 0 to 100, got -1`);
  assert.equal(messageFor({ rules: { disk: { critical: 101 } } }), `${file}: rules.disk.critical must be a number from 0 to 100, got 101`);
  assert.equal(messageFor({ rules: { swap: { threshold: 'high' } } }), `${file}: rules.swap.threshold must be a number from 0 to 100, got "high"`);
});

test('load threshold must be above 0', () => {
  assert.equal(messageFor({ rules: { load: { threshold: 0 } } }), `${file}: rules.load.threshold must be a number above 0 (load1 per core), got 0`);
});

test('critical must be above threshold, clear below it', () => {
  assert.equal(messageFor({ rules: { cpu: { threshold: 80, critical: 80 } } }), `${file}: rules.cpu.critical must be above threshold (80), got 80`);
  assert.equal(messageFor({ rules: { disk: { critical: 85 } } }), `${file}: rules.disk.critical must be above threshold (90), got 85`);
  assert.equal(messageFor({ rules: { cpu: { clear: 85 } } }), `${file}: rules.cpu.clear must be below threshold (85), got 85`);
  assert.equal(messageFor({ rules: { load: { threshold: 1, clear: 1.5 } } }), `${file}: rules.load.clear must be below threshold (1), got 1.5`);
  assert.equal(messageFor({ rules: { load: { clear: -1 } } }), `${file}: rules.load.clear must be a number from 0 up, got -1`);
});

test('the same checks apply to disk mounts, against the merged values', () => {
  assert.equal(
    messageFor({ rules: { disk: { mounts: { '/data': { critical: 90 } } } } }),
    `${file}: rules.disk.mounts["/data"].critical must be above threshold (90), got 90`,
  );
  assert.equal(
    messageFor({ rules: { disk: { mounts: { '/data': { threshold: 50, clear: 60 } } } } }),
    `${file}: rules.disk.mounts["/data"].clear must be below threshold (50), got 60`,
  );
  assert.equal(messageFor({ rules: { disk: { mounts: { data: {} } } } }), `${file}: rules.disk.mounts.data: a mountpoint must start with "/", e.g. "/data"`);
  assert.equal(messageFor({ rules: { disk: { mounts: { '/a': {}, '/a/': {} } } } }), `${file}: rules.disk.mounts["/a/"]: "/a" is listed twice`);
  assert.equal(messageFor({ rules: { disk: { exclude: ['snap'] } } }), `${file}: rules.disk.exclude[0] must start with "/", got "snap"`);
  assert.equal(
    messageFor({ rules: { disk: { exclude: '/snap' } } }),
    `${file}: rules.disk.exclude must be a list of mountpoint prefixes, e.g. ["/snap", "/run"], got "/snap"`,
  );
});

test('window is a whole number >= 1 and must fit in history', () => {
  assert.equal(messageFor({ rules: { cpu: { window: 0 } } }), `${file}: rules.cpu.window must be a whole number of samples, at least 1, got 0`);
  assert.equal(messageFor({ rules: { cpu: { window: 1.5 } } }), `${file}: rules.cpu.window must be a whole number of samples, at least 1, got 1.5`);
  assert.equal(messageFor({ rules: { cpu: { window: 601 } } }), `${file}: rules.cpu.window must be at most 600 (history 10m / interval 1s), got 601`);
  assert.equal(
    messageFor({ rules: { disk: { mounts: { '/d': { window: 20 } } } }, history: '10s' }),
    `${file}: rules.disk.mounts["/d"].window must be at most 10 (history 10s / interval 1s), got 20`,
  );
  // A default window that does not fit blames the setting the user wrote.
  assert.equal(messageFor({ history: '2s' }), `${file}: history must be at least 3s (rules.cpu.window 3 × interval 1s), got "2s"`);
  assert.equal(messageFor({ interval: '5m' }), `${file}: interval must be at most 3m20s (history 10m / rules.cpu.window 3), got "5m"`);
  // A disabled rule's window is not checked.
  assert.doesNotThrow(() => resolveConfig({ history: '2s', rules: { cpu: false } }, file, env));
});

test('history must hold at least one interval and at most 100000 samples', () => {
  assert.equal(messageFor({ interval: '2s', history: '1s' }), `${file}: history must be at least interval (2s), got "1s"`);
  assert.equal(messageFor({ interval: '100ms', history: '1d' }), `${file}: history must be at most 2h46m40s (100000 samples at interval 100ms), got "1d"`);
  assert.doesNotThrow(() => resolveConfig({ interval: '100ms', history: '2h46m40s' }, file, env));
});

test('durations need a unit and stay in range', () => {
  assert.equal(messageFor({ interval: 5 }), `${file}: interval: a duration needs a unit, e.g. "500ms", "3s", "30m", "2h"; got 5`);
  assert.equal(messageFor({ history: '30' }), `${file}: history: a duration needs a unit, e.g. "500ms", "3s", "30m", "2h"; got "30"`);
  assert.equal(messageFor({ diskInterval: 'often' }), `${file}: diskInterval: not a duration, e.g. "500ms", "3s", "30m", "2h"; got "often"`);
  assert.equal(messageFor({ interval: '50ms' }), `${file}: interval must be from 100ms to 1h, got "50ms"`);
  assert.equal(messageFor({ interval: '2h' }), `${file}: interval must be from 100ms to 1h, got "2h"`);
  assert.equal(messageFor({ rules: { cpu: { repeat: 60 } } }), `${file}: rules.cpu.repeat: a duration needs a unit, e.g. "500ms", "3s", "30m", "2h"; got 60`);
});

test('values from flags are reported as the flag, not as the file', () => {
  assert.equal(messageFor({}, { intervalMs: 50 }, null), '--interval: must be from 100ms to 1h, got 50ms');
  assert.equal(messageFor({}, { intervalMs: 300_000 }, null), '--interval: must be at most 3m20s (history 10m / rules.cpu.window 3), got 5m');
  assert.equal(messageFor({ history: '1m' }, { intervalMs: 120_000 }), `${file}: history must be at least interval (2m), got "1m"`);
  assert.equal(messageFor({}, { stateDir: ' ' }, null), '--state-dir: must not be empty');
});

test('wrong types name the expected type and quote the value', () => {
  assert.equal(messageFor({ rules: { cpu: { enabled: 'yes' } } }), `${file}: rules.cpu.enabled must be true or false, got "yes"`);
  assert.equal(messageFor({ rules: { cpu: 'on' } }), `${file}: rules.cpu must be a rule section or false, got "on"`);
  assert.equal(messageFor({ rules: [] }), `${file}: rules must be a section of rules, got a list`);
  assert.equal(messageFor({ stateDir: 7 }), `${file}: stateDir must be a directory path, got 7`);
  assert.equal(messageFor({ locale: 'fr' }), `${file}: locale must be "en" or "zh-CN" (also zh, zh_CN, en_US...), got "fr"`);
  assert.equal(messageFor({ prometheus: { listen: 'host:port' } }), `${file}: prometheus.listen must be host:port, e.g. "127.0.0.1:9105", ":9105", "[::1]:9105" or 9105, got "host:port"`);
  assert.equal(messageFor({ prometheus: { listen: ':70000' } }), `${file}: prometheus.listen must have a port from 1 to 65535, got ":70000"`);
  assert.equal(messageFor(['a']), `${file}: must hold key: value pairs (a YAML or JSON object), got a list`);
  assert.equal(messageFor('interval: 1s'), `${file}: must hold key: value pairs (a YAML or JSON object), got "interval: 1s"`);
});

test('unknown keys suggest the closest known key', () => {
  assert.equal(messageFor({ rules: { cpu: { treshold: 90 } } }), `${file}: rules.cpu.treshold: unknown key (did you mean "threshold"?)`);
  assert.equal(messageFor({ intervall: '1s' }), `${file}: intervall: unknown key (did you mean "interval"?)`);
  assert.equal(messageFor({ Locale: 'en' }), `${file}: Locale: unknown key (did you mean "locale"?)`);
  assert.equal(messageFor({ rules: { cpuu: {} } }), `${file}: rules.cpuu: unknown rule (did you mean "cpu"?)`);
  assert.equal(messageFor({ rules: { network: {} } }), `${file}: rules.network: unknown rule; expected one of: cpu, memory, swap, load, disk, iowait, cpuCore, netRx, netTx, diskio, temperature, diskfull, process, processMemory, running, systemd, reboot`);
  assert.equal(messageFor({ rules: { disk: { mount: {} } } }), `${file}: rules.disk.mount: unknown key (did you mean "mounts"?)`);
  assert.equal(messageFor({ prometheus: { listn: ':1' } }), `${file}: prometheus.listn: unknown key (did you mean "listen"?)`);
  // A typo is reported before the errors it causes elsewhere.
  assert.equal(messageFor({ rules: { cpu: { threshold: 200, windw: 2 } } }), `${file}: rules.cpu.windw: unknown key (did you mean "window"?)`);
});

test('unknown channels are errors with a suggestion', () => {
  assert.equal(messageFor({ channels: { mial: {} } }), `${file}: channels.mial: unknown channel (did you mean "mail"?)`);
  assert.equal(
    messageFor({ channels: { slack: {} } }),
    `${file}: channels.slack: unknown channel; expected one of: mail, wechat, wecom, webhook, alertmanager, dingtalk, feishu, telegram, bark, pushplus, serverchan`,
  );
  assert.equal(messageFor({ channels: { mail: 'on' } }), `${file}: channels.mail must be a channel section or false, got "on"`);
  assert.equal(messageFor({ channels: { mail: { enabled: 'no' } } }), `${file}: channels.mail.enabled must be true or false, got "no"`);
});

const strictRegistry = {
  mail: z.strictObject({
    host: z.string(),
    port: z.number().int().min(1).max(65535).optional(),
    pass: z.string().optional(),
    to: z.array(z.email()).min(1).optional(),
  }),
};

test("a channel's own schema errors get the same formatting", () => {
  const m = (mail: unknown) => messageFor({ channels: { mail } }, {}, file, strictRegistry);
  assert.equal(m({}), `${file}: channels.mail.host is required`);
  assert.equal(m(null), `${file}: channels.mail.host is required`);
  assert.equal(m({ host: 'h', prot: 465 }), `${file}: channels.mail.prot: unknown key (did you mean "port"?)`);
  assert.equal(m({ host: 'h', port: 'abc' }), `${file}: channels.mail.port must be a number, got "abc"`);
  assert.equal(m({ host: 'h', port: 70000 }), `${file}: channels.mail.port must be at most 65535, got 70000`);
  assert.equal(m({ host: 'h', to: [] }), `${file}: channels.mail.to must list at least one item, got a list`);
  assert.equal(m({ host: 'h', to: ['nope'] }), `${file}: channels.mail.to[0] must be an email address, got "nope"`);
});

test('enabled is stripped before the channel schema; enabled channels are returned parsed', () => {
  const loaded = resolveConfig({ channels: { mail: { enabled: true, host: 'smtp.qq.com', port: 465 } } }, file, env, {}, { channelRegistry: strictRegistry });
  assert.deepEqual(loaded.config.channels, { mail: { host: 'smtp.qq.com', port: 465 } });
  const off = resolveConfig({ channels: { mail: { enabled: false, bogus: 1 } } }, file, env, {}, { channelRegistry: strictRegistry });
  assert.deepEqual(off.config.channels, {});
});

test('secret values are never printed in errors', () => {
  const registry = {
    webhook: z.strictObject({ url: z.url(), headers: z.record(z.string(), z.string()).optional() }),
    mail: z.strictObject({ host: z.string(), pass: z.string().min(12) }),
  };
  const m = (channels: unknown) => messageFor({ channels }, {}, file, registry);
  assert.equal(m({ mail: { host: 'h', pass: 'hunter2' } }), `${file}: channels.mail.pass must be at least 12 characters, got (redacted)`);
  assert.equal(m({ mail: { host: 'h', pass: 12345 } }), `${file}: channels.mail.pass must be text (a string), got (redacted)`);
  assert.equal(m({ webhook: { url: 'x', headers: { Authorization: 5 } } }).includes('5'), false);
  assert.equal(m({ webhook: { url: 'not a url?token=abc' } }), `${file}: channels.webhook.url must be a URL, got "not a url?token=***"`);
});

test('without a file, messages have no file prefix', () => {
  assert.equal(messageFor({}, { intervalMs: Number.NaN }, null), '--interval: must be from 100ms to 1h, got NaN');
});
