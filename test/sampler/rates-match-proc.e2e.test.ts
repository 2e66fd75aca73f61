// The network and disk rates srvmon shows are what the kernel counted, over the same seconds. A real agent
// (`srvmon --no-ui`) runs; the test attaches to its control socket as the dashboard does and receives every sample.
// Traffic: UDP datagrams out of one end of a veth pair (nothing leaves the host: the other end has no address and drops
// them). Disk: direct writes to an ext4 image on a loop device. Before and after a burst of known size the test reads
// /proc/net/dev and /proc/diskstats itself; the bytes srvmon reports (rate x the time between samples, summed over the
// samples that cover the burst) must equal the kernel's delta.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { after, before, test } from 'node:test';
import { connectControl, type ControlConnection } from '../../src/control/control-client.js';
import type { Sample } from '../../src/types.js';
import { isolatedEnv, RunningCli, tempHome } from '../helpers/cli.js';

const home = tempHome();
const suffix = String(process.pid % 10_000);
const txEnd = `srvr${suffix}a`;
const rxEnd = `srvr${suffix}b`;
const mountpoint = join(home.dir, 'vol');
let loopDevice: string | undefined;
let agent: RunningCli | undefined;
let control: ControlConnection | undefined;
const samples: Sample[] = [];

function ip(...args: string[]): void {
  execFileSync('ip', args, { stdio: 'pipe' });
}

before(async () => {
  ip('link', 'add', txEnd, 'type', 'veth', 'peer', 'name', rxEnd);
  // No IPv6 on the pair: its router solicitations and address checks would be traffic the test did not send.
  for (const end of [txEnd, rxEnd]) writeFileSync(`/proc/sys/net/ipv6/conf/${end}/disable_ipv6`, '1');
  ip('link', 'set', txEnd, 'up');
  ip('link', 'set', rxEnd, 'up');
  ip('addr', 'add', '10.213.77.1/24', 'dev', txEnd);
  // A fixed neighbour: no ARP traffic of our own making, every datagram goes out at once.
  const peerMac = readFileSync(`/sys/class/net/${rxEnd}/address`, 'utf8').trim();
  ip('neigh', 'replace', '10.213.77.2', 'lladdr', peerMac, 'dev', txEnd, 'nud', 'permanent');

  const image = join(home.dir, 'disk.ext4');
  execFileSync('truncate', ['-s', '64M', image]);
  // No lazy init: a fresh ext4 otherwise writes its inode tables in the background for a while.
  execFileSync('mkfs.ext4', ['-q', '-F', '-E', 'lazy_itable_init=0,lazy_journal_init=0', image]);
  loopDevice = execFileSync('losetup', ['--find', '--show', image], { encoding: 'utf8' }).trim();
  mkdirSync(mountpoint);
  execFileSync('mount', ['-o', 'noatime', loopDevice, mountpoint]);

  const config = join(home.dir, '.srvmonrc.yaml');
  writeFileSync(config, `stateDir: ${join(home.dir, 'state')}\nrules:\n  cpu: false\n  memory: false\n  disk: false\n`);
  agent = new RunningCli(['--no-ui', '--json', '--config', config], { cwd: home.dir, env: isolatedEnv(home.dir) });
  await agent.waitForLine((l) => l.includes('control socket'), 10_000);
  control = await connectControl(join(home.dir, 'state', 'control.sock'));
  control.onEvent = (event) => {
    if (event.type === 'sample') samples.push(event.sample);
  };
});

after(async () => {
  control?.close();
  agent?.kill('SIGTERM');
  await agent?.exited;
  try {
    execFileSync('umount', [mountpoint]);
  } catch {
    // not mounted: before() failed early
  }
  if (loopDevice) execFileSync('losetup', ['-d', loopDevice]);
  try {
    ip('link', 'del', txEnd);
  } catch {
    // not created
  }
  home.cleanup();
});

