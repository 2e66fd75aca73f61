import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EN, status, ZH } from './fixtures.js';
import { filterPalette, paletteCommands, splitTrailingNumber } from '../../src/ui/view-models/palette.js';
import { EMPTY_PALETTE, paletteKey, type PaletteState } from '../../src/ui/view-models/palette-input.js';
import { UNICODE_SYMBOLS } from '../../src/ui/view-models/symbols.js';

const rules = [status('cpu'), status('memory'), status('disk:/data')];
const commands = paletteCommands(rules, 'en', EN, UNICODE_SYMBOLS);

test('the palette lists every action: mute choices, unmute, test, per-rule thresholds, reset, per-core, pause, help, quit', () => {
  const labels = commands.map((c) => c.label);
  for (const label of ['Mute for 15m', 'Mute for 1h', 'Mute for 4h', 'Mute until unmuted', 'Unmute', 'Send test alert', 'Set CPU threshold to...', 'Set Disk /data threshold to...', 'Reset threshold overrides', 'Toggle per-core CPU lines', 'Pause / resume charts', 'Help: list keys', 'Quit']) {
    assert.ok(labels.includes(label), label);
  }
  assert.equal(commands.find((c) => c.label === 'Send test alert')?.key, 't', 'the key shown next to the command');
});

test('fuzzy filter; a trailing number fills the threshold value', () => {
  assert.equal(filterPalette('', commands).length, commands.length);
  assert.equal(filterPalette('tst alrt', commands)[0]?.label, 'Send test alert');
  const [first] = filterPalette('cpu threshold 90', commands);
  assert.equal(first?.label, 'Set CPU threshold to 90');
  assert.deepEqual(first?.action, { kind: 'setThreshold', ruleId: 'cpu', value: 90 });
  assert.equal(filterPalette('mute 4h', commands)[0]?.label, 'Mute for 4h');
  assert.deepEqual(filterPalette('zzzz', commands), []);
  assert.deepEqual(splitTrailingNumber('data 92.5'), { text: 'data', value: 92.5 });
  assert.deepEqual(splitTrailingNumber('90'), { text: '90', value: undefined });
});

test('English words find commands in the zh-CN palette too', () => {
  const zh = paletteCommands(rules, 'zh-CN', ZH, UNICODE_SYMBOLS);
  assert.equal(filterPalette('memory threshold 85', zh)[0]?.label, '设置内存阈值为 85');
  assert.equal(filterPalette('test alert', zh)[0]?.label, '发送测试告警');
});

function press(state: PaletteState, ...keys: { full?: string; ch?: string }[]): ReturnType<typeof paletteKey> {
  let outcome: ReturnType<typeof paletteKey> = { state };
  for (const key of keys) {
    if ('close' in outcome) break;
    outcome = paletteKey(outcome.state, key, commands);
  }
  return outcome;
}

const type = (text: string): { ch: string }[] => [...text].map((ch) => ({ ch }));

test('palette keys: typing filters, Enter runs, Escape closes, arrows move', () => {
  assert.deepEqual(press(EMPTY_PALETTE, ...type('unmute'), { full: 'enter' }), { close: true, run: { kind: 'unmute' } });
  assert.deepEqual(press(EMPTY_PALETTE, ...type('x'), { full: 'escape' }), { close: true });
  assert.deepEqual(press(EMPTY_PALETTE, ...type('ab'), { full: 'backspace' }), { state: { query: 'a', selected: 0 } });
  assert.deepEqual(press(EMPTY_PALETTE, { full: 'down' }, { full: 'down' }, { full: 'up' }), { state: { query: '', selected: 1 } });
  assert.deepEqual(press(EMPTY_PALETTE, { full: 'down' }, { full: 'enter' }), { close: true, run: { kind: 'mute', durationMs: 30 * 60_000 } });
  assert.deepEqual(press(EMPTY_PALETTE, ...type('cpu threshold 90'), { full: 'enter' }), { close: true, run: { kind: 'setThreshold', ruleId: 'cpu', value: 90 } });
});

test('set threshold without a number asks for the value in a second step', () => {
  const step = press(EMPTY_PALETTE, ...type('set cpu threshold'), { full: 'enter' });
  assert.ok('state' in step && step.state.prompt);
  assert.deepEqual(step.state.prompt, { ruleId: 'cpu', ruleName: 'CPU', current: '80%', input: '' });
  assert.deepEqual(press(step.state, ...type('x7')), { state: { ...step.state, prompt: { ...step.state.prompt, input: '7' } } }, 'letters ignored in the value');
  assert.deepEqual(press(step.state, ...type('92'), { full: 'enter' }), { close: true, run: { kind: 'setThreshold', ruleId: 'cpu', value: 92 } });
  assert.ok('state' in press(step.state, { full: 'enter' }), 'an empty value is not submitted');
});

test('the chart window entry: found by "window" or "24h" in either language, key z', () => {
  const [first] = filterPalette('chart window', commands);
  assert.deepEqual(first?.action, { kind: 'cycleChartWindow' });
  assert.equal(first?.command.key, 'z');
  const zh = paletteCommands(rules, 'zh-CN', ZH, UNICODE_SYMBOLS);
  assert.equal(filterPalette('chart window', zh)[0]?.label, '图表时间窗口：10分钟、1小时、6小时、24小时');
});
