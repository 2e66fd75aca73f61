// The control socket with real Unix sockets: the server side of an owner (a real store, commands recorded) and the
// real client. Framing, versions, bad input, limits and leaks.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createConnection, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { MonitorCommands } from '../../src/app/monitor-port.js';
import { FakeClock } from '../../src/clock.js';
import { AttachError, connectControl } from '../../src/control/control-client.js';
import { startControlServer, ControlSocketError } from '../../src/control/control-server.js';
import { LineSplitter, parseCommand, type OwnerInfo } from '../../src/control/protocol.js';
import { RemoteMonitor } from '../../src/control/remote-monitor.js';
import { MonitorStore } from '../../src/store/monitor-store.js';
import type { MuteState } from '../../src/types.js';

const dir = mkdtempSync(join(tmpdir(), 'srvmon-ctl-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const socketPath = (): string => join(dir, `c${n++}.sock`);
const owner: OwnerInfo = { pid: 4242, startedMs: Date.UTC(2026, 11, 1), version: '9.9.9', stateDir: dir, locale: 'en', intervalMs: 1000 };

function fakeCommands(): MonitorCommands & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    mute: async (durationMs, rules) => (calls.push(`mute ${durationMs}${rules ? ` ${rules.join(',')}` : ''}`), { sinceMs: 1, untilMs: durationMs === null ? null : 1 + durationMs } as MuteState),
    unmute: async (rules) => void calls.push(`unmute${rules ? ` ${rules.join(',')}` : ''}`),
    setThreshold: async (rule, threshold) => (calls.push(`set ${rule} ${threshold}`), threshold > 100 ? 'threshold must be from 0 to 100' : null),
    resetOverrides: async () => void calls.push('reset'),
    sendTestAlert: async () => (calls.push('test'), []),
  };
}

function storeWithHistory(): MonitorStore {
  const store = new MonitorStore(600, 1000);
  for (let i = 0; i < 120; i++) store.addSample({ timeMs: 1_000_000 + i * 1000, values: { cpu: i % 100, memory: 50, ...(i % 2 ? { 'net:eth0:rx': i } : {}) } });
  return store;
}

/** A raw connection that collects lines. */
function raw(path: string): { socket: Socket; lines: string[]; closed: Promise<void> } {
  const socket = createConnection({ path });
  const lines: string[] = [];
  const splitter = new LineSplitter(1 << 26);
  socket.on('data', (d: Buffer) => lines.push(...splitter.push(d)));
  socket.on('error', () => {});
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  return { socket, lines, closed };
}

test('hello, a snapshot with the whole history, then live events; commands get replies', async () => {
  const store = storeWithHistory();
  const commands = fakeCommands();
  const path = socketPath();
  const server = await startControlServer({ socketPath: path, store, owner: () => owner, commands, onWarning: assert.fail });
  after(() => server.close());
  assert.equal(statSync(path).mode & 0o777, 0o600, 'only the owner may connect by default');
  const connection = await connectControl(path);
  assert.equal(connection.hello.owner.pid, 4242);
  assert.equal(connection.hello.protocol, '1.2');
  assert.equal(connection.snapshot.history.timesMs.length, 120);
  assert.equal(connection.snapshot.history.series.cpu![119], 19);
  assert.equal(connection.snapshot.history.series['net:eth0:rx']![0], null, 'a gap crosses as null');
  const events: string[] = [];
  const got = new Promise<void>((resolve) => (connection.onEvent = (e) => (events.push(e.type), e.type === 'sample' && resolve())));
  store.addSample({ timeMs: 2_000_000, values: { cpu: 5 } });
  await got;
  assert.deepEqual(events, ['sample']);
  assert.deepEqual(await connection.command({ name: 'mute', durationMs: 60_000 }), { mute: { sinceMs: 1, untilMs: 60_001 } });
  await assert.rejects(connection.command({ name: 'set-threshold', rule: 'cpu', threshold: 120 }), /from 0 to 100/);
  assert.deepEqual(commands.calls, ['mute 60000', 'set cpu 120']);
  connection.close();
});

