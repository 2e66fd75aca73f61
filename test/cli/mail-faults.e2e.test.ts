// End to end with the real srvmon process and real SMTP servers on 127.0.0.1 that misbehave: one refuses recipients at
// RCPT TO (smtp-server's onRcptTo), one trickles its replies a byte a second. test-alert must say what happened and
// exit 1; the monitor must report a refused recipient as a failure (delivery, /metrics), retry only a recipient
// refused for now, and never count a partly delivered alert as a success.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { SMTPServerAddress, SMTPServerSession } from 'smtp-server';
import { isolatedEnv, runCli, RunningCli, tempHome } from '../helpers/cli.js';
import { DribbleSmtp } from '../helpers/smtp-dribble.js';
import { freePort, SmtpSink } from '../helpers/smtp-sink.js';

const home = tempHome();
const stops: (() => Promise<void>)[] = [];
after(async () => {
  for (const stop of stops.reverse()) await stop();
  home.cleanup();
});

const RECIPIENT_HINT = 'hint: the server refused this recipient: check channels.mail.to';

function writeConfig(name: string, port: number, to: string[], timeout = '2s'): string {
  const file = join(home.dir, name);
  writeFileSync(
    file,
    [
      'rules:',
      '  memory: { threshold: 1 }',
      '  cpu: false',
      '  disk: false',
      'channels:',
      '  mail:',
      '    host: 127.0.0.1',
      `    port: ${port}`,
      '    secure: false',
      "    from: 'srvmon <srvmon@example.com>'",
      `    to: [${to.join(', ')}]`,
      `    timeout: ${timeout}`,
      '',
    ].join('\n'),
  );
  return file;
}

type Verdict = (address: string, attempt: number) => Error | undefined;

/** An SMTP sink whose RCPT TO answers come from `verdict` (attempt counts RCPTs per address, from 1). */
async function refusingSink(verdict: Verdict): Promise<SmtpSink> {
  const rcpts = new Map<string, number>();
  const sink = new SmtpSink({
    onRcptTo(address: SMTPServerAddress, _session: SMTPServerSession, callback: (err?: Error | null) => void) {
      const attempt = (rcpts.get(address.address) ?? 0) + 1;
      rcpts.set(address.address, attempt);
      callback(verdict(address.address, attempt));
    },
  });
  await sink.start();
  stops.push(() => sink.stop());
  return sink;
}

const smtpError = (responseCode: number, text: string) => Object.assign(new Error(text), { responseCode });
const noSuchUser = (address: string) => smtpError(550, `5.1.1 <${address}>: Recipient address rejected: User unknown`);
const mailboxBusy = (address: string) => smtpError(450, `4.2.1 <${address}>: Mailbox busy, try again later`);

test('test-alert with a recipient refused (550): ✗ with the server reply and a hint, exit 1; the other recipient got it', async () => {
  const smtp = await refusingSink((a) => (a === 'oncall@example.com' ? noSuchUser(a) : undefined));
  const config = writeConfig('refused.yaml', smtp.port, ['ops@example.com', 'oncall@example.com']);
  const run = await runCli(['test-alert', '--config', config, '--state-dir', join(home.dir, 'state-refused')], { cwd: home.dir, env: isolatedEnv(home.dir) });
  assert.equal(run.code, 1, run.stdout + run.stderr);
  assert.match(
    run.stdout,
    /^✗ mail \d+ms: to oncall@example\.com: SMTP 550 at RCPT TO: 5\.1\.1 <oncall@example\.com>: Recipient address rejected: User unknown \(1 of 2 recipients got it\)\n/,
  );
  assert.ok(run.stdout.includes(`\n    ${RECIPIENT_HINT}`), run.stdout);
  assert.deepEqual(smtp.received.map((r) => r.envelopeTo), [['ops@example.com']]);
});

