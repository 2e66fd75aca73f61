// Mutes of single rules in the dashboard: the side bar marks them, the palette offers them and their end, the actions
// send them to the port, and the log line names the rules, in both languages.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MonitorCommands, MonitorPort } from '../../src/app/monitor-port.js';
import { MonitorStore, type MuteEvent } from '../../src/store/monitor-store.js';
import { muteNoticeText, runAction, type ActionContext } from '../../src/ui/dashboard-actions.js';
import { initialState } from '../../src/ui/dashboard-state.js';
import { filterPalette, paletteCommands } from '../../src/ui/view-models/palette.js';
import { ruleNameById } from '../../src/ui/view-models/rule-display.js';
import { sideBarRows } from '../../src/ui/view-models/side-bar.js';
import { ASCII_SYMBOLS, UNICODE_SYMBOLS } from '../../src/ui/view-models/symbols.js';
import { textCols } from '../../src/ui/view-models/text-width.js';
import { EN, status, T0, ZH } from './fixtures.js';

const rules = [status('cpu', { threshold: 80, critical: 95 }, 'critical', 97), status('memory', {}, 'warning'), status('disk:/data', { threshold: 90 })];
const values = { cpu: 97.04, memory: 81.5 };

test('side bar: a rule muted on its own has the mute mark after its name, aligned; Unicode and ASCII', () => {
  const input = { rules, overrides: {}, values, selectedIndex: 1, locale: 'en' as const, strings: EN, widthCols: 30 };
  const rows = sideBarRows({ ...input, symbols: UNICODE_SYMBOLS, mutedRuleIds: ['memory'] });
  assert.deepEqual(rows.map((r) => r.text), [
    '  CPU        97%  80/95%  CRIT',
    '▶ Memory ⊘ 81.5%     80%  WARN',
    '  …/data       -     90%  --  ',
  ]);
  assert.deepEqual(rows.map((r) => r.muted), [false, true, false]);
  const ascii = sideBarRows({ ...input, symbols: ASCII_SYMBOLS, mutedRuleIds: ['memory'] });
  assert.equal(ascii[1]!.text, '> Memory M 81.5%     80%  WARN');
  for (const row of [...rows, ...ascii]) assert.equal(textCols(row.text), 30);
  // Nothing muted: the label keeps its full width, as before.
  assert.equal(sideBarRows({ ...input, symbols: UNICODE_SYMBOLS })[1]!.text, '▶ Memory   81.5%     80%  WARN');
  // zh-CN names are two columns a character: still aligned.
  for (const row of sideBarRows({ ...input, locale: 'zh-CN', strings: ZH, symbols: UNICODE_SYMBOLS, mutedRuleIds: ['cpu', 'memory'] })) assert.equal(textCols(row.text), 30);
});

test('palette: mute each rule for 1h or until unmuted; unmute only the rules muted now', () => {
  const commands = paletteCommands(rules, 'en', EN, UNICODE_SYMBOLS, ['memory']);
  const byLabel = new Map(commands.map((c) => [c.label, c.action]));
  assert.deepEqual(byLabel.get('Mute Memory for 1h'), { kind: 'mute', durationMs: 3_600_000, rules: ['memory'] });
  assert.deepEqual(byLabel.get('Mute Disk /data until unmuted'), { kind: 'mute', durationMs: null, rules: ['disk:/data'] });
  assert.deepEqual(byLabel.get('Unmute Memory'), { kind: 'unmute', rules: ['memory'] });
  assert.equal(byLabel.has('Unmute CPU'), false, 'CPU is not muted');
  assert.equal(filterPalette('mute memory 1h', commands)[0]?.label, 'Mute Memory for 1h');
  assert.equal(filterPalette('unmute memory', commands)[0]?.label, 'Unmute Memory');
  assert.equal(filterPalette('unmute', commands)[0]?.label, 'Unmute', 'the global unmute still comes first');
  assert.equal(filterPalette('mute 4h', commands)[0]?.label, 'Mute for 4h');
  const zh = paletteCommands(rules, 'zh-CN', ZH, UNICODE_SYMBOLS, ['memory']);
  assert.equal(filterPalette('mute memory 1h', zh)[0]?.label, '静音内存 1h', 'English words find it in the zh-CN palette');
  assert.equal(filterPalette('unmute memory', zh)[0]?.label, '取消内存静音');
});

function setup() {
  const store = new MonitorStore(10, 1000);
  store.rules = rules;
  const calls: unknown[][] = [];
  const commands: MonitorCommands = {
    mute: async (durationMs, ids) => (calls.push(['mute', durationMs, ids]), { sinceMs: T0, untilMs: null }),
    unmute: async (ids) => void calls.push(['unmute', ids]),
    setThreshold: async () => null,
    resetOverrides: async () => {},
    sendTestAlert: async () => [],
  };
  const port: MonitorPort = { store, locale: 'en', commands, link: () => ({ kind: 'local' }) };
  const state = initialState();
  const ctx: ActionContext = { monitor: port, state, strings: EN, locale: 'en', nowMs: () => T0, invalidate: () => {}, freezeCharts: () => null, quit: () => {} };
  return { calls, state, ctx };
}

test('the palette\'s rule mutes reach the port with their rules; a refused one becomes a notice', async () => {
  const { calls, state, ctx } = setup();
  runAction({ kind: 'mute', durationMs: 3_600_000, rules: ['memory'] }, ctx);
  runAction({ kind: 'unmute', rules: ['memory'] }, ctx);
  runAction({ kind: 'unmute' }, ctx);
  assert.deepEqual(calls, [['mute', 3_600_000, ['memory']], ['unmute', ['memory']], ['unmute', undefined]]);
  ctx.monitor.commands.mute = async () => {
    throw new Error('unknown rule "disk:/gone"; the rules are cpu, memory');
  };
  runAction({ kind: 'mute', durationMs: null, rules: ['disk:/gone'] }, ctx);
  await new Promise((resolve) => setImmediate(resolve));
  assert.match(state.notices.at(-1)!.message, /^mute: unknown rule "disk:\/gone"/);
});

test('the log line of a mute change names the rules, in both languages', () => {
  const untilMs = T0 + 3_600_000;
  const event = (reason: MuteEvent['reason'], ids: string[] | null): MuteEvent => ({
    type: 'mute',
    reason,
    rules: ids,
    mute: ids === null && reason === 'mute' ? { sinceMs: T0, untilMs } : null,
    ruleMutes: ids && reason === 'mute' ? Object.fromEntries(ids.map((id) => [id, { sinceMs: T0, untilMs }])) : {},
    timeMs: T0,
  });
  const nameOf = (id: string): string => ruleNameById(rules, id, 'en');
  assert.equal(muteNoticeText(EN, event('mute', ['memory', 'disk:/data']), nameOf), 'Memory, Disk /data muted until 15:03:07');
  assert.equal(muteNoticeText(EN, event('unmute', ['memory']), nameOf), 'Memory unmuted');
  assert.equal(muteNoticeText(EN, event('expired', ['memory']), nameOf), 'mute of Memory expired');
  assert.equal(muteNoticeText(EN, event('mute', null), nameOf), 'muted until 15:03:07');
  assert.equal(muteNoticeText(ZH, event('mute', ['memory']), (id) => ruleNameById(rules, id, 'zh-CN')), '内存已静音至 15:03:07');
  assert.equal(muteNoticeText(EN, event('unmute', ['disk:/gone\x1b[31m']), nameOf), 'disk:/gone\\x1b[31m unmuted', 'an unknown id is shown escaped');
});
