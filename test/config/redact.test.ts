import { test } from 'node:test';
import assert from 'node:assert/strict';
import { redactSecrets, redactString, redactText } from '../../src/config/redact.js';

test('redactSecrets replaces secret keys deeply and leaves the input untouched', () => {
  const input = {
    mail: { host: 'smtp.qq.com', user: 'me@qq.com', pass: 'hunter2', password: 'p', to: ['a@b.c'] },
    wechat: { appId: 'wx1', appSecret: 's3cret', secret: 'x', token: 't', bearerToken: 'b', apiKey: 'k' },
    wecom: { key: 'abc-123' },
    webhook: { url: 'https://u:pw@hooks.example.com/x?key=abc&keep=1', headers: { Authorization: 'Bearer t', 'X-Trace': 'on' } },
    nested: [{ token: 'inside-list' }],
    empty: { pass: '' },
    port: 465,
  };
  const copy = JSON.parse(JSON.stringify(input)) as typeof input;
  assert.deepEqual(redactSecrets(input), {
    mail: { host: 'smtp.qq.com', user: 'me@qq.com', pass: '***', password: '***', to: ['a@b.c'] },
    wechat: { appId: 'wx1', appSecret: '***', secret: '***', token: '***', bearerToken: '***', apiKey: '***' },
    wecom: { key: '***' },
    webhook: { url: 'https://***@hooks.example.com/x?key=***&keep=1', headers: { Authorization: '***', 'X-Trace': '***' } },
    nested: [{ token: '***' }],
    empty: { pass: '' },
    port: 465,
  });
  assert.deepEqual(input, copy);
});

test('redactString hides URL credentials and token parameters', () => {
  assert.equal(redactString('smtp://user:pw@smtp.qq.com:465'), 'smtp://***@smtp.qq.com:465');
  assert.equal(redactString('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx'), 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=***');
  assert.equal(
    redactString('POST https://api.weixin.qq.com/cgi-bin/message/template/send?access_token=ACCESS&x=1 failed'),
    'POST https://api.weixin.qq.com/cgi-bin/message/template/send?access_token=***&x=1 failed',
  );
  assert.equal(redactString('/x?a=1&token=zzz'), '/x?a=1&token=***');
  assert.equal(redactString('monkey=1&donkey=2'), 'monkey=1&donkey=2');
  assert.equal(redactString('plain text'), 'plain text');
});

test('redactText replaces given secrets anywhere in free text', () => {
  assert.equal(
    redactText('535 Login fail for me@qq.com with hunter2hunter2 (hunter2)', ['hunter2', 'hunter2hunter2']),
    '535 Login fail for me@qq.com with *** (***)',
  );
  assert.equal(redactText('error at https://u:p@h/?key=k1', []), 'error at https://***@h/?key=***');
  // Tiny strings would shred ordinary words; they are skipped.
  assert.equal(redactText('a b', ['a', '']), 'a b');
});
