import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkConfigBounds, MAX_CONFIG_DEPTH, MAX_CONFIG_VALUES } from '../../src/config/config-bounds.js';
import { ConfigError } from '../../src/config/config-error.js';
import { resolveConfig } from '../../src/config/load-config.js';

const file = '/etc/x/.srvmonrc';

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error: unknown) {
    assert.ok(error instanceof ConfigError, `not a ConfigError: ${String(error)}`);
    assert.equal(error.exitCode, 78);
    return error;
  }
  assert.fail('no error');
}

function nested(levels: number): unknown {
  let node: unknown = [];
  for (let i = 1; i < levels; i++) node = [node];
  return node;
}

/** What a YAML alias bomb parses to: each level holds `width` references to the one below. */
function bomb(levels: number, width = 9): unknown {
  let node: unknown = Array.from({ length: width }, () => 'lol');
  for (let i = 1; i < levels; i++) node = Array.from({ length: width }, () => node);
  return node;
}

test('a real config passes', () => {
  checkConfigBounds({ interval: '1s', rules: { disk: { mounts: { '/data': { threshold: 95 } }, exclude: ['/snap'] } } }, file);
});

test(`nesting deeper than ${MAX_CONFIG_DEPTH} levels is a ConfigError naming the start of the key path`, () => {
  checkConfigBounds({ rules: nested(MAX_CONFIG_DEPTH - 1) }, file); // root + 99 levels: exactly the limit
  const error = errorOf(() => checkConfigBounds({ rules: { cpu: nested(MAX_CONFIG_DEPTH) } }, file));
  assert.equal(error.message, `/etc/x/.srvmonrc: rules.cpu[0][0]… is nested more than ${MAX_CONFIG_DEPTH} levels deep`);
});

test('nesting far too deep (a JSON file of 100,000 brackets) is refused without overflowing the stack', () => {
  const error = errorOf(() => resolveConfig({ channels: nested(100_000) }, file, {}));
  assert.match(error.message, /channels\[0\]\[0\]\[0\]… is nested more than 100 levels deep$/);
});

test('a shared node that is shallow where first seen but too deep where reused is refused', () => {
  const shared = nested(60);
  let deep: unknown = shared;
  for (let i = 0; i < 50; i++) deep = [deep];
  checkConfigBounds({ a: shared, b: nested(90) }, file);
  const error = errorOf(() => checkConfigBounds({ a: shared, b: deep }, file));
  assert.match(error.message, /b\[0\]\[0\]\[0\]… is nested more than 100 levels deep$/);
});

test('a cycle (possible in a JS config) is refused as too deep', () => {
  const loop: Record<string, unknown> = {};
  loop.self = loop;
  assert.match(errorOf(() => checkConfigBounds({ loop }, file)).message, /loop\.self\.self\.self… is nested more than/);
});

test(`an alias bomb is refused at once, naming the first key that expands past ${MAX_CONFIG_VALUES} values`, () => {
  // a: 9 strings, b: 9 × a, ... i: 9 × h, as in the classic nine-line file: 9^9 strings under i.
  const levels: Record<string, unknown> = {};
  'abcdefghi'.split('').forEach((key, index) => (levels[key] = bomb(index + 1)));
  const startedMs = performance.now();
  const error = errorOf(() => resolveConfig(levels, file, {}));
  assert.ok(performance.now() - startedMs < 1000, `took ${performance.now() - startedMs} ms`);
  // f holds 9^6 = 531,441 strings; e only 59,049.
  assert.equal(error.message, `/etc/x/.srvmonrc: f: holds more than ${MAX_CONFIG_VALUES} values once YAML aliases are expanded`);
});

test('many values spread over keys that are each small still count together', () => {
  const wide = bomb(4, 10); // 11,111 values
  const error = errorOf(() => checkConfigBounds(Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, wide])), file));
  assert.equal(error.keyPath, '');
  assert.equal(error.message, `/etc/x/.srvmonrc: holds more than ${MAX_CONFIG_VALUES} values once YAML aliases are expanded`);
});
