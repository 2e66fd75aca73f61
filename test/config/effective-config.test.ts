import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig } from '../../src/config/load-config.js';
import { toFileShape } from '../../src/config/effective-config.js';
import { loadChannelSchemas } from '../../src/notify/channel-catalogue.js';

// resolveConfig is called directly here, without loadConfig, which loads the schemas of the channels a file names.
await loadChannelSchemas();

const file = '/etc/srvmon/.srvmonrc';
const env = { HOME: '/home/ann', SMTP_PASS: 'hunter2' };

const raw = {
  interval: '2s',
  history: '1h30m',
  rules: {
    cpu: { threshold: 80, critical: 90 },
    load: { threshold: 1.5 },
    disk: { mounts: { '/data': { threshold: 95, clear: 92 }, '/boot': false }, exclude: ['/snap'] },
  },
  channels: { mail: { host: 'smtp.qq.com', user: 'x@qq.com', pass: '${SMTP_PASS}', from: 'x@qq.com', to: 'y@qq.com' }, wecom: false },
  prometheus: { listen: ':9105' },
};

test('the effective config has the file shape, durations as text, secrets redacted', () => {
  const { config } = resolveConfig(raw, file, env);
  const written = (resolveConfig(raw, file, env).raw as { channels: Record<string, unknown> }).channels;
  assert.deepEqual(toFileShape(config, {}, written), {
    interval: '2s',
    history: '1h30m',
    diskInterval: '30s',
    rollup: '1d',
    locale: 'en',
    stateDir: '/home/ann/.local/state/srvmon',
    rules: {
      cpu: { enabled: true, threshold: 80, critical: 90, window: 3, clear: 75, repeat: '30m' },
      memory: { enabled: true, threshold: 85, window: 1, clear: 80, repeat: '30m' },
      swap: { enabled: false, threshold: 80, window: 1, clear: 75, repeat: '30m' },
      load: { enabled: true, threshold: 1.5, window: 1, clear: 1.35, repeat: '30m' },
      disk: {
        enabled: true,
        threshold: 90,
        critical: 95,
        window: 1,
        clear: 85,
        repeat: '30m',
        mounts: { '/data': { threshold: 95, clear: 92 }, '/boot': { enabled: false } },
        exclude: ['/snap'],
      },
      iowait: { enabled: false, threshold: 30, window: 5, clear: 25, repeat: '30m' },
      cpuCore: { enabled: false, threshold: 95, window: 10, clear: 90, repeat: '30m' },
      netRx: { enabled: false, threshold: 100e6, window: 5, clear: 90e6, repeat: '30m', interfaces: {}, exclude: ['lo'] },
      netTx: { enabled: false, threshold: 100e6, window: 5, clear: 90e6, repeat: '30m', interfaces: {}, exclude: ['lo'] },
      diskio: { enabled: false, threshold: 90, window: 30, clear: 85, repeat: '30m', mounts: {}, exclude: [] },
      temperature: { enabled: false, threshold: 85, window: 3, clear: 80, repeat: '30m', sensors: {}, exclude: [] },
      diskfull: { enabled: false, threshold: '1d', window: 1, clear: '1d6h', repeat: '6h', mounts: {}, exclude: [] },
      process: { enabled: false, threshold: 90, window: 60, clear: 85, repeat: '30m', exclude: [] },
      processMemory: { enabled: false, threshold: 50, window: 60, clear: 45, repeat: '30m', exclude: [] },
      running: { enabled: false, threshold: 0.9, window: 1, clear: 0.1, repeat: '30m', names: [] },
      systemd: { enabled: false, threshold: 0.9, window: 1, clear: 0.1, repeat: '30m', interval: '1m', exclude: [] },
      reboot: { enabled: false, threshold: 0.9, window: 1, clear: 0.1, repeat: '30m' },
    },
    channels: { mail: { host: 'smtp.qq.com', user: 'x@qq.com', pass: '***', from: 'x@qq.com', to: 'y@qq.com' } },
    prometheus: { listen: '127.0.0.1:9105' },
  });
});

test('runtime overrides are applied like the engine does: the clear gap is kept, a passed critical dropped', () => {
  const { config } = resolveConfig(raw, file, env);
  const shape = toFileShape(config, { cpu: 92, disk: 80, 'disk:/data': 97, 'disk:/var': 70 }) as {
    rules: Record<string, Record<string, unknown>>;
  };
  assert.deepEqual(shape.rules.cpu, { enabled: true, threshold: 92, window: 3, clear: 87, repeat: '30m' });
  assert.deepEqual(shape.rules.disk?.mounts, {
    '/data': { threshold: 97, clear: 94 },
    '/boot': { enabled: false },
    '/var': { threshold: 70 },
  });
  assert.equal(shape.rules.disk?.threshold, 80);
  assert.equal(shape.rules.disk?.clear, 75);
  assert.equal(shape.rules.disk?.critical, 95);
});

test('without overrides the file shape reads back as the same config', () => {
  const { config } = resolveConfig({ ...raw, channels: {} }, file, env);
  const again = resolveConfig(toFileShape(config, {}, { mail: raw.channels.mail }), file, env).config;
  assert.deepEqual(again, config);
});

test('diskfull levels are shown as the horizons the file writes, and read back as the same rule', () => {
  const withHorizons = { ...raw, channels: {}, rules: { ...raw.rules, diskfull: { threshold: '12h', critical: '2h', mounts: { '/data': { threshold: '6h' } } } } };
  const { config } = resolveConfig(withHorizons, file, env);
  const shape = toFileShape(config, {}, {}) as { rules: { diskfull: Record<string, unknown> } };
  assert.deepEqual([shape.rules.diskfull.threshold, shape.rules.diskfull.critical, shape.rules.diskfull.clear], ['12h', '2h', '15h']);
  assert.deepEqual(shape.rules.diskfull.mounts, { '/data': { threshold: '6h' } });
  assert.deepEqual(resolveConfig(toFileShape(config, {}, {}), file, env).config.rules.diskfull, config.rules.diskfull);
});