test('the replica (RemoteMonitor) mirrors the owner and sends the keys\' commands there', async () => {
  const store = storeWithHistory();
  const commands = fakeCommands();
  const path = socketPath();
  const server = await startControlServer({ socketPath: path, store, owner: () => owner, commands, onWarning: assert.fail });
  after(() => server.close());
  const remote = await RemoteMonitor.attach(path, new FakeClock());
  after(() => remote.close());
  assert.equal(remote.store.history.length, 120, 'the charts are full at once');
  assert.deepEqual(remote.store.history.series('cpu').slice(-2).map((p) => p.value), [18, 19]);
  assert.deepEqual(remote.link(), { kind: 'attached', pid: 4242, startedMs: owner.startedMs, socket: path, connected: true });
  const muted = new Promise<void>((resolve) => remote.store.subscribe((e) => e.type === 'mute' && resolve()));
  store.mute = { sinceMs: 5, untilMs: null };
  store.emit({ type: 'mute', mute: store.mute, ruleMutes: {}, rules: null, reason: 'mute', timeMs: 5 });
  await muted;
  assert.deepEqual(remote.store.mute, { sinceMs: 5, untilMs: null });
  assert.equal(await remote.commands.setThreshold('cpu', 90), null);
  assert.equal(await remote.commands.setThreshold('cpu', 900), 'threshold must be from 0 to 100');
  assert.deepEqual(commands.calls, ['set cpu 90', 'set cpu 900']);
});

test('when the owner goes away the replica keeps its picture, says so, and reattaches when it is back', async () => {
  const store = storeWithHistory();
  const path = socketPath();
  let server = await startControlServer({ socketPath: path, store, owner: () => owner, commands: fakeCommands(), onWarning: assert.fail });
  const clock = new FakeClock();
  const remote = await RemoteMonitor.attach(path, clock);
  after(() => remote.close());
  const notices: string[] = [];
  let onNotice: () => void = () => {};
  remote.store.subscribe((e) => e.type === 'notice' && (notices.push(e.message), onNotice()));
  const lost = new Promise<void>((resolve) => (onNotice = resolve));
  await server.close();
  await lost;
  assert.match(notices[0]!, /srvmon pid 4242 stopped or went away/);
  assert.deepEqual(remote.link(), { kind: 'attached', pid: 4242, startedMs: owner.startedMs, socket: path, connected: false });
  assert.equal(remote.store.history.length, 120, 'the last picture stays');
  await assert.rejects(remote.commands.mute(1000), /not attached/);
  server = await startControlServer({ socketPath: path, store, owner: () => ({ ...owner, pid: 4343 }), commands: fakeCommands(), onWarning: assert.fail });
  after(() => server.close());
  const back = new Promise<void>((resolve) => (onNotice = resolve));
  clock.advance(1000);
  await back;
  assert.match(notices[1]!, /attached again to srvmon pid 4343/);
  assert.deepEqual(remote.link(), { kind: 'attached', pid: 4343, startedMs: owner.startedMs, socket: path, connected: true });
});

test('a client of another major protocol version gets a clear message, not a garbled screen', async () => {
  const path = socketPath();
  const { createServer } = await import('node:net');
  const fake = createServer((s) => s.end('{"type":"hello","protocol":"2.0","srvmon":"3.0.0","owner":{}}\n'));
  await new Promise<void>((resolve) => fake.listen(path, resolve));
  after(() => fake.close());
  await assert.rejects(connectControl(path), (error: unknown) => error instanceof AttachError && error.kind === 'protocol' && /speaks control protocol 2\.0; this srvmon speaks 1\.2/.test(error.message));
});

test('nothing listening: not-running; a path that is not a socket: refused with its name', async () => {
  await assert.rejects(connectControl(join(dir, 'none.sock')), (e: unknown) => e instanceof AttachError && e.kind === 'not-running');
  const file = join(dir, 'plain-file');
  writeFileSync(file, 'x');
  await assert.rejects(startControlServer({ socketPath: file, store: new MonitorStore(1, 1000), owner: () => owner, commands: fakeCommands(), onWarning: assert.fail }), /exists and is not a socket/);
});

