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

test('$${NAME} is a literal ${NAME} and $$NAME a literal $NAME; other dollars are left alone', () => {
  const warnings: string[] = [];
  const out = substituteEnv({ a: '$${HOME} $$HOME $5 $ a$$ $-x' }, { HOME: '/root' }, { file, warn: (w) => warnings.push(w) });
  assert.deepEqual(out, { a: '${HOME} $HOME $5 $ a$$ $-x' });
  assert.deepEqual(warnings, []);
});

function configErrorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error: unknown) {
    assert.ok(error instanceof ConfigError, `not a ConfigError: ${String(error)}`);
    assert.equal(error.exitCode, 78);
    return error;
  }
  assert.fail('no error');
}

test('an unterminated ${ is an error naming the key and the position, not a literal password', () => {
  const error = configErrorOf(() => substituteEnv({ channels: { mail: { pass: 'x${SMTP_PASS' } } }, { SMTP_PASS: 's3cret' }, { file }));
  assert.equal(error.message, '/etc/x/.srvmonrc: channels.mail.pass: "${" at character 2 is not closed by "}"; write "$${" for a literal "${"');
  assert.equal(error.keyPath, 'channels.mail.pass');
});

test('${ followed by something that is not a variable name is an error', () => {
  for (const text of ['${SMTP-PASS}', '${}', '${1X}', '${A:-default}']) {
    const error = configErrorOf(() => substituteEnv({ channels: { webhook: { url: text } } }, {}, { file }));
    assert.match(error.message, /^\/etc\/x\/\.srvmonrc: channels\.webhook\.url: "\$\{" at character 1 must be followed by a variable name/, text);
  }
});

test('a bare $NAME in a secret is an error that does not echo the value; $$ keeps it literal', () => {
  const error = configErrorOf(() => substituteEnv({ channels: { mail: { pass: 'pa$word' } } }, {}, { file }));
  assert.equal(
    error.message,
    '/etc/x/.srvmonrc: channels.mail.pass: "$" followed by a name at character 3 looks like an environment variable: write "${NAME}" to read one, or "$$" for a literal "$"',
  );
  assert.doesNotMatch(error.message, /word/);
  const headers = configErrorOf(() => substituteEnv({ channels: { webhook: { headers: { Authorization: 'Bearer $TOKEN' } } } }, {}, { file }));
  assert.equal(headers.keyPath, 'channels.webhook.headers.Authorization');
  assert.deepEqual(substituteEnv({ channels: { mail: { pass: 'pa$$word' } } }, {}, { file }), { channels: { mail: { pass: 'pa$word' } } });
});

test('a bare $NAME outside secrets is kept, with one warning naming file, key, position and the fix', () => {
  const warnings: string[] = [];
  const out = substituteEnv({ channels: { mail: { from: 'srvmon on $HOST' } } }, { HOST: 'web1' }, { file, warn: (w) => warnings.push(w) });
  assert.deepEqual(out, { channels: { mail: { from: 'srvmon on $HOST' } } });
  assert.deepEqual(warnings, [
    'warning: /etc/x/.srvmonrc: channels.mail.from: "$HOST" at character 11 is kept as written; write "${HOST}" to read the environment variable, or "$$HOST" to keep it without this warning',
  ]);
});

test('nodes shared by YAML aliases are substituted once and stay shared (no exponential copy)', () => {
  // Each level holds 9 references to the level below: 9^7 strings if copied, 7 distinct arrays.
  let level: unknown = Array.from({ length: 9 }, () => 'x-${A}');
  for (let depth = 0; depth < 6; depth++) level = Array.from({ length: 9 }, () => level);
  const startedMs = performance.now();
  const out = substituteEnv({ bomb: level }, { A: 'a' }, { file }) as { bomb: unknown[][] };
  assert.ok(performance.now() - startedMs < 1000, `took ${performance.now() - startedMs} ms`);
  assert.equal(out.bomb[0], out.bomb[8], 'the copy shares what the original shared');
  let leaf: unknown = out.bomb;
  while (Array.isArray(leaf)) leaf = leaf[0];
  assert.equal(leaf, 'x-a');
});

test('a node shared between a secret and a plain key is judged in each place', () => {
  const shared = { value: 'ab$CD' };
  const warnings: string[] = [];
  const error = configErrorOf(() => substituteEnv({ a: shared, token: shared }, {}, { file, warn: (w) => warnings.push(w) }));
  assert.equal(error.keyPath, 'token.value');
  assert.equal(warnings.length, 1, 'the plain use warns');
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
