// End to end: the real CLI when its stdout goes away or fills up. A reader that leaves (EPIPE) ends srvmon quietly
// with 141; a full disk or /dev/full is `cannot write to stdout: ENOSPC` and exit 1 for one-shot commands, said once
// by the monitor, which goes on. Never a stack trace, never a loop.
import assert from 'node:assert/strict';
import { spawn, execFileSync, type StdioOptions } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, statfsSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { writeAllSync } from '../../src/cli/output-stream.js';
import { CLI, isolatedEnv, RunningCli, tempHome } from '../helpers/cli.js';
import { closeRecorders, startRecorder } from '../helpers/http-recorder.js';

const home = tempHome();
const mounts: string[] = [];
after(async () => {
  await closeRecorders();
  for (const mount of mounts) execFileSync('umount', [mount]);
  home.cleanup();
});
const env = isolatedEnv(home.dir);
const rc = join(home.dir, '.srvmonrc');
// memory above 1% fires at once on any machine: the first stdout line comes with the first sample
writeFileSync(rc, 'rules:\n  memory:\n    threshold: 1\n  cpu: false\n  disk: false\n');
let stateDirs = 0;
const monitorArgs = (...extra: string[]): string[] => ['--no-ui', ...extra, '--config', rc, '--state-dir', join(home.dir, `state-${++stateDirs}`)];

/** A flapping hour-and-more under the default CPU rule: about 1,000 replay events, some 160 KB of output. */
const replayRc = join(home.dir, 'replay.srvmonrc');
writeFileSync(replayRc, 'rules:\n  disk: false\n');
const bigTrace = join(home.dir, 'flap.jsonl');
{
  const start = Date.UTC(2026, 2, 1, 2);
  const lines = Array.from({ length: 10_000 }, (_, i) => JSON.stringify({ time: new Date(start + i * 1000).toISOString(), cpu: Math.floor(i / 10) % 2 === 0 ? 95 : 20, memory: 40 }));
  writeFileSync(bigTrace, `${lines.join('\n')}\n`);
}

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Runs the CLI with stdout on the given fd (a file, /dev/full); stderr is collected. */
function runWithStdout(args: string[], stdoutFd: number, timeoutMs = 20_000): Promise<Ended> {
  return new Promise((resolve, reject) => {
    const stdio: StdioOptions = ['ignore', stdoutFd, 'pipe'];
    const child = spawn(process.execPath, [CLI, ...args], { cwd: home.dir, env, stdio });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stderr });
    });
  });
}

function assertNoStackTrace(stderr: string): void {
  assert.doesNotMatch(stderr, /internal error|\n\s+at /, `no internal error or stack trace; stderr:\n${stderr}`);
}

