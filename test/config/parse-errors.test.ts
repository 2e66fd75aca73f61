import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../src/config/load-config.js';
import { locateJsonError } from '../../src/config/json-error.js';
import { makeSandbox } from './temp-dirs.js';

async function loadMessage(name: string, text: string): Promise<string> {
  const box = makeSandbox();
  try {
    const file = box.write(`home/project/${name}`, text);
    await assert.rejects(loadConfig({ cwd: box.project, env: box.env }), (error: unknown) => {
      assert.ok(error instanceof Error);
      assert.ok(!error.message.includes('\n'), `one line: ${error.message}`);
      assert.ok(error.message.startsWith(`${file}: `), error.message);
      return true;
    });
    try {
      await loadConfig({ cwd: box.project, env: box.env });
    } catch (error: unknown) {
      return (error as Error).message.slice(file.length + 2);
    }
    return '';
  } finally {
    box.cleanup();
  }
}

test('invalid YAML names the line and the reason, without a code frame', async () => {
  assert.equal(await loadMessage('.srvmonrc', 'interval: 1s\nrules:\n  cpu: [1,\n'), 'invalid YAML at line 4: unexpected end of the stream within a flow collection');
  assert.equal(await loadMessage('.srvmonrc.yaml', 'interval: 1s\nhistory: 1m\n  bad: indent\n'), 'invalid YAML at line 3: bad indentation of a mapping entry');
  assert.equal(await loadMessage('.srvmonrc.yml', 'a: 1\na: 2\n'), 'invalid YAML at line 2: duplicated mapping key');
});

test('invalid JSON names the line and the reason', async () => {
  assert.equal(await loadMessage('.srvmonrc.json', '{\n  "interval": "1s",\n  "history": ,\n}\n'), 'invalid JSON at line 3: unexpected ",", expected a value');
  assert.equal(await loadMessage('.srvmonrc.json', '{\n  "interval": "1s",\n}\n'), 'invalid JSON at line 3: trailing comma before "}"');
  assert.equal(await loadMessage('package.json', '{\n  "name": "x"\n  "srvmon": {}\n}\n'), 'invalid JSON at line 3: unexpected "\\"", expected "," or "}"');
});

test('locateJsonError finds the first problem', () => {
  assert.equal(locateJsonError('{"a": 1}'), undefined);
  assert.equal(locateJsonError(''), undefined);
  assert.deepEqual(locateJsonError('{\n"a": 1,\n"b": [1, 2,]\n}'), { line: 3, reason: 'trailing comma before "]"' });
  assert.deepEqual(locateJsonError("{\n'a': 1}"), { line: 2, reason: 'unexpected "\'", expected a key in double quotes' });
  assert.deepEqual(locateJsonError('{"a":\n"unterminated\n}'), { line: 2, reason: 'unterminated string' });
  assert.deepEqual(locateJsonError('{"a": 1}\n{"b": 2}'), { line: 2, reason: 'unexpected "{" after the end of the data' });
  assert.deepEqual(locateJsonError('{\n// note\n"a": 1}'), { line: 2, reason: 'comments are not allowed in JSON' });
  assert.deepEqual(locateJsonError('{"a": tru}'), { line: 1, reason: 'unexpected "tru", expected a value' });
  assert.deepEqual(locateJsonError('{"a": 1'), { line: 1, reason: 'unexpected end of file, expected "," or "}"' });
});
