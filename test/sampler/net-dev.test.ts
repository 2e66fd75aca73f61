import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { netRatesBytesPerSec, parseNetDev } from '../../src/sampler/net-dev.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../../test/fixtures/proc/${name}`, import.meta.url), 'utf8');

test('parses rx/tx bytes per interface, skipping lo and the header', () => {
  const counters = parseNetDev(fixture('net-dev-t0'));
  assert.deepEqual([...counters.keys()], ['eth0', 'wlan0']);
  assert.deepEqual(counters.get('eth0'), { rxBytes: 7_000_000_000, txBytes: 300_000 });
});

test('parses the old format with no space after the colon', () => {
  assert.deepEqual(parseNetDev(fixture('net-dev-t1')).get('eth1'), { rxBytes: 123456789, txBytes: 42 });
});

test('rates in bytes per second over the real elapsed time', () => {
  const rates = netRatesBytesPerSec(parseNetDev(fixture('net-dev-t0')), parseNetDev(fixture('net-dev-t1')), 2000);
  assert.deepEqual(rates, {
    'netRx:eth0': 500_000,
    'netTx:eth0': 100_000,
    // wlan0 rx went down (driver reload): a gap, not a negative; its tx still has a rate.
    'netTx:wlan0': 200,
    // veth1 and eth1 are new: no baseline, no rate.
  });
});

test('no elapsed time gives no rates rather than Infinity', () => {
  const counters = parseNetDev(fixture('net-dev-t0'));
  assert.deepEqual(netRatesBytesPerSec(counters, counters, 0), {});
});

test('real /proc/net/dev copy parses', () => {
  assert.ok(parseNetDev(fixture('net/dev')).size >= 1);
});
