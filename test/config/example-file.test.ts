import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/config/load-config.js';
import { RULE_KINDS } from '../../src/catalogue/rule-kinds.js';
import { knownKeysAt } from '../../src/config/zod-issues.js';
import { fileSchema } from '../../src/config/schema.js';
import { CHANNEL_NAMES } from '../../src/notify/channel-catalogue.js';
import { makeSandbox, REPO_ROOT } from './temp-dirs.js';

const example = readFileSync(path.join(REPO_ROOT, '.srvmonrc.example'), 'utf8');

test('.srvmonrc.example, copied to .srvmonrc as shipped, loads without error or warning', async () => {
  const box = makeSandbox();
  try {
    const file = box.write('home/project/.srvmonrc', example, 0o644);
    const loaded = await loadConfig({ cwd: box.project, env: box.env });
    assert.equal(loaded.filepath, file);
    assert.deepEqual(loaded.warnings, []);
    assert.equal(loaded.config.intervalMs, 1000);
    assert.deepEqual(loaded.config.channels, {});
  } finally {
    box.cleanup();
  }
});

/** Uncomments the channel sketches: "  # mail:" headers and "  #   field" lines in the channels section. */
function withChannelsUncommented(text: string): string {
  const start = text.indexOf('\nchannels:');
  const end = text.indexOf('\n# Prometheus');
  const section = text
    .slice(start, end)
    .replace(/^ {2}# ([a-z]+:)\s*$/gm, '  $1')
    .replace(/^ {2}# {3}/gm, '    ');
  return text.slice(0, start) + section + text.slice(end);
}

test('the channel sketches of the example load when uncommented', async () => {
  const box = makeSandbox();
  try {
    box.write('home/project/.srvmonrc', withChannelsUncommented(example));
    const env = { ...box.env, SMTP_PASS: 'p', WECHAT_APP_SECRET: 's', WECOM_KEY: 'k', WEBHOOK_TOKEN: 't', AM_TOKEN: 'a', DINGTALK_TOKEN: 'd', DINGTALK_SECRET: 'SECd', FEISHU_TOKEN: 'f0e1d2c3', FEISHU_SECRET: 'fs', TELEGRAM_BOT_TOKEN: '1:abc', BARK_DEVICE_KEY: 'bk', PUSHPLUS_TOKEN: 'pp', SERVERCHAN_SENDKEY: 'SCTx' };
    const loaded = await loadConfig({ cwd: box.project, env });
    assert.deepEqual(Object.keys(loaded.config.channels).sort(), ['alertmanager', 'bark', 'dingtalk', 'feishu', 'mail', 'pushplus', 'serverchan', 'telegram', 'webhook', 'wechat', 'wecom']);
    assert.deepEqual(loaded.config.channels.webhook, { url: 'https://hooks.example.com/srvmon', headers: { Authorization: 'Bearer t' }, timeoutMs: 10000 });
  } finally {
    box.cleanup();
  }
});

test('the example documents every key of the schema and every channel', () => {
  const documented = (key: string) => new RegExp(`^\\s*(#\\s*)?"?${key.replace('/', '\\/')}"?:`, 'm').test(example);
  for (const key of knownKeysAt(fileSchema, [])) assert.ok(documented(key), `top-level ${key}`);
  for (const kind of RULE_KINDS) assert.ok(documented(kind), `rule ${kind}`);
  for (const key of knownKeysAt(fileSchema, ['rules', 'disk'])) assert.ok(example.includes(`${key}:`), `rule field ${key}`);
  for (const name of CHANNEL_NAMES) assert.ok(documented(name), `channel ${name}`);
  assert.ok(documented('listen'));
});
