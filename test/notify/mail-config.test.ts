import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseOrThrow } from '../../src/config/zod-issues.js';
import { mailConfigSchema, parseMailAddress } from '../../src/notify/mail-config.js';

const parse = (input: Record<string, unknown>) =>
  parseOrThrow(mailConfigSchema, { from: 'a@example.com', to: 'b@example.com', ...input }, { file: '.srvmonrc', pathPrefix: ['channels', 'mail'] });
const messageOf = (input: Record<string, unknown>): string => {
  try {
    parse(input);
  } catch (e: unknown) {
    return e instanceof Error ? e.message : String(e);
  }
  assert.fail('expected a config error');
};

test('service shorthand fills host, port and secure, case-insensitively; written values win', () => {
  const qq = parse({ service: 'qq', user: 'x@qq.com', pass: 'code' });
  assert.deepEqual([qq.service, qq.host, qq.port, qq.secure, qq.requireTLS], ['QQ', 'smtp.qq.com', 465, true, false]);
  const qq587 = parse({ service: 'QQ', port: 587, user: 'x@qq.com', pass: 'code' });
  assert.deepEqual([qq587.host, qq587.port, qq587.secure, qq587.requireTLS], ['smtp.qq.com', 587, false, true]);
  assert.equal(parse({ service: 'Google Mail' }).host, 'smtp.gmail.com');
});

test('port and secure defaults, and when STARTTLS is required', () => {
  const plain = parse({ host: 'smtp.example.com' });
  assert.deepEqual([plain.port, plain.secure, plain.requireTLS], [587, false, true]);
  const implicit = parse({ host: 'smtp.example.com', secure: true });
  assert.deepEqual([implicit.port, implicit.secure, implicit.requireTLS], [465, true, false]);
  assert.equal(parse({ host: 'smtp.example.com', port: 465 }).secure, true);
  // An unauthenticated local relay may stay plaintext; the same relay with a password may not.
  assert.equal(parse({ host: 'localhost', port: 25 }).requireTLS, false);
  assert.equal(parse({ host: 'localhost', port: 25, user: 'u', pass: 'p' }).requireTLS, true);
});

test('addresses: display names, lists, and the resolved output', () => {
  const config = parse({ host: 'h', from: '监控程序 <x@qq.com>', to: 'a@example.com, "Doe, J" <j@example.org>', timeout: '3s' });
  assert.deepEqual(config.from, { name: '监控程序', address: 'x@qq.com' });
  assert.deepEqual(config.to, [
    { name: '', address: 'a@example.com' },
    { name: 'Doe, J', address: 'j@example.org' },
  ]);
  assert.equal(config.timeoutMs, 3000);
  assert.equal(config.subjectPrefix, '[srvmon]');
  assert.deepEqual(config.tls, { ca: undefined, rejectUnauthorized: true });
  assert.equal(parseMailAddress('no address here'), undefined);
});

test('tls.ca accepts PEM text or a file and refuses anything else', () => {
  const caPath = fileURLToPath(new URL('../../../test/fixtures/tls/ca.crt', import.meta.url));
  assert.ok(parse({ host: 'h', tls: { ca: caPath } }).tls.ca?.startsWith('-----BEGIN CERTIFICATE-----'));
  assert.equal(messageOf({ host: 'h', tls: { ca: '/nonexistent/ca.pem' } }), '.srvmonrc: channels.mail.tls.ca must be PEM text or a readable file (ENOENT), got "/nonexistent/ca.pem"');
  assert.equal(parse({ host: 'h', tls: { rejectUnauthorized: false } }).tls.rejectUnauthorized, false);
});

test('errors name the key and quote the value, never the password', () => {
  assert.equal(messageOf({}), '.srvmonrc: channels.mail.host is required unless service is set');
  assert.equal(messageOf({ host: 'h', user: 'u' }), '.srvmonrc: channels.mail.pass is required when user is set (give both, or neither for no AUTH)');
  assert.equal(messageOf({ host: 'h', from: 'nobody' }), '.srvmonrc: channels.mail.from must contain an email address, like "srvmon <alerts@example.com>", got "nobody"');
  assert.equal(messageOf({ host: 'h', timeout: '10' }), '.srvmonrc: channels.mail.timeout: a duration needs a unit, e.g. "500ms", "3s", "30m", "2h"; got "10"');
  assert.equal(messageOf({ host: 'h', port: 70000 }), '.srvmonrc: channels.mail.port must be at most 65535, got 70000');
  assert.equal(messageOf({ host: 'h', prot: 25 }), '.srvmonrc: channels.mail.prot: unknown key (did you mean "port"?)');
  assert.match(messageOf({ service: 'QQmail' }), /^\.srvmonrc: channels\.mail\.service is not a known mail service \(did you mean "QQ"\?\), got "QQmail"; known ones include QQ, QQex, 163, 126/);
  assert.equal(messageOf({ host: 'h', user: 'u', pass: 12345 }), '.srvmonrc: channels.mail.pass must be text (a string), got (redacted)');
  assert.equal(messageOf({ host: 'h', to: [] }), '.srvmonrc: channels.mail.to must list at least one item, got a list');
});
