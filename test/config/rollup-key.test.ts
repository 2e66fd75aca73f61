import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig } from '../../src/config/load-config.js';
import { ConfigError } from '../../src/config/config-error.js';

const env = { HOME: '/home/ann' };

test('rollup: a duration from 1h to 24h, false for none, 24h by default', () => {
  assert.equal(resolveConfig({}, '/x/.srvmonrc', env).config.rollupMs, 86_400_000);
  assert.equal(resolveConfig({ rollup: '6h' }, '/x/.srvmonrc', env).config.rollupMs, 6 * 3_600_000);
  assert.equal(resolveConfig({ rollup: false }, '/x/.srvmonrc', env).config.rollupMs, null);
});

test('rollup out of range or not a duration is a config error naming the key', () => {
  for (const [value, says] of [['30m', /from 1h to 1d or false/], ['2d', /from 1h to 1d or false/], [true, /or false/], [5, /needs a unit/]] as const) {
    assert.throws(
      () => resolveConfig({ rollup: value }, '/x/.srvmonrc', env),
      (error: unknown) => error instanceof ConfigError && /rollup/.test(error.message) && says.test(error.message),
      String(value),
    );
  }
});
