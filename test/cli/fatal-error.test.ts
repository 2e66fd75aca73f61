// fatalLine: a bug is reported in one line, with where it was thrown, never as a stack trace.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fatalLine } from '../../src/cli/fatal-error.js';

test('an Error: name, message and the place it was thrown, on one line', () => {
  const line = fatalLine(new TypeError('x is not a function'));
  assert.match(line, /^internal error: TypeError: x is not a function \(at file:\/\/\S+fatal-error\.test\.js:\d+:\d+\)$/);
});

test('a multi-line or huge message stays one short line', () => {
  const line = fatalLine(new Error(`first\n    second\n${'y'.repeat(5000)}`));
  assert.doesNotMatch(line, /\n/);
  assert.ok(line.length < 500, `${line.length} chars`);
  assert.match(line, /^internal error: Error: first second y+\.\.\./);
});

test('a rejection with a non-Error value', () => {
  assert.equal(fatalLine('plain string'), 'internal error: plain string');
  assert.equal(fatalLine(undefined), 'internal error: undefined');
});

test('an error thrown inside node itself names the node: frame', () => {
  const error = new Error('write EIO');
  error.stack = 'Error: write EIO\n    at afterWriteDispatched (node:internal/stream_base_commons:161:15)\n    at writeGeneric (x)';
  assert.equal(fatalLine(error), 'internal error: Error: write EIO (at node:internal/stream_base_commons:161:15)');
});
