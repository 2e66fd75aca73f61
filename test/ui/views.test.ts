// View models of the main area's tabs: the tab row, the processes table and its keys, the network and disks rows,
// the overview's info line. Pure: fixtures in, lines out, at the widths the main area has at 80 and 200 columns.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { selectProcesses, type ProcessRow } from '../../src/sampler/processes.js';
import { computeLayout, type Layout } from '../../src/ui/view-models/layout.js';
import { mainArea } from '../../src/ui/view-models/main-area.js';
import { INITIAL_PROCESS_VIEW, processKey, processTableLines, resolveSelection, type ProcessViewState } from '../../src/ui/view-models/process-view.js';
import { diskLines, infoLine, networkLines } from '../../src/ui/view-models/resource-views.js';
import { sparkline } from '../../src/ui/view-models/sparkline.js';
import { ASCII_SYMBOLS, UNICODE_SYMBOLS } from '../../src/ui/view-models/symbols.js';
import { textCols } from '../../src/ui/view-models/text-width.js';
import { viewStrings } from '../../src/ui/view-models/view-strings.js';
import { cycleView, tabRow, tabRowText } from '../../src/ui/view-models/views.js';

const EN = viewStrings('en', false);
const ZH = viewStrings('zh-CN', false);

function row(pid: number, name: string, cpuPct: number | undefined, rssMb: number, extra: Partial<ProcessRow> = {}): ProcessRow {
  return {
    pid, ppid: 1, state: 'S', name, command: `/usr/bin/${name} --serve /srv/${name}`, kernelThread: false, uid: 0, user: 'root',
    rssBytes: rssMb * 1024 * 1024, threads: 1, cpuTicks: 0, startTimeTicks: pid, cpuPct, memoryPct: rssMb / 10, ...extra,
  };
}

const ROWS: ProcessRow[] = [
  row(100, 'postgres', 12.5, 300),
  row(200, 'nginx', 40, 20),
  row(300, 'node', undefined, 90),
  row(2, 'kthreadd', 0, 0, { kernelThread: true, command: '[kthreadd]', state: 'I' }),
  row(400, 'evil\x1b]0;pwned\x07', 1, 1, { user: 'bob\nroot' }),
];

/** The main area's width at a terminal size (the side bar takes the rest). */
function bodyOf(cols: number, rows: number): { width: number; height: number } {
  return mainArea(computeLayout(cols, rows) as Layout).body;
}

test('main area: a tab row on top; the overview keeps both charts and an info line at 80x24, more rows at 200x60', () => {
  const small = mainArea(computeLayout(80, 24) as Layout);
  assert.deepEqual(small.tabs, { left: 30, top: 1, width: 50, height: 1 });
  assert.ok(small.memoryChart && small.info, 'both charts and the info line at 80x24');
  assert.ok(small.cpuChart.height >= 6 && small.memoryChart.height >= 6);
  const large = mainArea(computeLayout(200, 60) as Layout);
  assert.ok(large.body.height > 40 && large.body.width === 160);
  const tiny = mainArea(computeLayout(40, 12) as Layout);
  assert.equal(tiny.memoryChart, null, 'one chart at 40x12');
  assert.equal(tiny.info, null);
});

test('tab row: numbers and names, the active one bracketed; names shrink to numbers when narrow; both locales', () => {
  assert.equal(tabRowText(tabRow('processes', EN, 50, '|'), 50, '|').trimEnd(), ' 1 Overview |[2 Processes]| 3 Network | 4 Disks');
  const narrow = tabRowText(tabRow('network', EN, 26, '|'), 26, '|');
  assert.equal(narrow.trimEnd(), ' 1 | 2 |[3 Network]| 4');
  const zh = tabRow('disks', ZH, 50, '│');
  assert.deepEqual(zh.map((s) => s.active), [false, false, false, true]);
  assert.ok(textCols(tabRowText(zh, 50, '│')) === 50);
  assert.equal(cycleView('disks', 1), 'overview');
  assert.equal(cycleView('overview', -1), 'disks');
});

