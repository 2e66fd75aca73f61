import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isKernelThread, parseCmdline, parsePidStat, parsePidStatus, PF_KTHREAD } from '../../src/sampler/proc-pid.js';

const STAT = '4242 (my (odd) name) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 3 0 98765 1000000 500 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n';

test('stat: fields after the last parenthesis, comm with parentheses kept whole', () => {
  assert.deepEqual(parsePidStat(Buffer.from(STAT)), {
    pid: 4242, name: 'my (odd) name', state: 'S', ppid: 1, flags: 4194560, cpuTicks: 300, threads: 3, startTimeTicks: 98765,
  });
});

test('stat: anything cut short or garbled is not a stat line', () => {
  for (const text of ['', '4242', '4242 (x', '4242 (x) S 1 2 3', STAT.slice(0, STAT.indexOf(' 98765')), STAT.replace(' 250 ', ' x '), STAT.replace(') S ', ') 5 ')]) {
    assert.equal(parsePidStat(Buffer.from(text)), undefined, JSON.stringify(text));
  }
});

test('status: effective uid (the second Uid column) and VmRSS in bytes; none without a Uid line', () => {
  assert.deepEqual(parsePidStatus(Buffer.from('Name:\tsu\nUid:\t1000\t0\t0\t0\nVmRSS:\t    2048 kB\n')), { euid: 0, rssBytes: 2048 * 1024 });
  assert.deepEqual(parsePidStatus(Buffer.from('Name:\tz\nUid:\t33\t33\t33\t33\n')), { euid: 33, rssBytes: 0 });
  assert.equal(parsePidStatus(Buffer.from('Name:\tx\nGid:\t0\t0\t0\t0\n')), undefined);
  assert.equal(parsePidStatus(Buffer.from('Name:\tx\nUid:\t0\n')), undefined);
});

test('cmdline: NUL-separated, trailing NULs dropped, empty arguments kept, empty file none', () => {
  assert.deepEqual(parseCmdline(Buffer.from('a\0\0b\0')), ['a', '', 'b']);
  assert.deepEqual(parseCmdline(Buffer.from('no-terminator')), ['no-terminator']);
  assert.deepEqual(parseCmdline(Buffer.from('\0\0')), []);
  assert.deepEqual(parseCmdline(Buffer.alloc(0)), []);
});

test('kernel thread: the flag, or no cmdline under kthreadd', () => {
  assert.equal(isKernelThread({ pid: 9, ppid: 2, flags: PF_KTHREAD }, false), true);
  assert.equal(isKernelThread({ pid: 9, ppid: 2, flags: 0 }, true), true);
  assert.equal(isKernelThread({ pid: 9, ppid: 77, flags: 0 }, true), false, 'a zombie');
  assert.equal(isKernelThread({ pid: 9, ppid: 2, flags: 0 }, false), false, 'a user process started by kthreadd (usermode helper)');
});
