// The dashboard's actions against a fake MonitorPort: every key ends in a command on the port (the monitor in this
// process or an attached agent), and a command that fails becomes a notice in the log, never an exception.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_MUTE_MS, type MonitorCommands, type MonitorPort } from '../../src/app/monitor-port.js';
import { MonitorStore } from '../../src/store/monitor-store.js';
import { runAction, type ActionContext } from '../../src/ui/dashboard-actions.js';
import { initialState } from '../../src/ui/dashboard-state.js';
import { EN, status, T0 } from './fixtures.js';

function setup(overrides: Partial<MonitorCommands> = {}) {
  const store = new MonitorStore(10, 1000);
  store.rules = [status('cpu', { threshold: 85 }), status('memory', { threshold: 90 })];
  const calls: unknown[][] = [];
  const commands: MonitorCommands = {
    mute: async (durationMs) => (calls.push(['mute', durationMs]), { sinceMs: T0, untilMs: durationMs === null ? null : T0 + durationMs }),
    unmute: async () => void calls.push(['unmute']),
    setThreshold: async (rule, value) => (calls.push(['setThreshold', rule, value]), null),
    resetOverrides: async () => void calls.push(['resetOverrides']),
    sendTestAlert: async () => (calls.push(['testAlert']), []),
    ...overrides,
  };
  const port: MonitorPort = { store, locale: 'en', commands, link: () => ({ kind: 'local' }) };
  const state = initialState();
  const invalidated: string[] = [];
  const ctx: ActionContext = { monitor: port, state, strings: EN, locale: 'en', nowMs: () => T0, invalidate: (...parts) => invalidated.push(...parts), freezeCharts: () => null, quit: () => calls.push(['quit']) };
  const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
  return { store, calls, state, ctx, settle, invalidated };
}

test('m mutes for 30 minutes when not muted, and unmutes when muted', async () => {
  const { store, calls, ctx } = setup();
  runAction({ kind: 'toggleMute' }, ctx);
  assert.deepEqual(calls, [['mute', DEFAULT_MUTE_MS]]);
  store.mute = { sinceMs: T0, untilMs: T0 + 60_000 };
  runAction({ kind: 'toggleMute' }, ctx);
  assert.deepEqual(calls.at(-1), ['unmute']);
  store.mute = { sinceMs: T0 - 120_000, untilMs: T0 - 60_000 }; // expired: m mutes again
  runAction({ kind: 'toggleMute' }, ctx);
  assert.deepEqual(calls.at(-1), ['mute', DEFAULT_MUTE_MS]);
});

test('+ raises the selected rule by one step; load steps by 0.1', async () => {
  const { store, calls, state, ctx, settle } = setup();
  state.selectedIndex = 1;
  runAction({ kind: 'nudgeThreshold', delta: 1 }, ctx);
  assert.deepEqual(calls, [['setThreshold', 'memory', 91]]);
  store.rules = [status('load', { threshold: 1.5 })];
  state.selectedIndex = 0;
  runAction({ kind: 'nudgeThreshold', delta: -1 }, ctx);
  assert.deepEqual(calls.at(-1), ['setThreshold', 'load', 1.4]);
  await settle();
});

test('a refused threshold and a monitor that went away are notices, not exceptions', async () => {
  const { state, ctx, settle } = setup({
    setThreshold: async () => 'threshold must be from 0 to 100',
    mute: async () => {
      throw new Error('not attached to srvmon (pid 4121 went away; reattaching)');
    },
  });
  runAction({ kind: 'setThreshold', ruleId: 'cpu', value: 120 }, ctx);
  runAction({ kind: 'toggleMute' }, ctx);
  await settle();
  assert.deepEqual(state.notices.map((n) => [n.level, n.message]), [
    ['warning', 'CPU: threshold must be from 0 to 100'],
    ['warning', 'mute: not attached to srvmon (pid 4121 went away; reattaching)'],
  ]);
});

test('t sends a test alert through the port; r resets overrides and says so once done', async () => {
  const { calls, state, ctx, settle } = setup();
  runAction({ kind: 'testAlert' }, ctx);
  runAction({ kind: 'resetOverrides' }, ctx);
  await settle();
  assert.deepEqual(calls, [['testAlert'], ['resetOverrides']]);
  assert.deepEqual(state.notices.map((n) => n.message), [EN.overridesReset]);
});

test('z cycles the chart window 10m, 1h, 6h, 24h and round; it is bound in the key table', async () => {
  const { state, ctx, invalidated } = setup();
  const { actionForKey } = await import('../../src/ui/keymap.js');
  const seen: string[] = [state.chartWindow];
  for (let i = 0; i < 4; i++) {
    runAction(actionForKey('z', 'z')!, ctx);
    seen.push(state.chartWindow);
  }
  assert.deepEqual(seen, ['10m', '1h', '6h', '24h', '10m']);
  assert.ok(invalidated.includes('charts'));
});
