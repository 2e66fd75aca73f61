import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDurationMs, parseDurationMs } from '../../src/config/duration.js';

test('parses durations with a unit', () => {
  assert.equal(parseDurationMs('500ms'), 500);
  assert.equal(parseDurationMs('3s'), 3000);
  assert.equal(parseDurationMs('1.5s'), 1500);
  assert.equal(parseDurationMs('30m'), 1_800_000);
  assert.equal(parseDurationMs('2h'), 7_200_000);
  assert.equal(parseDurationMs('1d'), 86_400_000);
  assert.equal(parseDurationMs('10 minutes'), 600_000);
  assert.equal(parseDurationMs(' 2H '), 7_200_000);
});

test('parses combined durations, as formatDurationMs writes them', () => {
  assert.equal(parseDurationMs('1h30m'), 5_400_000);
  assert.equal(parseDurationMs('1m 30s'), 90_000);
  assert.equal(parseDurationMs('1s500ms'), 1500);
});

test('refuses a bare number, naming the accepted forms', () => {
  assert.throws(() => parseDurationMs('30'), {
    message: 'a duration needs a unit, e.g. "500ms", "3s", "30m", "2h"; got "30"',
  });
  assert.throws(() => parseDurationMs('5.5'), /needs a unit/);
});

test('refuses text that is not a duration', () => {
  for (const text of ['', 'soon', '5x', '-3s', 's', '3 s s', '1h30']) {
    assert.throws(() => parseDurationMs(text), /duration/, text);
  }
});

test('formats durations compactly and losslessly', () => {
  assert.equal(formatDurationMs(0), '0s');
  assert.equal(formatDurationMs(500), '500ms');
  assert.equal(formatDurationMs(1000), '1s');
  assert.equal(formatDurationMs(90_000), '1m30s');
  assert.equal(formatDurationMs(1_800_000), '30m');
  assert.equal(formatDurationMs(5_400_000), '1h30m');
  assert.equal(formatDurationMs(86_400_000 + 1500), '1d1s500ms');
  for (const valueMs of [1, 999, 1001, 61_000, 3_600_000, 123_456_789]) {
    assert.equal(parseDurationMs(formatDurationMs(valueMs)), valueMs);
  }
});