test('a socket path over the 107-byte limit is refused with the reason and what to do', async () => {
  const long = join(dir, 'x'.repeat(120), 'control.sock');
  await assert.rejects(
    startControlServer({ socketPath: long, store: new MonitorStore(1, 1000), owner: () => owner, commands: fakeCommands(), onWarning: assert.fail }),
    (e: unknown) => e instanceof ControlSocketError && /Unix sockets allow at most 107: set control\.socket to a shorter path/.test(e.message),
  );
});

test('garbage, an unknown command and an endless line: told once, then dropped', async () => {
  const path = socketPath();
  const server = await startControlServer({ socketPath: path, store: new MonitorStore(10, 1000), owner: () => owner, commands: fakeCommands(), onWarning: assert.fail });
  after(() => server.close());
  for (const input of ['hello there\n', '{"type":"command","id":3,"name":"rm -rf"}\n', Buffer.alloc(200 * 1024, 'a')]) {
    const client = raw(path);
    client.socket.write(input);
    await client.closed;
    const last = JSON.parse(client.lines.at(-1)!);
    assert.equal(last.type, 'reply');
    assert.equal(last.ok, false);
    assert.ok(String(last.error).length < 120, last.error);
  }
  assert.equal(server.clientCount(), 0);
});

test('a cap on clients: the one past it is refused with a reason', async () => {
  const path = socketPath();
  const server = await startControlServer({ socketPath: path, store: new MonitorStore(10, 1000), owner: () => owner, commands: fakeCommands(), onWarning: assert.fail, maxClients: 3 });
  after(() => server.close());
  const held = await Promise.all([1, 2, 3].map(() => connectControl(path)));
  await assert.rejects(connectControl(path), (e: unknown) => e instanceof AttachError && e.kind === 'refused' && /too many clients \(3\)/.test(e.message));
  held.forEach((c) => c.close());
});

