// OutputStream: a failed write is recorded once, told once, and later writes are dropped instead of failing again.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { cannotWrite, OutputStream } from '../../src/cli/output-stream.js';

/** A stream whose writes fail with code after okWrites successful ones; counts the writes that reached it. */
function failingStream(code: string, okWrites = 0): Writable & { attempts: number; written: string } {
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      stream.attempts++;
      if (stream.attempts > okWrites) callback(Object.assign(new Error(`write ${code}`), { code }));
      else {
        stream.written += chunk.toString();
        callback();
      }
    },
  }) as Writable & { attempts: number; written: string };
  stream.attempts = 0;
  stream.written = '';
  return stream;
}

test('EPIPE: one failure, told once; a thousand later lines never reach the stream', async () => {
  const stream = failingStream('EPIPE', 1);
  const out = new OutputStream('stdout', stream);
  const told: string[] = [];
  out.onFailure((failure) => told.push(failure.code));
  out.line('first');
  out.line('second');
  assert.deepEqual(await out.flush(), { stream: 'stdout', code: 'EPIPE', tty: false });
  for (let i = 0; i < 1000; i++) out.line(`line ${i}`);
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(stream.written, 'first\n');
  assert.equal(stream.attempts, 2);
  assert.deepEqual(told, ['EPIPE']);
});

test('a listener added after the failure is told at once; flush resolves with the failure', async () => {
  const out = new OutputStream('stderr', failingStream('ENOSPC'));
  out.line('x');
  await out.flush();
  const told: string[] = [];
  out.onFailure((failure) => told.push(cannotWrite(failure)));
  assert.deepEqual(told, ['cannot write to stderr: ENOSPC']);
});

test('a terminal that fails is marked tty, so EIO there can be read as a hangup', async () => {
  const stream = Object.assign(failingStream('EIO'), { isTTY: true });
  const out = new OutputStream('stdout', stream);
  out.line('x');
  assert.deepEqual(await out.flush(), { stream: 'stdout', code: 'EIO', tty: true });
});

test('a write that fails elsewhere (a library writing to the stream itself) is caught by the listener too', async () => {
  const stream = failingStream('EIO');
  const out = new OutputStream('stdout', stream);
  stream.write('drawn by blessed'); // no callback: only the 'error' event tells
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(out.failure?.code, 'EIO');
});

test('no failure: flush resolves null once everything is written', async () => {
  const stream = failingStream('EPIPE', 10);
  const out = new OutputStream('stdout', stream);
  out.line('a');
  out.write('b');
  assert.equal(await out.flush(), null);
  assert.equal(stream.written, 'a\nb');
});