/** Resolves with the first sample at or after `fromIndex` that satisfies `ok`. */
async function waitForSample(ok: (sample: Sample) => boolean, fromIndex: number, timeoutMs = 15_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const index = samples.findIndex((s, i) => i >= fromIndex && ok(s));
    if (index >= 0) return index;
    if (Date.now() > deadline) throw new Error(`no such sample within ${timeoutMs} ms; last: ${JSON.stringify(samples.at(-1))}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Bytes the samples (from, to] say moved: each rate times the time since the sample before it. */
function bytesReported(key: string, from: number, to: number): number {
  let bytes = 0;
  for (let i = from + 1; i <= to; i += 1) bytes += ((samples[i]!.values[key] ?? 0) * (samples[i]!.timeMs - samples[i - 1]!.timeMs)) / 1000;
  return bytes;
}

/** The rate is 0 in two samples in a row from `fromIndex` on: nothing is moving, the counters are still. */
async function waitForQuiet(key: string, fromIndex: number): Promise<number> {
  return waitForSample((s) => {
    const i = samples.indexOf(s);
    return i > fromIndex && s.values[key] === 0 && samples[i - 1]!.values[key] === 0;
  }, fromIndex);
}

function netDevTxBytes(iface: string): number {
  const line = readFileSync('/proc/net/dev', 'utf8').split('\n').find((l) => l.trim().startsWith(`${iface}:`));
  assert.ok(line, `${iface} in /proc/net/dev`);
  // face: rx bytes packets errs drop fifo frame compressed multicast | tx bytes ...
  return Number(line.split(':')[1]!.trim().split(/\s+/)[8]);
}

function diskstatsWrittenBytes(device: string): number {
  const line = readFileSync('/proc/diskstats', 'utf8').split('\n').find((l) => l.trim().split(/\s+/)[2] === device);
  assert.ok(line, `${device} in /proc/diskstats`);
  // Field 10 (1-based, after major minor name) is sectors written; a sector here is always 512 bytes.
  return Number(line.trim().split(/\s+/)[9]) * 512;
}

async function sendDatagrams(count: number, size: number): Promise<void> {
  const socket = createSocket('udp4');
  const payload = Buffer.alloc(size, 0x5a);
  for (let i = 0; i < count; i += 1) await new Promise<void>((resolve, reject) => socket.send(payload, 9, '10.213.77.2', (e) => (e ? reject(e) : resolve())));
  socket.close();
}

test('network: the bytes per second srvmon reports for an interface add up to what /proc/net/dev counted', async (t) => {
  const key = `netTx:${txEnd}`;
  const quietBefore = await waitForQuiet(key, 0);
  const kernelBefore = netDevTxBytes(txEnd);
  await sendDatagrams(2000, 1000);
  const kernelBurst = netDevTxBytes(txEnd) - kernelBefore;
  assert.ok(kernelBurst >= 2000 * 1000, `the kernel counted the burst (${kernelBurst} bytes)`);
  const quietAfter = await waitForQuiet(key, samples.length - 1);
  const kernelTotal = netDevTxBytes(txEnd) - kernelBefore;
  const reported = bytesReported(key, quietBefore, quietAfter);
  t.diagnostic(`srvmon ${Math.round(reported)} bytes, /proc/net/dev ${kernelTotal} bytes`);
  // Sample times are the ticks', the reader's own interval differs from them by a few ms: 3% covers that.
  assert.ok(Math.abs(reported - kernelTotal) <= kernelTotal * 0.03, `srvmon ${Math.round(reported)} bytes, /proc/net/dev ${kernelTotal} bytes`);
  const peak = Math.max(...samples.slice(quietBefore, quietAfter + 1).map((s) => s.values[key] ?? 0));
  assert.ok(peak > 0, 'a non-zero rate was shown');
});

test('disks: the write bytes per second srvmon reports for a mount add up to what /proc/diskstats counted', async (t) => {
  const device = basename(loopDevice!);
  const key = `diskWrite:${mountpoint}`;
  await waitForSample((s) => key in s.values, 0);
  const quietBefore = await waitForQuiet(key, 0);
  const kernelBefore = diskstatsWrittenBytes(device);
  // 8 MiB straight to the device (O_DIRECT), then sync the journal: all of it is counted within a second or two.
  execFileSync('dd', ['if=/dev/zero', `of=${join(mountpoint, 'blob')}`, 'bs=1M', 'count=8', 'oflag=direct', 'conv=fsync', 'status=none']);
  const quietAfter = await waitForQuiet(key, samples.length - 1);
  const kernelTotal = diskstatsWrittenBytes(device) - kernelBefore;
  assert.ok(kernelTotal >= 8 * 1024 * 1024, `the kernel counted the write (${kernelTotal} bytes)`);
  const reported = bytesReported(key, quietBefore, quietAfter);
  t.diagnostic(`srvmon ${Math.round(reported)} bytes, /proc/diskstats ${kernelTotal} bytes`);
  assert.ok(Math.abs(reported - kernelTotal) <= kernelTotal * 0.03, `srvmon ${Math.round(reported)} bytes, /proc/diskstats ${kernelTotal} bytes`);
  const free = samples[quietAfter]!.values[`diskFree:${mountpoint}`];
  assert.ok(free !== undefined && free > 0 && free < 64 * 1024 * 1024, `free space of the mount shown (${free})`);
});
