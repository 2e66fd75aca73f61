// channels.alertmanager as a user writes it: defaults, and the one-line errors for what they get wrong.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseOrThrow } from '../../src/config/zod-issues.js';
import { alertmanagerConfigSchema } from '../../src/notify/alertmanager-config.js';

const parse = (input: Record<string, unknown>) =>
  parseOrThrow(alertmanagerConfigSchema, input, { file: '.srvmonrc', pathPrefix: ['channels', 'alertmanager'] });

test('only url is required; resendInterval defaults to 1m, timeout to the channel default', () => {
  assert.deepEqual(parse({ url: 'http://127.0.0.1:9093' }), { url: 'http://127.0.0.1:9093', resendIntervalMs: 60_000, timeoutMs: undefined });
});

test('durations, basic auth and bearer token are read', () => {
  assert.deepEqual(parse({ url: 'https://am.example.com/am', resendInterval: '30s', timeout: '5s', basicAuth: { username: 'srvmon', password: 'pw-secret-1' } }), {
    url: 'https://am.example.com/am',
    basicAuth: { username: 'srvmon', password: 'pw-secret-1' },
    resendIntervalMs: 30_000,
    timeoutMs: 5000,
  });
  assert.equal(parse({ url: 'http://am:9093', bearerToken: 'tok-secret-2' }).bearerToken, 'tok-secret-2');
});

test('a missing url', () => {
  assert.throws(() => parse({}), { message: '.srvmonrc: channels.alertmanager.url is required' });
});

test('a url that is not http(s)', () => {
  assert.throws(() => parse({ url: 'am:9093' }), /channels\.alertmanager\.url must be an http:\/\/ or https:\/\/ URL .*got "am:9093"/);
});

test('an unknown key, with a suggestion', () => {
  assert.throws(() => parse({ url: 'http://am:9093', resendIntervall: '1m' }), /channels\.alertmanager\.resendIntervall: unknown key.*resendInterval/);
  assert.throws(() => parse({ url: 'http://am:9093', basicAuth: { user: 'a', password: 'b' } }), /channels\.alertmanager\.basicAuth\.user: unknown key/);
});

test('basicAuth needs a password, and the password is never echoed', () => {
  assert.throws(() => parse({ url: 'http://am:9093', basicAuth: { username: 'srvmon' } }), {
    message: '.srvmonrc: channels.alertmanager.basicAuth.password is required',
  });
  assert.throws(
    () => parse({ url: 'http://am:9093', basicAuth: { username: 'srvmon', password: 42 } }),
    (error: Error) => error.message.includes('channels.alertmanager.basicAuth.password') && !error.message.includes('42'),
  );
});

test('basicAuth and bearerToken together are refused', () => {
  assert.throws(() => parse({ url: 'http://am:9093', basicAuth: { username: 'a', password: 'b-secret' }, bearerToken: 'tok-secret-3' }), (error: Error) => {
    assert.equal(error.message, '.srvmonrc: channels.alertmanager.bearerToken must not be set together with basicAuth (choose one), got (redacted)');
    assert.doesNotMatch(error.message, /tok-secret-3/);
    return true;
  });
});

test('resendInterval needs a unit and a sane range', () => {
  assert.throws(() => parse({ url: 'http://am:9093', resendInterval: 60 }), /channels\.alertmanager\.resendInterval.*a duration needs a unit.*got 60/);
  assert.throws(() => parse({ url: 'http://am:9093', resendInterval: '100ms' }), /resendInterval must be from 1s to 1h, got "100ms"/);
  assert.throws(() => parse({ url: 'http://am:9093', resendInterval: '2h' }), /resendInterval must be from 1s to 1h, got "2h"/);
});
