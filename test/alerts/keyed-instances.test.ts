// Per-instance sections and exclude lists work the same for every keyed kind that takes them (disk's mounts,
// netRx/netTx's interfaces, diskio's mounts): one code path, checked here on the network kinds.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RuleSet } from '../../src/alerts/rule-set.js';
import { resolveConfig } from '../../src/config/load-config.js';
import { toFileShape } from '../../src/config/effective-config.js';

const env = { HOME: '/home/ann' };
const configOf = (rules: Record<string, unknown>) => resolveConfig({ rules }, '/x/.srvmonrc', env).config;

test('netRx thresholds take units; interfaces get their own sections; lo is excluded by default, "veth*" by prefix', () => {
  const config = configOf({ netRx: { threshold: '100Mbit', interfaces: { eth1: { threshold: '20MB/s' }, wg0: false }, exclude: ['lo', 'veth*'] } });
  assert.equal(config.rules.netRx.threshold, 12_500_000);
  assert.deepEqual(config.rules.netRx.interfaces, { eth1: { threshold: 20_000_000 }, wg0: { enabled: false } });
  const set = new RuleSet(config.rules);
  const rules = set.rulesFor(['netRx:eth0', 'netRx:eth1', 'netRx:wg0', 'netRx:lo', 'netRx:veth12ab', 'netTx:eth0']);
  const netRules = rules.filter((r) => r.kind === 'netRx');
  assert.deepEqual(netRules.map((r) => [r.id, r.metric, r.threshold]), [
    ['netRx:eth0', 'netRx:eth0', 12_500_000],
    ['netRx:eth1', 'netRx:eth1', 20_000_000],
  ]);
  // Default clear: 90% of the threshold; an interface with its own threshold keeps the kind's gap.
  assert.equal(netRules[0]!.clear, 11_250_000);
  assert.equal(netRules[1]!.clear, 20_000_000 - 1_250_000);
  // netTx is off: no rule for its keys.
  assert.ok(!rules.some((r) => r.kind === 'netTx'));
});

test('without an exclude list, loopback is left out; a written list replaces the default', () => {
  assert.deepEqual(configOf({ netTx: true }).rules.netTx.exclude, ['lo']);
  const set = new RuleSet(configOf({ netTx: { exclude: [] } }).rules);
  assert.ok(set.keyedRule('netTx', 'lo'));
});

test('an interface override wins over the kind\'s, and both show in the effective config', () => {
  const config = configOf({ netRx: { threshold: '10MB/s' } });
  const set = new RuleSet(config.rules, { netRx: 5e6, 'netRx:eth0': 7e6 });
  assert.equal(set.keyedRule('netRx', 'eth0')?.threshold, 7e6);
  assert.equal(set.keyedRule('netRx', 'eth1')?.threshold, 5e6);
  const shape = toFileShape(config, { 'netRx:eth0': 7e6 }) as { rules: { netRx: { interfaces: Record<string, unknown>; exclude: string[] } } };
  assert.deepEqual(shape.rules.netRx.interfaces, { eth0: { threshold: 7e6 } });
  assert.deepEqual(shape.rules.netRx.exclude, ['lo']);
});

test('diskio takes per-mount sections and prefix excludes like disk', () => {
  const config = configOf({ diskio: { mounts: { '/backup/': false }, exclude: ['/boot'] } });
  const set = new RuleSet(config.rules);
  const ids = set.rulesFor(['diskBusy:/', 'diskBusy:/backup', 'diskBusy:/boot/efi']).filter((r) => r.kind === 'diskio').map((r) => r.id);
  assert.deepEqual(ids, ['diskio:/']);
});

test('bad interface names, exclude entries and rates are one line naming the key and the value', () => {
  const message = (rules: Record<string, unknown>) => {
    try {
      configOf(rules);
    } catch (error: unknown) {
      return (error as Error).message;
    }
    return 'no error';
  };
  assert.match(message({ netRx: { interfaces: { 'eth 0': {} } } }), /rules\.netRx\.interfaces\["eth 0"\]: an interface name has 1-15 characters/);
  assert.match(message({ netRx: { exclude: ['a/b'] } }), /rules\.netRx\.exclude\[0\] must be an interface name or prefix\*/);
  assert.match(message({ netTx: { threshold: '100M' } }), /rules\.netTx\.threshold: "100M" needs a unit: B for bytes or bit for bits/);
  assert.match(message({ netTx: { threshold: 0 } }), /rules\.netTx\.threshold must be a number above 0 \(bytes per second, or a rate such as "800Mbit"\), got 0/);
  assert.match(message({ diskio: { mounts: { data: {} } } }), /rules\.diskio\.mounts\.data: a mountpoint must start with "\/"/);
});
