import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EN, ZH } from './fixtures.js';
import { actionForKey, KEYMAP } from '../../src/ui/keymap.js';
import { createRenderScheduler, type Part } from '../../src/ui/render-scheduler.js';
import { helpLines } from '../../src/ui/view-models/help-overlay.js';
import { computeLayout, type Layout, type Rect } from '../../src/ui/view-models/layout.js';
import { ASCII_SYMBOLS } from '../../src/ui/view-models/symbols.js';

const inside = (r: Rect, cols: number, rows: number): boolean => r.left >= 0 && r.top >= 0 && r.left + r.width <= cols && r.top + r.height <= rows && r.width > 0 && r.height > 0;

test('layout: every panel inside the screen from 40x12 up; smaller is "too small"', () => {
  assert.deepEqual(computeLayout(39, 24), { tooSmall: true });
  assert.deepEqual(computeLayout(80, 11), { tooSmall: true });
  assert.deepEqual(computeLayout(30, 8), { tooSmall: true });
  for (const [cols, rows] of [[40, 12], [80, 24], [100, 30], [200, 60], [41, 19], [300, 100]] as const) {
    const layout = computeLayout(cols, rows) as Layout;
    assert.equal(layout.tooSmall, false);
    for (const rect of [layout.title, layout.sideBar, layout.cpuChart, layout.log, layout.status, ...(layout.memoryChart ? [layout.memoryChart] : [])]) {
      assert.ok(inside(rect, cols, rows), `${JSON.stringify(rect)} in ${cols}x${rows}`);
    }
    assert.equal(layout.status.top, rows - 1);
    assert.ok(layout.cpuChart.height >= 6, 'a chart keeps room for a line and its labels');
  }
  assert.equal((computeLayout(40, 12) as Layout).memoryChart, null, 'one chart at the minimum size');
  const normal = computeLayout(80, 24) as Layout;
  assert.deepEqual([normal.cpuChart.height, normal.memoryChart?.height, normal.log.height, normal.sideBar.width], [8, 8, 6, 30]);
});

test('the key table: m t + - > < Ctrl+P : p c ? q Ctrl+C and the arrows each map to one action', () => {
  assert.deepEqual(actionForKey('m', 'm'), { kind: 'toggleMute' });
  assert.deepEqual(actionForKey(undefined, '+'), { kind: 'nudgeThreshold', delta: 1 });
  assert.deepEqual(actionForKey(undefined, '<'), { kind: 'nudgeThreshold', delta: -5 });
  assert.deepEqual(actionForKey('C-p', undefined), { kind: 'openPalette' });
  assert.deepEqual(actionForKey(undefined, ':'), { kind: 'openPalette' });
  assert.deepEqual(actionForKey('C-c', undefined), { kind: 'quit' });
  assert.deepEqual(actionForKey('j', 'j'), { kind: 'select', delta: 1 });
  assert.deepEqual(actionForKey('up', undefined), { kind: 'select', delta: -1 });
  assert.equal(actionForKey('x', 'x'), undefined);
  const keys = KEYMAP.flatMap((b) => b.keys);
  assert.equal(new Set(keys).size, keys.length, 'no key bound twice');
});

test('help lists every visible key binding from the same table, ASCII-safe', () => {
  const lines = helpLines(KEYMAP, EN, ASCII_SYMBOLS);
  assert.equal(lines.length, KEYMAP.filter((b) => !b.hidden).length + EN.helpViewKeys.length + 3);
  assert.ok(lines.some((l) => /^\+ -\s+Raise \/ lower selected threshold by 1$/.test(l)), 'one row for + and -');
  assert.ok(lines.some((l) => /^m\s+Mute \/ unmute \(30m\)$/.test(l)));
  assert.ok(lines.some((l) => /^up\/down k\/j\s+Select rule$/.test(l)));
  for (const line of lines) assert.match(line, /^[\x20-\x7e]*$/);
});

test('help lists the keys of the processes and network views, in both languages', () => {
  for (const strings of [EN, ZH]) {
    const lines = helpLines(KEYMAP, strings, ASCII_SYMBOLS);
    const processes = lines.find((l) => l.includes('(2)'));
    const network = lines.find((l) => l.includes('(3)'));
    assert.ok(processes && network, lines.join('\n'));
    // Every key the processes view takes for itself (view-models/process-view.ts), as the help writes it.
    for (const key of ['s ', '/ ', 'f ', 'K ']) assert.ok(processes.includes(key), `${key.trim()} in "${processes}"`);
    assert.ok(network.includes('a '), network);
  }
});

test('render scheduler: events of one tick become one render with the union of parts', () => {
  const renders: Part[][] = [];
  const pending: (() => void)[] = [];
  const scheduler = createRenderScheduler((dirty) => renders.push([...dirty].sort()), (fn) => {
    pending.push(fn);
    return () => pending.splice(pending.indexOf(fn), 1);
  });
  scheduler.invalidate('charts', 'side');
  scheduler.invalidate('side', 'status');
  assert.equal(pending.length, 1, 'one deferred render for the whole tick');
  pending.shift()!();
  assert.deepEqual(renders, [['charts', 'side', 'status']]);
  scheduler.invalidate('log');
  scheduler.flush();
  assert.equal(pending.length, 0, 'flush cancels the deferred render');
  assert.deepEqual(renders[1], ['log']);
  scheduler.invalidate('title');
  scheduler.cancel();
  assert.equal(renders.length, 2, 'nothing after cancel');
});
