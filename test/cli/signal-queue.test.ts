// SignalQueue: signals that come during start wait for the monitor; a reload storm is one reload; a stop wins.
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { mock, test } from 'node:test';
import { SignalQueue, type QueuedSignal } from '../../src/cli/signal-queue.js';

function setup(): { source: EventEmitter; queue: SignalQueue; calls: string[]; unheard: QueuedSignal[] } {
  const source = new EventEmitter();
  const unheard: QueuedSignal[] = [];
  const queue = new SignalQueue({ source, stopDeadlineMs: 1500, onStopUnheard: (signal) => unheard.push(signal) });
  return { source, queue, calls: [], unheard };
}

const handlers = (calls: string[]) => ({ SIGHUP: () => calls.push('reload'), SIGTERM: () => calls.push('stop TERM'), SIGINT: () => calls.push('stop INT') });

test('SIGHUPs during start are one reload once the monitor runs', () => {
  const { source, queue, calls } = setup();
  source.emit('SIGHUP');
  source.emit('SIGHUP');
  source.emit('SIGHUP');
  assert.deepEqual(calls, []);
  queue.attach(handlers(calls));
  assert.deepEqual(calls, ['reload']);
  source.emit('SIGHUP');
  assert.deepEqual(calls, ['reload', 'reload'], 'after start, each signal goes straight to its handler');
});

test('a stop during start wins over a reload', () => {
  const { source, queue, calls } = setup();
  source.emit('SIGHUP');
  source.emit('SIGTERM');
  queue.attach(handlers(calls));
  assert.deepEqual(calls, ['stop TERM']);
});

test('a stop during a start that never ends is carried out after the deadline; once attached, no deadline', (t) => {
  mock.timers.enable({ apis: ['setTimeout'] });
  t.after(() => mock.timers.reset());
  const hung = setup();
  hung.source.emit('SIGINT');
  mock.timers.tick(1499);
  assert.deepEqual(hung.unheard, []);
  mock.timers.tick(1);
  assert.deepEqual(hung.unheard, ['SIGINT']);

  const quick = setup();
  quick.source.emit('SIGTERM');
  mock.timers.tick(500);
  quick.queue.attach(handlers(quick.calls));
  mock.timers.tick(5000);
  assert.deepEqual(quick.calls, ['stop TERM']);
  assert.deepEqual(quick.unheard, []);
});

test('nothing queued: attach calls nothing', () => {
  const { queue, calls } = setup();
  queue.attach(handlers(calls));
  assert.deepEqual(calls, []);
});
