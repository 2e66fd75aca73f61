// Live: a network rule fires on real traffic. A veth pair (nothing leaves the host: the far end has no address and
// drops the datagrams) carries a UDP burst; a real `srvmon --no-ui --json` with a low netTx threshold on that
// interface must print the firing event for it, then the resolve once the burst stops.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { isolatedEnv, RunningCli, tempHome } from '../helpers/cli.js';

const home = tempHome();
const suffix = String(process.pid % 10_000);
const txEnd = `srvn${suffix}a`;
const rxEnd = `srvn${suffix}b`;
const ruleId = `netTx:${txEnd}`;
let agent: RunningCli | undefined;

function ip(...args: string[]): void {
  execFileSync('ip', args, { stdio: 'pipe' });
}

before(() => {
  ip('link', 'add', txEnd, 'type', 'veth', 'peer', 'name', rxEnd);
  for (const end of [txEnd, rxEnd]) writeFileSync(`/proc/sys/net/ipv6/conf/${end}/disable_ipv6`, '1');
  ip('link', 'set', txEnd, 'up');
  ip('link', 'set', rxEnd, 'up');
  ip('addr', 'add', '10.213.78.1/24', 'dev', txEnd);
  const peerMac = readFileSync(`/sys/class/net/${rxEnd}/address`, 'utf8').trim();
  ip('neigh', 'replace', '10.213.78.2', 'lladdr', peerMac, 'dev', txEnd, 'nud', 'permanent');
});

after(async () => {
  agent?.kill('SIGTERM');
  await agent?.exited;
  try {
    ip('link', 'del', txEnd);
  } catch {
    // not created
  }
  home.cleanup();
});

test('a UDP burst over a veth pair fires the netTx rule of that interface, and its end resolves it', async () => {
  const config = join(home.dir, '.srvmonrc.yaml');
  // Only our pair is watched: other interfaces of a busy test host must not decide the outcome.
  writeFileSync(
    config,
    `stateDir: ${join(home.dir, 'state')}\nrules:\n  cpu: false\n  memory: false\n  disk: false\n  netTx:\n    threshold: 200kB/s\n    window: 1\n    repeat: 1h\n    exclude: [lo]\n`,
  );
  agent = new RunningCli(['--no-ui', '--json', '--config', config], { cwd: home.dir, env: isolatedEnv(home.dir) });
  await agent.waitForLine((l) => l.includes('control socket'), 10_000);

  const socket = createSocket('udp4');
  const payload = Buffer.alloc(1000, 0x5a);
  let sending = true;
  const sent = (async () => {
    let count = 0;
    while (sending) {
      await new Promise<void>((resolve, reject) => socket.send(payload, 9, '10.213.78.2', (e) => (e ? reject(e) : resolve())));
      // A breath every 200 datagrams, so the agent's own timers run on a loaded machine.
      if (++count % 200 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    return count;
  })();
  let firing: Record<string, unknown>;
  try {
    const line = await agent.waitForLine((l) => l.includes(`"rule":"${ruleId}"`) && l.includes('"state":"firing"'), 20_000);
    firing = JSON.parse(line) as Record<string, unknown>;
  } finally {
    sending = false;
    await sent;
    socket.close();
  }
  assert.equal(firing.kind, 'netTx');
  assert.equal(firing.threshold, 200_000);
  assert.ok(Number(firing.value) > 200_000, `value ${String(firing.value)}`);
  assert.match(String(firing.message), new RegExp(`^Network transmit on ${txEnd} [\\d.]+ [kMG]?B/s is above 200 kB/s$`));
  const resolved = await agent.waitForLine((l) => l.includes(`"rule":"${ruleId}"`) && l.includes('"state":"resolved"'), 20_000);
  assert.match(resolved, /is back below 180 kB\/s/);
});
