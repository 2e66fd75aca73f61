import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { loadConfig, resolveConfig } from '../../src/config/load-config.js';
import { makeSandbox } from './temp-dirs.js';

const home = '/home/ann';
const env = { HOME: home };

test('no config at all gives the documented defaults', async () => {
  const box = makeSandbox();
  try {
    const loaded = await loadConfig({ cwd: box.project, env: box.env });
    assert.equal(loaded.filepath, null);
    assert.deepEqual(loaded.warnings, []);
    assert.deepEqual(loaded.raw, {});
    assert.deepEqual(loaded.config, {
      intervalMs: 1000,
      historyMs: 600_000,
      diskIntervalMs: 30_000,
      rollupMs: 86_400_000,
      locale: 'en',
      stateDir: path.join(box.home, '.local', 'state', 'srvmon'),
      control: { socket: path.join(box.home, '.local', 'state', 'srvmon', 'control.sock') },
      rules: {
        cpu: { enabled: true, threshold: 85, window: 3, clear: 80, repeatMs: 1_800_000 },
        memory: { enabled: true, threshold: 85, window: 1, clear: 80, repeatMs: 1_800_000 },
        swap: { enabled: false, threshold: 80, window: 1, clear: 75, repeatMs: 1_800_000 },
        load: { enabled: false, threshold: 2, window: 1, clear: 1.8, repeatMs: 1_800_000 },
        disk: { enabled: true, threshold: 90, critical: 95, window: 1, clear: 85, repeatMs: 1_800_000, mounts: {}, exclude: [] },
        iowait: { enabled: false, threshold: 30, window: 5, clear: 25, repeatMs: 1_800_000 },
        cpuCore: { enabled: false, threshold: 95, window: 10, clear: 90, repeatMs: 1_800_000 },
        netRx: { enabled: false, threshold: 100e6, window: 5, clear: 90e6, repeatMs: 1_800_000, interfaces: {}, exclude: ['lo'] },
        netTx: { enabled: false, threshold: 100e6, window: 5, clear: 90e6, repeatMs: 1_800_000, interfaces: {}, exclude: ['lo'] },
        diskio: { enabled: false, threshold: 90, window: 30, clear: 85, repeatMs: 1_800_000, mounts: {}, exclude: [] },
        temperature: { enabled: false, threshold: 85, window: 3, clear: 80, repeatMs: 1_800_000, sensors: {}, exclude: [] },
        diskfull: { enabled: false, threshold: 1 / 24, window: 1, clear: 0.8 / 24, repeatMs: 21_600_000, mounts: {}, exclude: [] },
        process: { enabled: false, threshold: 90, window: 60, clear: 85, repeatMs: 1_800_000, exclude: [] },
        processMemory: { enabled: false, threshold: 50, window: 60, clear: 45, repeatMs: 1_800_000, exclude: [] },
        running: { enabled: false, threshold: 0.9, window: 1, clear: 0.1, repeatMs: 1_800_000, names: [] },
        systemd: { enabled: false, threshold: 0.9, window: 1, clear: 0.1, repeatMs: 1_800_000, intervalMs: 60_000, exclude: [] },
        reboot: { enabled: false, threshold: 0.9, window: 1, clear: 0.1, repeatMs: 1_800_000 },
      },
      channels: {},
      quietHours: [],
      policies: {},
      prometheus: {},
    });
  } finally {
    box.cleanup();
  }
});

test('swap and load are enabled by writing their section', () => {
  const { rules } = resolveConfig({ rules: { swap: null, load: { threshold: 3 } } }, '/x/.srvmonrc', env).config;
  assert.equal(rules.swap.enabled, true);
  assert.equal(rules.load.enabled, true);
  assert.equal(rules.load.threshold, 3);
  assert.equal(rules.load.clear, 2.7);
});

test('a rule written as false is disabled; true enables it with defaults', () => {
  const { rules } = resolveConfig({ rules: { cpu: false, swap: true, load: { enabled: false } } }, '/x/.srvmonrc', env).config;
  assert.equal(rules.cpu.enabled, false);
  assert.equal(rules.cpu.threshold, 85);
  assert.equal(rules.swap.enabled, true);
  assert.equal(rules.load.enabled, false);
});

test('clear defaults to threshold - 5 (never below 0); an explicit clear is kept', () => {
  const { rules } = resolveConfig({ rules: { cpu: { threshold: 70 }, memory: { threshold: 3 }, disk: { clear: 60 } } }, '/x/.srvmonrc', env).config;
  assert.equal(rules.cpu.clear, 65);
  assert.equal(rules.memory.clear, 0);
  assert.equal(rules.disk.clear, 60);
});

test('a default critical level below the user threshold is dropped, not reported', () => {
  const { disk } = resolveConfig({ rules: { disk: { threshold: 96 } } }, '/x/.srvmonrc', env).config.rules;
  assert.equal(disk.critical, undefined);
  assert.equal(disk.threshold, 96);
});

