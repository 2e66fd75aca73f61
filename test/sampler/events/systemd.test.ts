// The systemd kind: systemctl's JSON, the watch's cadence (one run per interval, never per tick), and its messages.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatAlertMessage } from '../../../src/alerts/messages.js';
import { parseFailedUnits } from '../../../src/sampler/events/systemctl-json.js';
import { EventReader } from '../../../src/sampler/events/event-reader.js';
import { SystemdWatch } from '../../../src/sampler/events/systemd-watch.js';
import { resolveRules } from '../../../src/config/resolve-rules.js';
import { fileSchema } from '../../../src/config/schema.js';

// As systemd 252 prints it (Debian 12).
const TWO_FAILED =
  '[{"unit":"backup.service","load":"loaded","active":"failed","sub":"failed","description":"Nightly backup"},' +
  '{"unit":"certbot.timer","load":"loaded","active":"failed","sub":"failed","description":"Run certbot twice daily"}]\n';

test('systemctl JSON: the failed units by name; [] and empty output are none; anything else is an error', () => {
  assert.deepEqual(parseFailedUnits(TWO_FAILED), ['backup.service', 'certbot.timer']);
  assert.deepEqual(parseFailedUnits('[]\n'), []);
  assert.deepEqual(parseFailedUnits(''), []);
  assert.deepEqual(parseFailedUnits('[{"unit":"x.service","active":"active"}]'), [], 'a unit that is not failed is not counted');
  assert.throws(() => parseFailedUnits('UNIT LOAD ACTIVE SUB DESCRIPTION\n'), /no JSON/);
  assert.throws(() => parseFailedUnits('{"unit":"x"}'), /not a list/);
  assert.throws(() => parseFailedUnits('[{"name":"x"}]'), /without a "unit"/);
});

async function settle(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
}

test('one systemctl run per interval, none per tick; a unit seen failed reads 1, then 0 once it is not; exclude hides it', async () => {
  let nowMs = 0;
  let output = TWO_FAILED;
  let runs = 0;
  const watch = new SystemdWatch({ monoMs: () => nowMs, run: async () => (runs++, output) });
  assert.deepEqual(watch.poll(60_000, []).values, {});
  await settle();
  for (let tick = 1; tick < 60; tick++) {
    nowMs = tick * 1000;
    assert.deepEqual(watch.poll(60_000, ['certbot.timer']).values, { 'unitFailed:backup.service': 1 });
  }
  assert.equal(runs, 1, '59 ticks, one run');
  output = '[]';
  nowMs = 60_000;
  watch.poll(60_000, []);
  await settle();
  assert.equal(runs, 2);
  assert.deepEqual(watch.poll(60_000, []).values, { 'unitFailed:backup.service': 0, 'unitFailed:certbot.timer': 0 });
});

test('a failing systemctl is reported as the systemd group\'s error; the last readings stay', async () => {
  let nowMs = 0;
  let fail = false;
  const watch = new SystemdWatch({
    monoMs: () => nowMs,
    run: async () => {
      if (fail) throw new Error('systemctl list-units failed: Failed to connect to bus: Host is down');
      return TWO_FAILED;
    },
  });
  watch.poll(10_000, []);
  await settle();
  fail = true;
  nowMs = 10_000;
  watch.poll(10_000, []);
  await settle();
  const reading = watch.poll(10_000, []);
  assert.match(String(reading.error), /Host is down/);
  assert.equal(reading.values['unitFailed:backup.service'], 1);
});

test('without systemd the rule is off with one info line and systemctl never runs', async () => {
  const infos: string[] = [];
  let runs = 0;
  const rules = resolveRules(fileSchema.parse({ rules: { systemd: { interval: '10s' } } }).rules, null).rules;
  const reader = new EventReader({
    inner: { readFast: async () => ({ values: {}, errors: {} }), readDisks: async () => ({ values: {}, errors: {} }) },
    rules: () => rules,
    stateDir: '/nonexistent',
    nowMs: () => 0,
    runsSystemd: () => false,
    systemd: new SystemdWatch({ monoMs: () => 0, run: async () => (runs++, '[]') }),
    onInfo: (message) => infos.push(message),
  });
  for (let tick = 0; tick < 5; tick++) await reader.readFast();
  assert.deepEqual(infos, ['the systemd rule is off: this host does not run systemd (no /run/systemd/system)']);
  assert.equal(runs, 0);
});

test('systemd messages name the unit, in en and zh-CN', () => {
  const base = { kind: 'systemd' as const, instance: 'backup.service', state: 'firing' as const, severity: 'warning' as const, value: 1, level: 0.9, window: 1, durationMs: 0 };
  assert.equal(formatAlertMessage(base, 'en'), 'Unit backup.service has failed');
  assert.equal(formatAlertMessage(base, 'zh-CN'), '服务单元backup.service已失败（failed），请关注');
  assert.equal(formatAlertMessage({ ...base, state: 'resolved', level: 0.1, durationMs: 180_000 }, 'en'), 'Unit backup.service is no longer failed (after 3m)');
});