test('test-alert against a server trickling its replies 1 byte/s: ends after the timeout with exit 1, not a hang', async () => {
  const dribble = await new DribbleSmtp().start();
  stops.push(() => dribble.stop());
  const config = writeConfig('dribble.yaml', dribble.port, ['ops@example.com'], '1s');
  const startMs = performance.now();
  const run = await runCli(['test-alert', '--config', config, '--state-dir', join(home.dir, 'state-dribble')], {
    cwd: home.dir,
    env: isolatedEnv(home.dir),
    timeoutMs: 10_000,
  });
  const elapsedMs = performance.now() - startMs;
  assert.equal(run.signal, null, `killed after ${Math.round(elapsedMs)} ms: it hung`);
  assert.equal(run.code, 1, run.stdout + run.stderr);
  assert.match(run.stdout, /^✗ mail \d+ms: ETIMEDOUT \(ATTEMPT_TIMEOUT\): the SMTP exchange did not finish within the 1s timeout\n {4}hint: .*channels\.mail\.timeout\n$/);
  // The attempt: 1 s timeout + 0.5 s margin. The process: that plus starting node on a busy machine; a socket left
  // open would keep it alive until the runner kills it.
  const attemptMs = Number(/^✗ mail (\d+)ms/.exec(run.stdout)?.[1]);
  assert.ok(attemptMs >= 1000 && attemptMs < 2000, `the attempt took ${attemptMs} ms`);
  assert.ok(elapsedMs < 8000, `took ${Math.round(elapsedMs)} ms`);
  await dribble.allClosed(1000);
});

test('monitor: 450 retried for that recipient only, 550 reported; the alert ends as a failure in deliveries and /metrics', async () => {
  const smtp = await refusingSink((a, attempt) => {
    if (a === 'gone@example.com') return noSuchUser(a);
    if (a === 'busy@example.com' && attempt === 1) return mailboxBusy(a);
    return undefined;
  });
  const config = writeConfig('monitor.yaml', smtp.port, ['ops@example.com', 'gone@example.com', 'busy@example.com']);
  const metricsPort = await freePort();
  const cli = new RunningCli(
    ['--no-ui', '--json', '--config', config, '--state-dir', join(home.dir, 'state-monitor'), '--metrics-listen', `127.0.0.1:${metricsPort}`],
    { cwd: home.dir, env: isolatedEnv(home.dir) },
  );
  stops.push(async () => {
    cli.kill('SIGKILL');
    await cli.exited;
  });
  const isDelivery = (line: string) => line.includes('"type":"delivery"') && line.includes('"channel":"mail"');
  // 3 s of the wait are the default groupWait before the first attempt.
  const first = JSON.parse(await cli.waitForLine((l) => isDelivery(l) && l.includes('"attempt":1'), 8000)) as Record<string, unknown>;
  assert.equal(first.ok, false);
  assert.equal(first.willRetry, true);
  assert.match(String(first.error), /^to busy@example\.com: SMTP 450 at RCPT TO: .*; to gone@example\.com: SMTP 550 at RCPT TO: .* \(1 of 3 recipients got it\)$/);
  // The first retry comes 2.5-5 s later (backoff.ts).
  const second = JSON.parse(await cli.waitForLine((l) => isDelivery(l) && l.includes('"attempt":2'), 8000)) as Record<string, unknown>;
  assert.equal(second.ok, false, 'partly delivered is not a success');
  assert.equal(second.willRetry, false);
  assert.equal(second.error, 'to gone@example.com: SMTP 550 at RCPT TO: 5.1.1 <gone@example.com>: Recipient address rejected: User unknown (2 of 3 recipients got it)');
  assert.match(String(second.hint), /check channels\.mail\.to/);
  assert.deepEqual(smtp.received.map((r) => r.envelopeTo), [['ops@example.com'], ['busy@example.com']], 'each recipient got it once');

  const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
  assert.match(metrics, /^srvmon_notifications_total\{channel="mail",result="success"\} 0$/m);
  assert.match(metrics, /^srvmon_notifications_total\{channel="mail",result="retry"\} 1$/m);
  assert.match(metrics, /^srvmon_notifications_total\{channel="mail",result="failure"\} 1$/m);
  cli.kill();
  assert.equal((await cli.exited).code, 0, cli.stderr);
});
