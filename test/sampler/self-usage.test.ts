import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SelfUsageMeter, selfCpuPct } from '../../src/sampler/self-usage.js';

test('% of one core over the interval', () => {
  // 50 ms of CPU (user + system) in 1 s = 5 %.
  assert.equal(selfCpuPct({ user: 0, system: 0 }, { user: 30_000, system: 20_000 }, 1000), 5);
});

test('no elapsed time or a counter going back gives no value', () => {
  assert.equal(selfCpuPct({ user: 0, system: 0 }, { user: 1, system: 0 }, 0), undefined);
  assert.equal(selfCpuPct({ user: 10, system: 0 }, { user: 0, system: 0 }, 1000), undefined);
});

test('the meter reports rss every time and cpu from the second read on', () => {
  let nowMs = 0;
  const meter = new SelfUsageMeter(() => nowMs);
  const first = meter.read();
  assert.ok(first['self:rssBytes']! > 0);
  assert.equal(first['self:cpu'], undefined);
  nowMs = 1000;
  const second = meter.read();
  assert.ok(second['self:cpu']! >= 0);
});