test('process keys: s cycles CPU / memory / pid; / opens a filter prompt that takes every key; Esc clears; K kernel threads', () => {
  let s: ProcessViewState = INITIAL_PROCESS_VIEW;
  const key = (full: string | undefined, ch?: string): void => {
    const next = processKey(s, { full, ch });
    assert.ok(next, `key ${full ?? ch} handled`);
    s = next;
  };
  key('s');
  assert.equal(s.sortBy, 'memory');
  key('s');
  key('s');
  assert.equal(s.sortBy, 'cpu');
  key(undefined, '/');
  assert.equal(s.editingFilter, true);
  for (const ch of 'ngq2') key(ch, ch); // q and 2 are the filter's while the prompt is open
  key('backspace');
  key('backspace');
  assert.equal(s.filter, 'ng');
  key('enter');
  assert.equal(s.editingFilter, false);
  assert.equal(s.filter, 'ng', 'Enter keeps the filter');
  assert.equal(processKey(s, { full: 'q', ch: 'q' }), undefined, 'q quits again once the prompt is closed');
  key('escape');
  assert.equal(s.filter, '', 'Esc clears a kept filter');
  assert.equal(processKey(s, { full: 'escape', ch: undefined }), undefined, 'with no filter, Esc is the dashboard\'s');
  key('S-k', 'K');
  assert.equal(s.showKernelThreads, true);
  assert.equal(processKey(s, { full: 'm', ch: 'm' }), undefined, 'other keys stay the dashboard\'s');
});

test('selection: up/down move it and clamp; f follows the selected pid as the order changes; a process that ends stops it', () => {
  let s = resolveSelection(INITIAL_PROCESS_VIEW, selectProcesses(ROWS));
  assert.equal(s.selectedPid, 200, 'top CPU row selected');
  s = processKey(s, { full: 'down', ch: undefined })!;
  s = resolveSelection(s, selectProcesses(ROWS));
  assert.equal(s.selectedPid, 100);
  s = processKey(s, { full: 'f', ch: 'f' })!;
  assert.equal(s.following, true);
  // postgres climbs to the top: the selection goes with it.
  const busier = ROWS.map((r) => (r.pid === 100 ? { ...r, cpuPct: 99 } : r));
  s = resolveSelection(s, selectProcesses(busier));
  assert.equal(s.selectedIndex, 0);
  assert.equal(s.selectedPid, 100);
  // Without following, the place is kept instead.
  const unfollowed = resolveSelection({ ...s, following: false, selectedIndex: 1 }, selectProcesses(busier));
  assert.equal(unfollowed.selectedPid, 200);
  // postgres ends: following stops, the selection stays in the table.
  s = resolveSelection(s, selectProcesses(busier.filter((r) => r.pid !== 100)));
  assert.equal(s.following, false);
  assert.equal(s.selectedIndex, 0);
  for (let i = 0; i < 10; i++) s = processKey(s, { full: 'down', ch: undefined })!;
  s = resolveSelection(s, selectProcesses(ROWS));
  assert.equal(s.selectedIndex, 3, 'clamped to the last row (kernel threads hidden)');
});

test('process table at 80 columns (50-wide main area): PID USER CPU% MEM% RSS S and the name; hostile names escaped', () => {
  const { width } = bodyOf(80, 24);
  const rows = selectProcesses(ROWS);
  const state = resolveSelection(INITIAL_PROCESS_VIEW, rows);
  const lines = processTableLines({ rows, total: 4, state, strings: EN, symbols: UNICODE_SYMBOLS, widthCols: width, heightRows: 15 });
  for (const line of lines) assert.equal(textCols(line.text), width, line.text);
  assert.equal(lines[0]!.text.trimEnd(), ' 4 processes · sort: CPU');
  assert.equal(lines[1]!.text.trimEnd(), ' s sort  / filter  f follow  K kernel', 'the keys on a line of their own when narrow');
  assert.equal(lines[2]!.text.trimEnd(), '    PID USER       CPU%  MEM%    RSS S COMMAND');
  assert.equal(lines[3]!.text.trimEnd(), '    200 root       40.0   2.0   20MB S nginx');
  assert.equal(lines[3]!.selected, true);
  assert.equal(lines[6]!.text.trimEnd(), '    300 root          -   9.0   90MB S node', 'no CPU % yet sorts last');
  const evil = lines.find((l) => l.text.includes('400'))!.text;
  assert.ok(!/[\u0000-\u001f]/.test(evil), 'no control character reaches the screen');
  assert.match(evil, /bob\\nroo/);
  assert.ok(!lines.some((l) => l.text.includes('kthreadd')), 'kernel threads hidden by default');
});

