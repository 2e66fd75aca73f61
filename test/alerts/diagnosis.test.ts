import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnose } from '../../src/alerts/diagnosis.js';

test('steal of 10% or more is named first: nothing inside the guest fixes it', () => {
  assert.equal(diagnose({ user: 40, system: 5, iowait: 30, steal: 10 }), 'steal');
  assert.equal(diagnose({ user: 40, system: 5, iowait: 0, steal: 9.9 }), undefined);
});

test('iowait of 20% or more, and at least the user time, is named', () => {
  assert.equal(diagnose({ user: 10, system: 5, iowait: 20, steal: 0 }), 'iowait');
  assert.equal(diagnose({ user: 60, system: 5, iowait: 25, steal: 0 }), undefined, 'user work dominates');
  assert.equal(diagnose({ user: 5, system: 5, iowait: 19.9, steal: 0 }), undefined);
});

test('kernel time of 30% or more, above the user time, is named', () => {
  assert.equal(diagnose({ user: 20, system: 30, iowait: 0, steal: 0 }), 'system');
  assert.equal(diagnose({ user: 30, system: 30, iowait: 0, steal: 0 }), undefined);
});

test('a CPU busy with user work gets no diagnosis: the top processes say it', () => {
  assert.equal(diagnose({ user: 95, system: 3, iowait: 0, steal: 0 }), undefined);
});
