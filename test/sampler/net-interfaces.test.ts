import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { parseNetDev } from '../../src/sampler/net-dev.js';
import { isUp, readNetInterfaces, shownInterfaces } from '../../src/sampler/net-interfaces.js';

const sysDir = fileURLToPath(new URL('../../../test/fixtures/proc-tree/net/sys', import.meta.url));

test('up: operstate up, or unknown (tun, ppp, wireguard, lo) when administratively up', () => {
  assert.equal(isUp('up', 0x1003), true);
  assert.equal(isUp('unknown', 0x1091), true);
  assert.equal(isUp('unknown', 0x82), false);
  assert.equal(isUp('unknown', undefined), true);
  for (const state of ['down', 'dormant', 'lowerlayerdown', 'notpresent', 'testing']) assert.equal(isUp(state, 0x1003), false, state);
});

test('reads every interface of /sys/class/net, skipping files that are not interfaces', async () => {
  const interfaces = await readNetInterfaces(sysDir);
  const summary = Object.fromEntries(interfaces.map((i) => [i.name, `${i.operState} ${i.type} ${i.up ? 'up' : 'down'}${i.loopback ? ' loopback' : ''}`]));
  assert.deepEqual(summary, {
    docker0: 'down 1 down',
    dummy0: 'unknown 1 down',
    eth0: 'up 1 up',
    ifb0: 'down 1 down',
    lo: 'unknown 772 up loopback',
    odd0: 'unknown 1 up',
    ppp0: 'unknown 512 up',
    'veth-ll': 'lowerlayerdown 1 down',
    tun0: 'unknown 65534 up',
    wg0: 'unknown 65534 up',
    wlan0: 'dormant 1 down',
  });
});

test('views skip lo and interfaces that are down unless asked', async () => {
  const interfaces = await readNetInterfaces(sysDir);
  const names = (filter: Parameters<typeof shownInterfaces>[1]): string[] => shownInterfaces(interfaces, filter).map((i) => i.name);
  assert.deepEqual(names({}), ['eth0', 'odd0', 'ppp0', 'tun0', 'wg0']);
  assert.deepEqual(names({ includeLoopback: true }), ['eth0', 'lo', 'odd0', 'ppp0', 'tun0', 'wg0']);
  assert.equal(names({ includeLoopback: true, includeDown: true }).length, 11);
});

test('this machine: lo is the loopback, and every interface of /proc/net/dev is known', async () => {
  // Other tests add and remove veth pairs meanwhile: only names /proc/net/dev shows both before and after the read count.
  const before = new Set(parseNetDev(readFileSync('/proc/net/dev', 'utf8')).keys());
  const interfaces = await readNetInterfaces();
  const after = parseNetDev(readFileSync('/proc/net/dev', 'utf8')).keys();
  const lo = interfaces.find((i) => i.name === 'lo');
  assert.ok(lo?.loopback && lo.up);
  const known = new Set(interfaces.map((i) => i.name));
  for (const name of after) if (before.has(name)) assert.ok(known.has(name), name);
});
