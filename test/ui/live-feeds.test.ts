// The dashboard reads /proc for the processes view only while that view is visible, and /sys for the interface list
// only while the network view is.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ProcessRow } from '../../src/sampler/processes.js';
import { LiveFeeds } from '../../src/ui/live-feeds.js';

test('processes are read while the processes view is shown, with CPU % from the second read; leaving stops and drops them', async () => {
  let reads = 0;
  let lastTable: ProcessRow[] | undefined;
  let resolveSecond: () => void = () => {};
  const second = new Promise<void>((resolve) => (resolveSecond = resolve));
  const errors: unknown[] = [];
  const feeds = new LiveFeeds({
    intervalMs: () => 1000,
    onData: () => {
      // The interface list (read for the overview) calls this too: count process tables only.
      if (feeds.processes === undefined || feeds.processes === lastTable) return;
      lastTable = feeds.processes;
      reads++;
      if (reads === 2) resolveSecond();
    },
    onError: (_what, error) => errors.push(error),
    readInterfaces: async () => [],
  });
  // The feeds' timers are unref'd (the dashboard's terminal keeps the process alive): this test keeps it alive itself.
  const keepAlive = setInterval(() => {}, 60_000);
  try {
    feeds.sync('overview');
    assert.equal(feeds.processesActive, false, 'nothing is read while the overview is shown');
    assert.equal(feeds.processes, undefined);
    feeds.sync('processes');
    feeds.sync('processes'); // a redraw while shown starts nothing more
    assert.equal(feeds.processesActive, true);
    await second;
    assert.deepEqual(errors, []);
    const rows = feeds.processes as ProcessRow[] | undefined;
    const self = rows?.find((row) => row.pid === process.pid);
    assert.ok(self, 'this process is in the table');
    assert.equal(typeof self.cpuPct, 'number', 'CPU % from the second read, half a second after the view opened');
    assert.ok((feeds.lastProcessReadMs ?? -1) >= 0);
    feeds.sync('network');
    assert.equal(feeds.processesActive, false);
    assert.equal(feeds.processes, undefined, 'the table is dropped while nobody looks at it');
    assert.equal(feeds.interfacesActive, true);
    feeds.sync('disks');
    assert.equal(feeds.interfacesActive, false);
    feeds.sync('overview');
    assert.equal(feeds.interfacesActive, true, 'the overview lists the interfaces that are up');
    assert.equal(feeds.processesActive, false);
  } finally {
    clearInterval(keepAlive);
    feeds.stop();
  }
});

test('an interface list that cannot be read is reported once, not at every refresh', async () => {
  const errors: string[] = [];
  let attempts = 0;
  let resolveTwo: () => void = () => {};
  const two = new Promise<void>((resolve) => (resolveTwo = resolve));
  const feeds = new LiveFeeds({
    intervalMs: () => 1000,
    onData: () => {},
    onError: (what) => errors.push(what),
    readInterfaces: async () => {
      attempts++;
      if (attempts === 2) resolveTwo();
      throw new Error('ENOENT: /sys/class/net');
    },
  });
  const keepAlive = setInterval(() => {}, 60_000);
  try {
    feeds.sync('network');
    feeds.sync('disks');
    feeds.sync('network'); // opened again: a second read, failing the same way
    await two;
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(errors, ['network interfaces']);
  } finally {
    clearInterval(keepAlive);
    feeds.stop();
  }
});
