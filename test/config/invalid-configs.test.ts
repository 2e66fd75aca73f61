// Every file in test/fixtures/invalid-configs/ must fail to load with a one-line ConfigError (exit code 78) whose
// message names the file and contains the substrings listed for it in expected.json (key path and bad value).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/config/load-config.js';
import { ConfigError } from '../../src/config/config-error.js';
import { makeSandbox, REPO_ROOT } from './temp-dirs.js';

const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'invalid-configs');
const expected = JSON.parse(readFileSync(path.join(FIXTURES, 'expected.json'), 'utf8')) as Record<string, string[]>;
const fixtures = readdirSync(FIXTURES).filter((name) => name !== 'expected.json').sort();

test('every fixture has expectations and every expectation a fixture', () => {
  assert.deepEqual(fixtures, Object.keys(expected).sort());
});

for (const name of fixtures) {
  test(`invalid config ${name}`, async () => {
    const box = makeSandbox();
    try {
      const file = path.join(FIXTURES, name);
      await assert.rejects(loadConfig({ configPath: file, cwd: box.project, env: box.env }), (error: unknown) => {
        assert.ok(error instanceof ConfigError, `not a ConfigError: ${String(error)}`);
        assert.equal(error.exitCode, 78);
        assert.equal(error.file, file);
        assert.ok(error.message.startsWith(`${file}: `), error.message);
        assert.ok(!error.message.includes('\n'), `one line: ${error.message}`);
        for (const part of expected[name] ?? []) assert.ok(error.message.includes(part), `${JSON.stringify(part)} not in: ${error.message}`);
        return true;
      });
    } finally {
      box.cleanup();
    }
  });
}
