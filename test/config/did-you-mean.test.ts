import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closestMatch, unknownKeyDetail } from '../../src/config/did-you-mean.js';
import { formatKeyPath } from '../../src/config/key-path.js';
import { ConfigError } from '../../src/config/config-error.js';

const RULE_FIELDS = ['enabled', 'threshold', 'critical', 'window', 'clear', 'repeat'];

test('closestMatch suggests near typos only', () => {
  assert.equal(closestMatch('treshold', RULE_FIELDS), 'threshold');
  assert.equal(closestMatch('Threshold', RULE_FIELDS), 'threshold');
  assert.equal(closestMatch('windw', RULE_FIELDS), 'window');
  assert.equal(closestMatch('critcal', RULE_FIELDS), 'critical');
  assert.equal(closestMatch('colour', RULE_FIELDS), undefined);
  assert.equal(closestMatch('cpuu', ['cpu', 'memory']), 'cpu');
  // Short words tolerate one edit: "io" is not "cpu".
  assert.equal(closestMatch('io', ['cpu', 'swap']), undefined);
});

test('unknownKeyDetail lists the choices when nothing is close', () => {
  assert.equal(unknownKeyDetail('treshold', RULE_FIELDS), 'unknown key (did you mean "threshold"?)');
  assert.equal(unknownKeyDetail('slack', ['mail', 'wecom'], 'channel'), 'unknown channel; expected one of: mail, wecom');
});

test('key paths read like the file', () => {
  assert.equal(formatKeyPath(['rules', 'cpu', 'threshold']), 'rules.cpu.threshold');
  assert.equal(formatKeyPath(['rules', 'disk', 'mounts', '/data', 'window']), 'rules.disk.mounts["/data"].window');
  assert.equal(formatKeyPath(['channels', 'mail', 'to', 0]), 'channels.mail.to[0]');
  assert.equal(formatKeyPath(['channels', 'webhook', 'headers', 'X-Api-Key']), 'channels.webhook.headers.X-Api-Key');
  assert.equal(formatKeyPath([]), '');
});

test('ConfigError messages: "must" reads as a sentence, other details take a colon, flags replace the file', () => {
  assert.equal(new ConfigError('/f', 'a.b', 'must be 1, got 2').message, '/f: a.b must be 1, got 2');
  assert.equal(new ConfigError('/f', 'a.b', 'is required').message, '/f: a.b is required');
  assert.equal(new ConfigError('/f', 'a.b', 'unknown key').message, '/f: a.b: unknown key');
  assert.equal(new ConfigError('/f', '', 'invalid YAML at line 3: x').message, '/f: invalid YAML at line 3: x');
  assert.equal(new ConfigError(null, 'interval', 'must be 1s', { flag: '--interval' }).message, '--interval: must be 1s');
  assert.equal(new ConfigError(null, 'history', 'must be 1s').message, 'history must be 1s');
  const error = new ConfigError('/f', 'x', 'is required');
  assert.equal(error.exitCode, 78);
  assert.equal(error.name, 'ConfigError');
  assert.ok(error instanceof Error);
});