test('disk mounts keep only what was written, with trailing slashes trimmed; exclude is kept', () => {
  const { disk } = resolveConfig(
    { rules: { disk: { mounts: { '/data/': { threshold: 95, repeat: '1h' }, '/boot': false }, exclude: ['/snap', '/run/'] } } },
    '/x/.srvmonrc',
    env,
  ).config.rules;
  assert.deepEqual(disk.mounts, { '/data': { threshold: 95, repeatMs: 3_600_000 }, '/boot': { enabled: false } });
  assert.deepEqual(disk.exclude, ['/snap', '/run']);
});

test('file values override defaults; command-line values override the file', () => {
  const raw = { interval: '2s', stateDir: 'state' };
  const fromFile = resolveConfig(raw, '/etc/srvmon/.srvmonrc', env).config;
  assert.equal(fromFile.intervalMs, 2000);
  assert.equal(fromFile.stateDir, '/etc/srvmon/state');

  const withFlags = resolveConfig(raw, '/etc/srvmon/.srvmonrc', env, { intervalMs: 500, stateDir: 'here' }, { cwd: '/srv/run' }).config;
  assert.equal(withFlags.intervalMs, 500);
  assert.equal(withFlags.stateDir, '/srv/run/here');
});

test('loadConfig passes cli values through and resolves a relative --state-dir against cwd', async () => {
  const box = makeSandbox();
  try {
    box.write('home/project/.srvmonrc', 'interval: 3s\n');
    const loaded = await loadConfig({ cwd: box.project, env: box.env, cli: { intervalMs: 250, stateDir: 'st' } });
    assert.equal(loaded.config.intervalMs, 250);
    assert.equal(loaded.config.stateDir, path.join(box.project, 'st'));
  } finally {
    box.cleanup();
  }
});

test('stateDir: "~" expands to home, XDG_STATE_HOME sets the default', () => {
  assert.equal(resolveConfig({ stateDir: '~/mon' }, '/x/.srvmonrc', env).config.stateDir, '/home/ann/mon');
  assert.equal(resolveConfig({ stateDir: '/abs' }, '/x/.srvmonrc', env).config.stateDir, '/abs');
  assert.equal(resolveConfig({}, null, { HOME: home, XDG_STATE_HOME: '/var/xdg' }).config.stateDir, '/var/xdg/srvmon');
  // The XDG spec says a relative value is invalid and must be ignored.
  assert.equal(resolveConfig({}, null, { HOME: home, XDG_STATE_HOME: 'rel' }).config.stateDir, '/home/ann/.local/state/srvmon');
});

test('locale: file aliases are normalised; without it the environment decides', () => {
  const locale = (raw: object, e: NodeJS.ProcessEnv = env) => resolveConfig(raw, '/x/.srvmonrc', e).config.locale;
  assert.equal(locale({ locale: 'zh' }), 'zh-CN');
  assert.equal(locale({ locale: 'zh_CN' }), 'zh-CN');
  assert.equal(locale({ locale: 'zh-cn' }), 'zh-CN');
  assert.equal(locale({ locale: 'en_US' }), 'en');
  assert.equal(locale({ locale: 'en-GB' }), 'en');
  assert.equal(locale({}, { LANG: 'zh_CN.UTF-8' }), 'zh-CN');
  assert.equal(locale({}, { LANG: 'de_DE.UTF-8' }), 'en');
  assert.equal(locale({}, { LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' }), 'en');
  assert.equal(locale({}, { LC_MESSAGES: 'zh_TW', LANG: 'C' }), 'zh-CN');
  assert.equal(locale({ locale: 'en' }, { LANG: 'zh_CN.UTF-8' }), 'en');
});

test('prometheus.listen is normalised to host:port, loopback by default', () => {
  const listen = (value: unknown) => resolveConfig({ prometheus: { listen: value } }, '/x/.srvmonrc', env).config.prometheus.listen;
  assert.equal(listen(':9105'), '127.0.0.1:9105');
  assert.equal(listen('9105'), '127.0.0.1:9105');
  assert.equal(listen(9105), '127.0.0.1:9105');
  assert.equal(listen('0.0.0.0:9100'), '0.0.0.0:9100');
  assert.equal(listen('[::1]:9105'), '[::1]:9105');
  assert.equal(listen('localhost:80'), 'localhost:80');
  assert.deepEqual(resolveConfig({ prometheus: null }, '/x/.srvmonrc', env).config.prometheus, {});
});

test('empty sections (children commented out) count as not written', () => {
  const loaded = resolveConfig({ rules: null, channels: null, prometheus: null, interval: null }, '/x/.srvmonrc', env);
  assert.equal(loaded.config.intervalMs, 1000);
  assert.deepEqual(loaded.config.channels, {});
});

test('durations are read into milliseconds', () => {
  const config = resolveConfig({ interval: '500ms', history: '1h', diskInterval: '1m', rules: { cpu: { repeat: '2h' } } }, '/x/.srvmonrc', env).config;
  assert.equal(config.intervalMs, 500);
  assert.equal(config.historyMs, 3_600_000);
  assert.equal(config.diskIntervalMs, 60_000);
  assert.equal(config.rules.cpu.repeatMs, 7_200_000);
});