test('process table at 200 columns: the command line with its arguments, status and keys on one line; zh-CN fits', () => {
  const { width } = bodyOf(200, 60);
  const rows = selectProcesses(ROWS, { sortBy: 'memory', showKernelThreads: true });
  const state: ProcessViewState = { ...resolveSelection(INITIAL_PROCESS_VIEW, rows), sortBy: 'memory', showKernelThreads: true };
  const lines = processTableLines({ rows, total: 5, state, strings: EN, symbols: UNICODE_SYMBOLS, widthCols: width, heightRows: 45, readMs: 4.4 });
  assert.match(lines[0]!.text, /^ 5 processes · sort: memory · kernel threads shown · read 4 ms {3}s sort/);
  assert.match(lines[2]!.text, /^ {4}100 root .* \/usr\/bin\/postgres --serve \/srv\/postgres/);
  assert.ok(lines.some((l) => l.text.includes('[kthreadd]')));
  const zh = processTableLines({ rows, total: 5, state, strings: ZH, symbols: UNICODE_SYMBOLS, widthCols: 50, heightRows: 10 });
  for (const line of zh) assert.equal(textCols(line.text), 50, line.text);
});

test('process table: the filter prompt, a filtered count, following, and scrolling that keeps the selection visible', () => {
  const many = Array.from({ length: 30 }, (_, i) => row(1000 + i, `worker${i}`, 30 - i, 10));
  const rows = selectProcesses(many, { filter: 'WORKER2' });
  assert.deepEqual(rows.map((r) => r.pid), [1002, 1020, 1021, 1022, 1023, 1024, 1025, 1026, 1027, 1028, 1029]);
  const prompt = processTableLines({ rows, total: 30, state: { ...INITIAL_PROCESS_VIEW, filter: 'worker2', editingFilter: true }, strings: EN, symbols: ASCII_SYMBOLS, widthCols: 150, heightRows: 10 });
  assert.equal(prompt[0]!.text.trimEnd(), ' filter (Enter keeps, Esc clears): worker2_');
  const state = resolveSelection({ ...INITIAL_PROCESS_VIEW, filter: 'worker2', selectedIndex: 9, following: true, selectedPid: 1028 }, rows);
  const lines = processTableLines({ rows, total: 30, state, strings: EN, symbols: ASCII_SYMBOLS, widthCols: 150, heightRows: 6 });
  assert.match(lines[0]!.text, /11 of 30 processes - sort: CPU - filter: worker2 - following 1028/);
  assert.equal(lines.length, 6);
  assert.equal(lines.filter((l) => l.selected).length, 1);
  assert.match(lines.find((l) => l.selected)!.text, /^ +1028 /);
});

