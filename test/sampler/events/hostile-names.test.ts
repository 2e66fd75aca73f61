// A process names itself: its comm is untrusted. From /proc bytes to every target, it cannot drive a terminal nor
// become markup: made printable when read (procText), escaped by each target like any message text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatAlertMessage } from '../../../src/alerts/messages.js';
import { alertLine } from '../../../src/headless/event-line.js';
import { htmlBody, textBody } from '../../../src/notify/notification-text.js';
import { procText } from '../../../src/sampler/proc-text.js';
import { processReadings } from '../../../src/sampler/events/process-watch.js';
import type { ProcessRow } from '../../../src/sampler/processes.js';
import type { AlertEvent } from '../../../src/types.js';

test('a hostile process name is escaped in the headless line, the mail text and the mail HTML', () => {
  const name = procText(Buffer.from('<script>\x1b[2J'));
  const row: ProcessRow = {
    pid: 66, ppid: 1, state: 'R', name, command: name, kernelThread: false, uid: 0, user: 'root', rssBytes: 1, threads: 1,
    cpuTicks: 1, startTimeTicks: 1, cpuPct: 99, memoryPct: 0,
  };
  const { subjects } = processReadings([row], { busiest: { threshold: 90, exclude: [] } }, new Map(), 0);
  const message = formatAlertMessage({ kind: 'process', state: 'firing', severity: 'warning', value: 99, level: 90, window: 1, durationMs: 0, subject: subjects.processCpu }, 'en');
  assert.equal(message, 'Busiest process <script>\\x1b[2J (pid 66, user root) at 99% CPU, above 90%');
  const event: AlertEvent = {
    type: 'alert', id: 'e', timeMs: 0, rule: 'process', kind: 'process', state: 'firing', severity: 'warning', value: 99, threshold: 90,
    window: 1, notify: true, muted: false, message, sinceMs: 0,
  };
  assert.ok(!alertLine(event).includes('\x1b'));
  const notification = { id: 'e', event, host: 'web-1', locale: 'en' as const };
  assert.ok(!textBody(notification).includes('\x1b'));
  const html = htmlBody(notification);
  assert.ok(!html.includes('<script>') && html.includes('&lt;script&gt;'), html);
});
