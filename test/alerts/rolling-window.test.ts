import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RollingWindow } from '../../src/alerts/rolling-window.js';

test('average only once full, over the last size values', () => {
  const w = new RollingWindow(3);
  w.push(10);
  w.push(20);
  assert.equal(w.average(), undefined);
  w.push(30);
  assert.equal(w.average(), 20);
  w.push(90);
  assert.equal(w.average(), (20 + 30 + 90) / 3);
  w.gap();
  w.push(1);
  assert.equal(w.average(), undefined);
});