test('a client that stops reading is dropped; the owner does not buffer without end', async () => {
  const store = new MonitorStore(10, 1000);
  const path = socketPath();
  const server = await startControlServer({ socketPath: path, store, owner: () => owner, commands: fakeCommands(), onWarning: assert.fail, maxPendingBytes: 256 * 1024 });
  after(() => server.close());
  const client = raw(path);
  await new Promise<void>((resolve) => client.socket.once('data', () => resolve()));
  client.socket.pause(); // stops reading
  const big = 'x'.repeat(16 * 1024);
  for (let i = 0; i < 2000 && server.clientCount() > 0; i++) {
    store.emit({ type: 'notice', level: 'info', message: big, timeMs: i });
    if (i % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  assert.equal(server.clientCount(), 0, 'dropped');
  client.socket.destroy();
});

test('a thousand connect/disconnect cycles leave no client, listener or handle behind', async () => {
  const store = new MonitorStore(10, 1000);
  const path = socketPath();
  const server = await startControlServer({ socketPath: path, store, owner: () => owner, commands: fakeCommands(), onWarning: assert.fail });
  after(() => server.close());
  const handlesBefore = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles().length;
  for (let i = 0; i < 1000; i++) {
    const connection = await connectControl(path);
    connection.close();
  }
  for (let i = 0; i < 100 && server.clientCount() > 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(server.clientCount(), 0);
  const handlesAfter = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles().length;
  assert.ok(handlesAfter <= handlesBefore + 1, `handles ${handlesBefore} -> ${handlesAfter}`);
});

test('parseCommand: each command checked; errors short', () => {
  assert.deepEqual(parseCommand('{"type":"command","id":1,"name":"mute","durationMs":null}'), { type: 'command', id: 1, name: 'mute', durationMs: null });
  assert.match((parseCommand('{"type":"command","id":1,"name":"mute","durationMs":-5}') as { error: string }).error, /positive/);
  assert.match((parseCommand('{"type":"command","id":2,"name":"set-threshold","rule":"cpu","threshold":"9"}') as { error: string }).error, /finite number/);
  assert.match((parseCommand('[1]') as { error: string }).error, /not a JSON object/);
});

test('parseCommand: mute and unmute take an optional list of rule ids, checked', () => {
  assert.deepEqual(parseCommand('{"type":"command","id":1,"name":"mute","durationMs":1000,"rules":["memory","disk:/data"]}'), { type: 'command', id: 1, name: 'mute', durationMs: 1000, rules: ['memory', 'disk:/data'] });
  assert.deepEqual(parseCommand('{"type":"command","id":2,"name":"unmute","rules":["memory"]}'), { type: 'command', id: 2, name: 'unmute', rules: ['memory'] });
  assert.deepEqual(parseCommand('{"type":"command","id":3,"name":"unmute"}'), { type: 'command', id: 3, name: 'unmute' });
  for (const rules of ['[]', '"memory"', '[1]', '[""]', `["${'x'.repeat(257)}"]`, JSON.stringify(Array.from({ length: 257 }, (_, i) => `r${i}`)), 'null']) {
    for (const name of ['mute', 'unmute']) {
      const parsed = parseCommand(`{"type":"command","id":4,"name":"${name}","durationMs":1000,"rules":${rules}}`) as { error: string; id: number };
      assert.match(parsed.error, new RegExp(`^${name}: "rules" must be a list of 1 to 256 rule ids`), `${name} ${rules.slice(0, 20)}`);
      assert.equal(parsed.id, 4);
    }
  }
});

test('rule mutes cross the socket: commands with rules, ruleMutes in the snapshot and the live mute event; a 1.0 owner is not sent rules', async () => {
  const store = storeWithHistory();
  store.ruleMutes = { cpu: { sinceMs: 1, untilMs: null } };
  const commands = fakeCommands();
  const path = socketPath();
  const server = await startControlServer({ socketPath: path, store, owner: () => owner, commands, onWarning: assert.fail });
  after(() => server.close());
  const remote = await RemoteMonitor.attach(path, new FakeClock());
  after(() => remote.close());
  assert.deepEqual(remote.store.ruleMutes, { cpu: { sinceMs: 1, untilMs: null } }, 'from the snapshot');
  await remote.commands.mute(60_000, ['memory']);
  await remote.commands.unmute(['cpu']);
  await remote.commands.unmute();
  assert.deepEqual(commands.calls, ['mute 60000 memory', 'unmute cpu', 'unmute']);
  const seen = new Promise<unknown>((resolve) => remote.store.subscribe((e) => e.type === 'mute' && resolve(e)));
  store.ruleMutes = { memory: { sinceMs: 5, untilMs: 65 } };
  store.emit({ type: 'mute', mute: null, ruleMutes: store.ruleMutes, rules: ['memory'], reason: 'mute', timeMs: 5 });
  assert.deepEqual(await seen, { type: 'mute', reason: 'mute', rules: ['memory'], mute: null, ruleMutes: { memory: { sinceMs: 5, untilMs: 65 } }, timeMs: 5 });
  assert.deepEqual(remote.store.ruleMutes, { memory: { sinceMs: 5, untilMs: 65 } });

  // An owner of protocol 1.0 would ignore "rules" and mute everything: the client refuses to send them.
  const oldPath = socketPath();
  const { createServer } = await import('node:net');
  const received: string[] = [];
  const old = createServer((s) => {
    s.write(`{"type":"hello","protocol":"1.0","srvmon":"0.9.0","owner":${JSON.stringify(owner)}}\n{"type":"snapshot","history":{"capacity":1,"timesMs":[],"series":{}},"latest":null,"host":null,"rules":[],"mute":null,"overrides":{},"channels":[],"log":[]}\n`);
    s.on('data', (d) => received.push(String(d)));
  });
  await new Promise<void>((resolve) => old.listen(oldPath, resolve));
  after(() => old.close());
  const connection = await connectControl(oldPath);
  await assert.rejects(connection.command({ name: 'mute', durationMs: 1000, rules: ['memory'] }), (error: unknown) => error instanceof AttachError && /\(0\.9\.0\) cannot mute single rules/.test(error.message));
  connection.close();
  assert.deepEqual(received, [], 'nothing was sent');
});

test('LineSplitter: lines across chunks, and a limit on one line', () => {
  const splitter = new LineSplitter(10);
  assert.deepEqual(splitter.push(Buffer.from('ab')), []);
  assert.deepEqual(splitter.push(Buffer.from('c\nde\nf')), ['abc', 'de']);
  assert.throws(() => splitter.push(Buffer.from('0123456789')), /longer than 10 bytes/);
});
