// End to end: the real `srvmon --no-ui` under libfaketime, its wall clock stepped while it runs. Sampling is timed by
// the monotonic clock, so a step backwards neither freezes it (as it did: no sample for the size of the step) nor,
// forwards, makes it burst. Samples are observed through /metrics (srvmon_last_sample_timestamp_seconds).
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { isolatedEnv, RunningCli, tempHome, delay } from '../helpers/cli.js';
import { WallClockStepper } from '../helpers/faketime.js';
import { freePort } from '../helpers/smtp-sink.js';

const home = tempHome();
after(home.cleanup);

async function lastSampleS(port: number): Promise<number | undefined> {
  try {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const match = /^srvmon_last_sample_timestamp_seconds ([\d.e+]+)$/m.exec(text);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Polls /metrics until pred holds for the last-sample timestamp; returns it, or throws after timeoutMs. */
async function waitForSample(port: number, pred: (s: number) => boolean, timeoutMs: number, what: string): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let last: number | undefined;
  while (Date.now() < deadline) {
    last = await lastSampleS(port);
    if (last !== undefined && pred(last)) return last;
    await delay(100);
  }
  throw new Error(`${what}: not seen within ${timeoutMs} ms (last sample timestamp ${last})`);
}

test('a wall-clock step back of 30 s does not stop sampling', async () => {
  const stepper = new WallClockStepper();
  after(() => stepper.cleanup());
  const port = await freePort();
  const rc = join(home.dir, '.srvmonrc');
  writeFileSync(rc, 'interval: 1s\nrules:\n  disk: false\n');
  const cli = new RunningCli(['--no-ui', '--json', '--config', rc, '--state-dir', join(home.dir, 'state'), '--metrics-listen', `127.0.0.1:${port}`], {
    cwd: home.dir,
    env: { ...isolatedEnv(home.dir), ...stepper.env },
  });
  after(() => cli.kill('SIGKILL'));
  const beforeS = await waitForSample(port, () => true, 10_000, 'a first sample');
  stepper.setOffsetS(-30);
  // The next sample is stamped about 30 s before the last one: it came, and on time (the old code waited 30 s).
  const afterStepS = await waitForSample(port, (s) => s < beforeS - 20, 4000, 'a sample after the step back');
  // ...and sampling goes on at its interval from there.
  await waitForSample(port, (s) => s > afterStepS, 3000, 'the next sample');
  cli.kill('SIGTERM');
  assert.equal((await cli.exited).code, 0);
});
