import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findLiteralSecrets, substituteEnv } from '../../src/config/env-subst.js';
import { resolveConfig } from '../../src/config/load-config.js';
import { ConfigError } from '../../src/config/config-error.js';

const file = '/etc/x/.srvmonrc';

test('replaces ${NAME} anywhere in string values, deeply', () => {
  const out = substituteEnv(
    { a: '${A}', b: ['x-${B}-y', 3], c: { d: 'Bearer ${TOKEN}', e: true } },
    { A: 'one', B: 'two', TOKEN: 't0k' },
    { file },
  );
  assert.deepEqual(out, { a: 'one', b: ['x-two-y', 3], c: { d: 'Bearer t0k', e: true } });
});

test('$${NAME} is a literal ${NAME}; other dollars are left alone', () => {
  const out = substituteEnv({ a: '$${HOME} $HOME ${not-a-name} $5' }, { HOME: '/root' }, { file });
  assert.deepEqual(out, { a: '${HOME} $HOME ${not-a-name} $5' });
});

test('an empty variable is set: it substitutes the empty string', () => {
  assert.deepEqual(substituteEnv({ a: '<${E}>' }, { E: '' }, { file }), { a: '<>' });
});

test('an unset variable is an error naming the key path and the variable', () => {
  assert.throws(
    () => substituteEnv({ channels: { mail: { pass: '${SMTP_PASS}' } } }, {}, { file }),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.equal(error.message, '/etc/x/.srvmonrc: channels.mail.pass: environment variable SMTP_PASS is not set');
      assert.equal(error.keyPath, 'channels.mail.pass');
      assert.equal(error.exitCode, 78);
      return true;
    },
  );
});

test('substitution happens before validation, and raw holds the substituted values', () => {
  const loaded = resolveConfig({ interval: '${IVAL}', rules: { cpu: { repeat: '${R}' } } }, file, { IVAL: '2s', R: '1h' });
  assert.equal(loaded.config.intervalMs, 2000);
  assert.equal(loaded.config.rules.cpu.repeatMs, 3_600_000);
  assert.equal(loaded.raw.interval, '2s');
});

test('a disabled channel keeps its references unresolved, so its variables need not be set', () => {
  const loaded = resolveConfig({ channels: { mail: { enabled: false, pass: '${SMTP_PASS}' }, wecom: false } }, file, {});
  assert.deepEqual(loaded.config.channels, {});
  assert.deepEqual(loaded.raw.channels, { mail: { enabled: false, pass: '${SMTP_PASS}' }, wecom: false });
});

test('findLiteralSecrets lists secrets written in the file, not those from ${ENV}', () => {
  const paths = findLiteralSecrets({
    channels: {
      mail: { user: 'me@qq.com', pass: 'hunter2' },
      wechat: { appSecret: '${WECHAT_APP_SECRET}' },
      wecom: { key: '' },
      webhook: { url: 'https://x', headers: { Authorization: 'Bearer abc', 'X-From-Env': '${H}' } },
      other: { token: '$${LITERAL}' },
    },
  });
  assert.deepEqual(paths, ['channels.mail.pass', 'channels.webhook.headers.Authorization', 'channels.other.token']);
});
