import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ErrorLatch } from '../../src/sampler/error-latch.js';

test('reports a failing metric once per episode, again after it recovered', () => {
  const latch = new ErrorLatch();
  const boom = new Error('boom');
  assert.deepEqual(latch.update({ cpu: boom }), [['cpu', boom]]);
  assert.deepEqual(latch.update({ cpu: boom }), []);
  assert.deepEqual(latch.update({ cpu: boom, memory: boom }), [['memory', boom]]);
  assert.deepEqual(latch.update({}), []);
  assert.deepEqual(latch.update({ cpu: boom }), [['cpu', boom]]);
});
