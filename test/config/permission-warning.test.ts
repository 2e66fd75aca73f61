import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../src/config/load-config.js';
import { makeSandbox } from './temp-dirs.js';

const SECRETS = 'channels:\n  mail:\n    host: smtp.qq.com\n    user: x@qq.com\n    pass: hunter2\n    from: x@qq.com\n    to: y@qq.com\n  wecom:\n    key: abc123\n';

async function warningsFor(text: string, mode: number, env: NodeJS.ProcessEnv = {}): Promise<{ warnings: string[]; file: string }> {
  const box = makeSandbox();
  try {
    const file = box.write('home/project/.srvmonrc', text, mode);
    const loaded = await loadConfig({ cwd: box.project, env: { ...box.env, ...env } });
    return { warnings: loaded.warnings, file };
  } finally {
    box.cleanup();
  }
}

test('literal secrets in a file others can read give exactly one warning, like ssh', async () => {
  const { warnings, file } = await warningsFor(SECRETS, 0o644);
  assert.deepEqual(warnings, [
    `warning: ${file} holds secrets (channels.mail.pass, channels.wecom.key) and is readable by others; run: chmod 600 ${file}`,
  ]);
});

test('group-readable counts too', async () => {
  assert.equal((await warningsFor(SECRETS, 0o640)).warnings.length, 1);
});

test('no warning for a private file', async () => {
  assert.deepEqual((await warningsFor(SECRETS, 0o600)).warnings, []);
});

test('no warning when secrets come from the environment', async () => {
  const text = 'channels:\n  mail:\n    host: smtp.qq.com\n    user: x@qq.com\n    pass: ${SMTP_PASS}\n    from: x@qq.com\n    to: y@qq.com\n';
  assert.deepEqual((await warningsFor(text, 0o644, { SMTP_PASS: 'x' })).warnings, []);
});

test('no warning for a readable file without secrets', async () => {
  assert.deepEqual((await warningsFor('interval: 2s\n', 0o644)).warnings, []);
});