test('network rows: rates now and a sparkline of the last minute; lo and interfaces not shown are left out', () => {
  const values = { 'netRx:eth0': 1536, 'netTx:eth0': 100, 'netRx:lo': 5, 'netTx:lo': 5, 'netRx:docker0': 0, 'netTx:docker0': 0, 'netRx:we\x1bird': 1, 'netTx:we\x1bird': 1 };
  const history = (key: string): number[] => (key === 'netRx:eth0' ? [0, 512, 1024, Number.NaN, 1536] : [0, 0]);
  const lines = networkLines({ values, shown: new Set(['eth0', 'we\x1bird']), history, strings: EN, ascii: false, widthCols: 50 });
  assert.equal(lines.length, 4);
  assert.equal(lines[0]!.text.trimEnd(), ' a: all interfaces', 'the key wins over the title at 50 columns');
  assert.equal(lines[2]!.text.trimEnd(), ' eth0              1.5KB/s     100B/s        ▁▃▆ █', 'newest at the right edge');
  assert.match(lines[3]!.text, /we\\x1bird/);
  const before = networkLines({ values, shown: undefined, history, strings: EN, ascii: true, widthCols: 150 });
  assert.deepEqual(before.slice(2).map((l) => l.text.trim().split(' ')[0]), ['docker0', 'eth0', 'we\\x1bird'], 'before /sys is read: all but lo');
  assert.match(before[1]!.text, /RX last minute +TX last minute/, 'TX history too on a wide view');
  assert.equal(sparkline([0, 1, 2, 3, 4, 5, 6, 7], 8, true), '_.,:-=+#');
  const all = networkLines({ values, shown: new Set(['eth0']), showAll: true, history, strings: EN, ascii: true, widthCols: 150 });
  assert.deepEqual(all.slice(2).map((l) => l.text.trim().split(' ')[0]), ['docker0', 'eth0', 'lo', 'we\\x1bird'], 'a: every interface, lo and down ones too');
  assert.match(all[0]!.text, /a: up ones only/);
  for (const line of networkLines({ values, shown: undefined, history, strings: ZH, ascii: false, widthCols: 50 })) assert.equal(textCols(line.text), 50);
});

test('disk rows: used %, free, read and write per second, busy %; a gap is "-"; long mount points keep their end', () => {
  const values = {
    'disk:/': 42.5, 'diskFree:/': 50 * 1024 ** 3, 'diskRead:/': 2048, 'diskWrite:/': 1024 ** 2, 'diskBusy:/': 12.34,
    'disk:/srv/a/very/long/mount/point/for/data': 90,
  };
  const lines = diskLines({ values, strings: EN, symbols: UNICODE_SYMBOLS, widthCols: 70 });
  assert.equal(lines[1]!.text.trimEnd(), ' MOUNT                      USED     FREE     READ/s    WRITE/s   BUSY');
  assert.equal(lines[2]!.text.trimEnd(), ' /                         42.5%     50GB    2.0KB/s    1.0MB/s  12.3%');
  assert.match(lines[3]!.text, /^ …g\/mount\/point\/for\/data +90\.0% +- +- +- +-$/);
  for (const line of diskLines({ values, strings: ZH, symbols: UNICODE_SYMBOLS, widthCols: 50 })) assert.equal(textCols(line.text), 50);
});

test('overview info line: load 1/5/15, swap and every core that fits', () => {
  const values = { load1: 0.52, load5: 0.4, load15: 0.333, load1PerCore: 0.26, swap: 1.25, 'cpu:0': 12.4, 'cpu:1': 40, 'cpu:10': 3, cpu: 20, 'netRx:eth0': 2048, 'netTx:eth0': 10, 'disk:/': 42 };
  assert.equal(infoLine({ values, strings: EN, symbols: UNICODE_SYMBOLS, widthCols: 70 }).trimEnd(), ' load 0.52 0.40 0.33 (0.26/core) · swap 1.3% · cores 12 40 3 · / 42.0%', 'an interface only once /sys says it is up');
  assert.equal(
    infoLine({ values: { ...values, 'netRx:ifb0': 0, 'netTx:ifb0': 0 }, shownInterfaces: new Set(['eth0']), strings: EN, symbols: UNICODE_SYMBOLS, widthCols: 160 }).trimEnd(),
    ' load 0.52 0.40 0.33 (0.26/core) · swap 1.3% · cores 12 40 3 · eth0 rx 2.0KB/s tx 10B/s · / 42.0%',
    'a wide screen shows more at once; interfaces that are down are left out',
  );
  assert.equal(infoLine({ values, strings: EN, symbols: ASCII_SYMBOLS, widthCols: 30 }), ' load 0.52 0.40 0.33 (0.26/co~');
  assert.equal(infoLine({ values: undefined, strings: ZH, symbols: UNICODE_SYMBOLS, widthCols: 40 }).trimEnd(), ' 负载 - - - · 交换 -');
});