describe('stdout closed by its reader (EPIPE)', () => {
  test('`srvmon --no-ui --json | head -1`: ends within 3 s of its next line, quietly, exit 141', async () => {
    const cli = new RunningCli(monitorArgs('--json'), { cwd: home.dir, env });
    await cli.waitForLine((line) => line.includes('"type":"start"'), 5000);
    cli.child.stdout?.destroy(); // what `head -1` does after its line
    const closedMs = Date.now();
    const timer = setTimeout(() => cli.kill('SIGKILL'), 10_000);
    const { code, signal } = await cli.exited;
    clearTimeout(timer);
    const tookMs = Date.now() - closedMs;
    console.log(`# ended ${tookMs} ms after its reader left`);
    assert.equal(signal, null, 'ended by itself');
    assert.equal(code, 141);
    assert.ok(tookMs < 3000, `took ${tookMs} ms`);
    assert.equal(cli.stderr, '', 'nothing said: the reader chose to leave');
  });

  test('text mode: ends quietly, no "write EPIPE" and no stack trace', async () => {
    const ownRc = join(home.dir, 'text-epipe.srvmonrc');
    writeFileSync(ownRc, readFileSync(rc));
    const cli = new RunningCli(['--no-ui', '--config', ownRc, '--state-dir', join(home.dir, 'state-text-epipe')], { cwd: home.dir, env });
    await cli.waitForLine((line) => line.includes('FIRING'), 5000);
    cli.child.stdout?.destroy();
    // The next stdout line meets the closed pipe: a raised threshold resolves the alert (a line, not a notice).
    writeFileSync(ownRc, 'rules:\n  memory:\n    threshold: 99\n  cpu: false\n  disk: false\n');
    cli.kill('SIGHUP');
    const timer = setTimeout(() => cli.kill('SIGKILL'), 10_000);
    const { code, signal } = await cli.exited;
    clearTimeout(timer);
    assert.equal(signal, null, `ended by itself; stderr:\n${cli.stderr}`);
    assert.equal(code, 141);
    assertNoStackTrace(cli.stderr);
    assert.doesNotMatch(cli.stderr, /EPIPE/);
  });

  test('replay | head -1: exit 141, nothing on stderr', async () => {
    const child = spawn(process.execPath, [CLI, 'replay', bigTrace, '--config', replayRc], { cwd: home.dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.equal(code, 141);
    assert.equal(stderr, '');
  });
});

describe('stdout that cannot be written (ENOSPC)', () => {
  const oneShots: [string, string[]][] = [
    ['--help', ['--help']],
    ['--version', ['--version']],
    ['check-config', ['check-config', '--config', rc]],
    ['check-config --json', ['check-config', '--json', '--config', rc]],
    ['replay', ['replay', bigTrace, '--config', replayRc]],
    ['replay --json', ['replay', bigTrace, '--json', '--config', replayRc]],
  ];
  for (const [name, args] of oneShots) {
    test(`${name} > /dev/full: "cannot write to stdout: ENOSPC", exit 1`, async () => {
      const full = openSync('/dev/full', 'w');
      try {
        const result = await runWithStdout(args, full);
        assert.equal(result.code, 1, result.stderr);
        assert.equal(result.stderr, 'srvmon: cannot write to stdout: ENOSPC\n');
      } finally {
        closeSync(full);
      }
    });
  }

  test('test-alert > /dev/full: the alert is delivered, yet its report is lost: exit 1 with ENOSPC', async () => {
    const receiver = await startRecorder((_request, res) => res.end('ok'));
    const webhookRc = join(home.dir, 'webhook.srvmonrc');
    writeFileSync(webhookRc, `channels:\n  webhook:\n    url: ${receiver.baseUrl}/hook\n`);
    const full = openSync('/dev/full', 'w');
    try {
      const result = await runWithStdout(['test-alert', '--config', webhookRc, '--state-dir', join(home.dir, 'state-test-alert')], full);
      assert.equal(receiver.requests.length, 1, 'delivered');
      assert.equal(result.code, 1, result.stderr);
      assert.equal(result.stderr, 'srvmon: cannot write to stdout: ENOSPC\n');
    } finally {
      closeSync(full);
    }
  });

  test('replay into a full 64 KB tmpfs: exit 1 with ENOSPC, not a cut file and exit 0', async () => {
    const dir = tmpfs('replay-full', '64k');
    const outFd = openSync(join(dir, 'events.txt'), 'w');
    try {
      const result = await runWithStdout(['replay', bigTrace, '--config', replayRc], outFd);
      assert.equal(result.code, 1, result.stderr);
      assert.equal(result.stderr, 'srvmon: cannot write to stdout: ENOSPC\n');
    } finally {
      closeSync(outFd);
    }
  });

  test('a short write at the end of the disk is finished or reported, never taken for success', () => {
    // One page left: write() takes 4096 of 5000 bytes and returns without an error; only writing the rest says ENOSPC.
    const dir = tmpfs('short-write', '8k');
    writeFileSync(join(dir, 'filler'), Buffer.alloc(4096));
    assert.equal(statfsSync(dir).bavail, 1, 'one page left');
    const line = `${'x'.repeat(4999)}\n`;
    const once = openSync(join(dir, 'once.txt'), 'w');
    const written = writeSync(once, line);
    closeSync(once);
    assert.ok(written < line.length, `a single write() took ${written} of ${line.length} bytes without an error`);
    execFileSync('rm', [join(dir, 'once.txt')]);
    const all = openSync(join(dir, 'all.txt'), 'w');
    try {
      assert.throws(() => writeAllSync(all, line), { code: 'ENOSPC' });
    } finally {
      closeSync(all);
    }
  });

  test('the monitor with stdout on /dev/full: says it once on stderr and goes on monitoring', async () => {
    const full = openSync('/dev/full', 'w');
    const child = spawn(process.execPath, [CLI, ...monitorArgs()], { cwd: home.dir, env, stdio: ['ignore', full, 'pipe'] });
    closeSync(full);
    assert.ok(child.stderr);
    let stderr = '';
    const reloaded = new Promise<void>((resolve) =>
      child.stderr?.on('data', (d: Buffer) => {
        stderr += d;
        if (stderr.includes('cannot write to stdout') && !stderr.includes('configuration reloaded')) child.kill('SIGHUP');
        if (stderr.includes('configuration reloaded')) resolve();
      }),
    );
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await reloaded; // positive signal that it still runs and answers
    child.kill('SIGTERM');
    const code = await exited;
    clearTimeout(timer);
    assert.equal(code, 0, stderr);
    assert.equal(stderr.match(/cannot write to stdout/g)?.length, 1, stderr);
    assert.match(stderr, /srvmon: cannot write to stdout: ENOSPC; monitoring goes on without it\n/);
    assertNoStackTrace(stderr);
  });
});

function tmpfs(name: string, size: string): string {
  const dir = join(home.dir, name);
  mkdirSync(dir);
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
  mounts.push(dir);
  return dir;
}
