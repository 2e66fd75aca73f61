import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError } from '../../../src/config/config-error.js';
import { parseChannelPolicy, quietHoursSchema, splitPolicyFields } from '../../../src/notify/policy/policy-config.js';

const parse = (fields: Record<string, unknown>) => parseChannelPolicy(fields, '/etc/srvmonrc', ['channels', 'webhook'], []);

function configError(fn: () => unknown): string {
  try {
    fn();
  } catch (error: unknown) {
    assert.ok(error instanceof ConfigError, String(error));
    return error.message;
  }
  assert.fail('no error');
}

test('policy fields are split from the channel fields', () => {
  assert.deepEqual(splitPolicyFields({ url: 'http://x', severity: 'critical', maxPerHour: 5, groupWait: null }), {
    policy: { severity: 'critical', maxPerHour: 5 },
    own: { url: 'http://x' },
  });
});

test('defaults: no routing, the top-level quiet hours, a 3 s group wait, no budget', () => {
  const global = quietHoursSchema.parse([{ from: '23:00', to: '07:30', timezone: 'UTC' }]);
  assert.deepEqual(parseChannelPolicy({}, null, ['channels', 'mail'], global), { quietHours: global, groupWaitMs: 3000, budgetHoldsCritical: false });
  // A channel's own list (even an empty one) replaces the top-level one.
  assert.deepEqual(parseChannelPolicy({ quietHours: false }, null, ['channels', 'mail'], global).quietHours, []);
});

test('a window is read into local minutes, days and allowed severities', () => {
  const policy = parse({ quietHours: [{ days: ['weekdays', 'sat'], from: '23:00', to: '7:30', timezone: 'Asia/Shanghai', allow: ['critical'] }], groupWait: '10s', maxPerHour: 20, rules: ['cpu', 'disk:/data'], severity: 'critical' });
  assert.deepEqual(policy.quietHours, [{ days: [1, 2, 3, 4, 5, 6], fromMin: 1380, toMin: 450, timezone: 'Asia/Shanghai', allow: ['critical'] }]);
  assert.equal(policy.groupWaitMs, 10_000);
  assert.equal(policy.maxPerHour, 20);
  assert.deepEqual(policy.rules, ['cpu', 'disk:/data']);
  assert.equal(parse({ groupWait: false }).groupWaitMs, 0);
});

test('bad values name the file, the key and the value', () => {
  assert.equal(configError(() => parse({ quietHours: [{ from: '25:00', to: '07:00' }] })), '/etc/srvmonrc: channels.webhook.quietHours[0].from must be a time of day "HH:MM" from 00:00 to 23:59, got "25:00"');
  assert.match(configError(() => parse({ quietHours: [{ from: '23:00', to: '07:00', timezone: 'Mars/Olympus' }] })), /channels\.webhook\.quietHours\[0\]\.timezone must be an IANA time zone.*got "Mars\/Olympus"/);
  assert.match(configError(() => parse({ quietHours: [{ from: '23:00', to: '23:00' }] })), /quietHours\[0\]\.to must differ from "from"/);
  assert.match(configError(() => parse({ quietHours: [{ from: '23:00', to: '07:00', days: ['someday'] }] })), /quietHours\[0\]\.days\[0\] must be a day.*got "someday"/);
  assert.match(configError(() => parse({ quietHours: [{ from: '23:00', to: '07:00', allow: ['info'] }] })), /quietHours\[0\]\.allow\[0\] must be "warning" or "critical", got "info"/);
  assert.match(configError(() => parse({ severity: 'high' })), /channels\.webhook\.severity must be "warning" or "critical", got "high"/);
  assert.match(configError(() => parse({ rules: ['cpuu'] })), /channels\.webhook\.rules\[0\] must be a rule id or kind.*got "cpuu"/);
  assert.match(configError(() => parse({ maxPerHour: 2.5 })), /channels\.webhook\.maxPerHour must be a whole number of messages from 1 up, got 2\.5/);
  assert.match(configError(() => parse({ groupWait: 5 })), /channels\.webhook\.groupWait must be a duration such as "5s".*got 5/);
  assert.match(configError(() => parse({ groupWait: '1h' })), /channels\.webhook\.groupWait must be at most 10m/);
  assert.match(configError(() => parse({ budgetHoldsCritical: 'yes' })), /channels\.webhook\.budgetHoldsCritical must be true or false, got "yes"/);
});

test('alertmanager has its own policy: the keys of srvmon are an error there', () => {
  assert.equal(
    configError(() => parseChannelPolicy({ maxPerHour: 5 }, '/etc/srvmonrc', ['channels', 'alertmanager'], [])),
    '/etc/srvmonrc: channels.alertmanager.maxPerHour is not used here: alertmanager has its own routing, grouping and silences; set them there',
  );
  assert.equal(parseChannelPolicy({}, null, ['channels', 'alertmanager'], []).groupWaitMs, 3000);
});
