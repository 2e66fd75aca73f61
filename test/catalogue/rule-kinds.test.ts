// The catalogue of rule kinds: every row is complete, and config, engine, UI, /metrics and state agree on the kinds.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Registry } from 'prom-client';
import { RuleSet, withThreshold } from '../../src/alerts/rule-set.js';
import { formatAlertMessage, formatLevel, formatValue } from '../../src/alerts/messages.js';
import { gaugeLabel, sampleGauges } from '../../src/catalogue/metric-gauges.js';
import { alertIdentity } from '../../src/notify/alertmanager-alerts.js';
import { FAMILY_INSTANCES, buildKey, familyEntries, parseKey } from '../../src/catalogue/metric-keys.js';
import {
  KEYED_KINDS,
  RULE_KINDS,
  RULE_KIND_TABLE,
  defaultClear,
  instanceLabel,
  isRuleId,
  keyedFamily,
  metricKeyOf,
  parseRuleId,
  ruleKindRow,
  shiftedLevels,
  thresholdError,
  type RuleKind,
  type RuleKindRow,
} from '../../src/catalogue/rule-kinds.js';
import { VALUE_UNITS, withinBounds, type ValueUnit } from '../../src/catalogue/value-units.js';
import { resolveRules } from '../../src/config/resolve-rules.js';
import { fileSchema } from '../../src/config/schema.js';
import { knownKeysAt } from '../../src/config/zod-issues.js';
import { registerSampleMetrics } from '../../src/metrics/sample-metrics.js';
import { validateState } from '../../src/state/state-validation.js';
import type { Locale } from '../../src/types.js';
import { thresholdStep } from '../../src/ui/dashboard-actions.js';
import { sideBarRows } from '../../src/ui/view-models/side-bar.js';
import { valueText } from '../../src/ui/view-models/rule-display.js';
import { uiStrings } from '../../src/ui/view-models/strings.js';
import { UNICODE_SYMBOLS } from '../../src/ui/view-models/symbols.js';

const LOCALES: Locale[] = ['en', 'zh-CN'];
/** An instance for keyed kinds: one a mount, an interface or a core number would all accept. */
const INSTANCE = '/data';

/** Every kind's section written with its own default threshold, so the rule runs whether or not it is on by default. */
function allEnabled(): Record<string, unknown> {
  return Object.fromEntries(RULE_KINDS.map((kind) => [kind, { enabled: true, threshold: RULE_KIND_TABLE[kind].defaults.threshold }]));
}

function ruleSetOfAll(): RuleSet {
  const parsed = fileSchema.parse({ rules: allEnabled() });
  return new RuleSet(resolveRules(parsed.rules, null).rules);
}

function sampleKeys(): string[] {
  return RULE_KINDS.map((kind) => metricKeyOf(kind, keyedFamily(kind) === undefined ? undefined : INSTANCE));
}

test('every kind has every field, with values in its unit', () => {
  for (const kind of RULE_KINDS) {
    const row = ruleKindRow(kind);
    const unit = VALUE_UNITS[row.unit];
    assert.ok(unit, `${kind}: unit ${row.unit}`);
    if ('family' in row.metric) assert.ok(Object.hasOwn(FAMILY_INSTANCES, row.metric.family), `${kind}: family`);
    else assert.ok(row.metric.key.length > 0 && parseKey(row.metric.key) === null, `${kind}: plain key`);
    const { threshold, critical, window, repeatMs, enabledWhenAbsent } = row.defaults as typeof row.defaults & { critical?: number };
    assert.equal(typeof enabledWhenAbsent, 'boolean', kind);
    assert.ok(withinBounds(unit, threshold), `${kind}: default threshold ${threshold}`);
    if (critical !== undefined) assert.ok(critical > threshold && withinBounds(unit, critical), `${kind}: default critical`);
    assert.ok(Number.isInteger(window) && window >= 1, `${kind}: window`);
    assert.ok(repeatMs >= 1000, `${kind}: repeat`);
    const clear = defaultClear(kind, threshold);
    assert.ok(clear >= 0 && clear < threshold, `${kind}: default clear ${clear}`);
    assert.ok(row.step > 0, `${kind}: step`);
    assert.ok(sampleGauges().some((g) => g.name === row.gauge.name), `${kind}: gauge ${row.gauge}`);
    for (const locale of LOCALES) {
      assert.ok(row.names[locale](INSTANCE).trim().length > 0, `${kind}: ${locale} name`);
      assert.ok(row.labels[locale](INSTANCE).trim().length > 0, `${kind}: ${locale} label`);
    }
  }
  // The names differ per language (a zh-CN row copied from en would pass the checks above).
  assert.ok(RULE_KINDS.some((kind) => ruleKindRow(kind).names.en(INSTANCE) !== ruleKindRow(kind).names['zh-CN'](INSTANCE)));
});

test('a keyed kind names its instance in its messages and labels', () => {
  for (const kind of KEYED_KINDS) {
    for (const locale of LOCALES) {
      assert.ok(ruleKindRow(kind).names[locale]('/srv/x').includes('/srv/x'), `${kind} ${locale}`);
      assert.ok(ruleKindRow(kind).labels[locale]('/srv/x').includes('/srv/x'), `${kind} ${locale}`);
    }
  }
});

test('parity: the config schema accepts every kind and knows no other', () => {
  assert.deepEqual(knownKeysAt(fileSchema, ['rules']).sort(), [...RULE_KINDS].sort());
  const resolved = resolveRules(fileSchema.parse({ rules: allEnabled() }).rules, null);
  for (const kind of RULE_KINDS) {
    assert.equal(resolved.rules[kind].enabled, true, kind);
    assert.equal(resolved.rules[kind].threshold, RULE_KIND_TABLE[kind].defaults.threshold, kind);
  }
  // Absent sections follow enabledWhenAbsent.
  const absent = resolveRules(undefined, null).rules;
  for (const kind of RULE_KINDS) assert.equal(absent[kind].enabled, RULE_KIND_TABLE[kind].defaults.enabledWhenAbsent, kind);
});

test('parity: the engine makes one rule per kind from a sample holding its metric', () => {
  const rules = ruleSetOfAll().rulesFor(sampleKeys());
  assert.deepEqual(rules.map((r) => r.kind).sort(), [...RULE_KINDS].sort());
  for (const rule of rules) {
    assert.equal(parseRuleId(rule.id)?.kind, rule.kind, rule.id);
    assert.ok(isRuleId(rule.id), rule.id);
    assert.equal(thresholdError(rule.kind, rule.threshold), null, rule.id);
  }
});

test('parity: the side bar shows every kind with a label and a threshold in its unit, and + moves it by the step', () => {
  const rules = ruleSetOfAll().rulesFor(sampleKeys());
  const values = Object.fromEntries(rules.map((r) => [r.metric, r.threshold / 2]));
  for (const locale of LOCALES) {
    const statuses = rules.map((rule) => ({ rule, state: { status: 'ok' as const, severity: 'warning' as const, episodeNotified: false } }));
    const rows = sideBarRows({ rules: statuses, overrides: {}, values, selectedIndex: -1, locale, strings: uiStrings(locale, false), symbols: UNICODE_SYMBOLS, widthCols: 60 });
    assert.equal(rows.length, RULE_KINDS.length);
    rows.forEach((row, index) => {
      const rule = rules[index]!;
      assert.ok(row.text.includes(ruleKindRow(rule.kind).labels[locale](parseRuleId(rule.id)?.instance)), `${locale}: ${row.text}`);
      // The side bar's own value text: a rate is written compactly there (9.5M/s), the same number as formatValue.
      assert.ok(row.text.includes(valueText(statuses[index]!, rule.threshold / 2)), `${locale}: ${row.text}`);
    });
  }
  for (const kind of RULE_KINDS) assert.equal(thresholdStep(kind, -1), -RULE_KIND_TABLE[kind].step, kind);
});

test('parity: /metrics shows each kind\'s reading in its gauge', async () => {
  const registry = new Registry();
  const values: Record<string, number> = { load1: 1.5, ...Object.fromEntries(sampleKeys().map((key) => [key, 42])) };
  registerSampleMetrics({ registry, latest: () => ({ timeMs: 0, values }) });
  const text = await registry.metrics();
  for (const kind of RULE_KINDS) assert.match(text, new RegExp(`^${RULE_KIND_TABLE[kind].gauge.name}(\\{[^}]*\\})? \\d`, 'm'), kind);
});

test('parity: state.json keeps an override and a mute of every kind\'s rule, drops a bare keyed kind\'s mute', () => {
  const overrides = Object.fromEntries(ruleSetOfAll().rulesFor(sampleKeys()).map((r) => [r.id, r.threshold]));
  const ruleMutes = Object.fromEntries(Object.keys(overrides).map((id) => [id, { sinceMs: 1, untilMs: null }]));
  const bare = Object.fromEntries(KEYED_KINDS.map((kind) => [kind, { sinceMs: 1, untilMs: null }]));
  const { state, problems } = validateState({ overrides, ruleMutes: { ...ruleMutes, ...bare } });
  assert.deepEqual(state.overrides, overrides);
  assert.deepEqual(Object.keys(state.ruleMutes).sort(), Object.keys(ruleMutes).sort());
  assert.deepEqual(problems.map((p) => p.key).sort(), KEYED_KINDS.map((kind) => `ruleMutes.${kind}`).sort());
});

test('messages name and format every kind in both languages', () => {
  for (const kind of RULE_KINDS) {
    const unit: ValueUnit = VALUE_UNITS[RULE_KIND_TABLE[kind].unit];
    // A unit with its own words (12.5 MB/s, 5 h) writes levels with them; the others as number and suffix.
    assert.ok(formatLevel(kind, 80) === unit.format?.(80) || formatLevel(kind, 80).endsWith(`80${unit.suffix}`), kind);
    for (const locale of LOCALES) {
      const input = { kind, instance: INSTANCE, state: 'firing' as const, severity: 'warning' as const, value: 91.25, level: 80, window: 1, durationMs: 0 };
      const text = formatAlertMessage(input, locale);
      assert.ok(text.startsWith(ruleKindRow(kind).names[locale](INSTANCE)), `${kind} ${locale}: ${text}`);
      // A kind's own Chinese sentence writes its value in Chinese units (5小时): formatValue is the English one.
      const ownZh = locale === 'zh-CN' && (RULE_KIND_TABLE[kind] as RuleKindRow).sentences !== undefined;
      // A 0/1 state says what happened in words, not as a number.
      if (!ownZh && RULE_KIND_TABLE[kind].unit !== 'state') assert.ok(text.includes(formatValue(kind, 91.25)), `${kind} ${locale}: ${text}`);
    }
  }
});

test('metric keys are built and parsed in one place', () => {
  assert.equal(buildKey('disk', '/data'), 'disk:/data');
  assert.deepEqual(parseKey('disk:/mnt/a:b'), { family: 'disk', instance: '/mnt/a:b' });
  assert.equal(parseKey('cpu'), null);
  assert.equal(parseKey('disk:'), null);
  assert.deepEqual(familyEntries({ 'netRx:eth0': 5, 'netTx:eth0': 6, cpu: 1, 'cpu:0': 2 }, 'netRx'), [['eth0', 5]]);
  assert.equal(metricKeyOf('load'), 'load1PerCore');
  assert.equal(metricKeyOf('disk', '/data'), 'disk:/data');
  assert.throws(() => metricKeyOf('disk'));
});

test('rule ids: plain kinds, the keyed kind as a whole, and its instances', () => {
  assert.deepEqual(parseRuleId('cpu'), { kind: 'cpu' });
  assert.deepEqual(parseRuleId('disk'), { kind: 'disk' });
  assert.deepEqual(parseRuleId('disk:/data'), { kind: 'disk', instance: '/data' });
  assert.equal(parseRuleId('cpu:3'), undefined, 'a core is a metric, not a rule');
  assert.equal(parseRuleId('disk:'), undefined);
  assert.equal(parseRuleId('cpuu'), undefined);
  assert.equal(isRuleId('disk'), false);
  assert.equal(isRuleId('cpu'), true);
});

test('threshold bounds come from the unit', () => {
  const cases: [RuleKind, number, string | null][] = [
    ['cpu', 100, null],
    ['cpu', 100.5, 'threshold must be from 0 to 100'],
    ['disk', -1, 'threshold must be from 0 to 100'],
    ['load', 0, 'load threshold must be above 0'],
    ['load', 40, null],
  ];
  for (const [kind, value, error] of cases) assert.equal(thresholdError(kind, value), error, `${kind} ${value}`);
  assert.equal(thresholdError('cpu', Number.NaN), 'threshold must be a number');
});

test('one threshold policy: the engine and check-config keep the gap and drop a passed critical', () => {
  assert.deepEqual(shiftedLevels({ threshold: 90, clear: 85, critical: 95 }, 96), { threshold: 96, clear: 91, critical: undefined });
  assert.deepEqual(shiftedLevels({ threshold: 2, clear: 1.8, critical: 4 }, 1), { threshold: 1, clear: 0.8, critical: 4 });
  assert.equal(shiftedLevels({ threshold: 10, clear: 2 }, 5).clear, 0, 'never below 0');
  const rule = ruleSetOfAll().rulesFor(['disk:/x']).find((r) => r.kind === 'disk')!;
  const moved = withThreshold(rule, 97);
  assert.equal(moved.clear, 97 - (rule.threshold - rule.clear));
  assert.equal(moved.critical, undefined);
});

test('a keyed rule carries its instance under one label: the gauge\'s, the Alertmanager alert\'s, the message\'s', () => {
  for (const kind of KEYED_KINDS) {
    const label = instanceLabel(kind);
    assert.ok(label, kind);
    assert.equal(gaugeLabel(sampleGauges().find((g) => g.name === RULE_KIND_TABLE[kind].gauge.name)!), label, kind);
    const rule = ruleSetOfAll().rulesFor([metricKeyOf(kind, INSTANCE)]).find((r) => r.kind === kind)!;
    const event = {
      type: 'alert' as const, id: 'e1', timeMs: 0, rule: rule.id, kind, state: 'firing' as const, severity: 'warning' as const, value: 95,
      threshold: rule.threshold, window: 1, notify: true, muted: false, message: 'm', sinceMs: 0,
    };
    assert.equal(alertIdentity({ id: 'e1', event, host: 'web-1', locale: 'en' }).labels[label], INSTANCE, kind);
  }
});

test('a row that defines its own gauge gets it in /metrics, from its key, percent as a ratio', () => {
  const testOnly = {
    ...RULE_KIND_TABLE.cpu,
    metric: { key: 'testOnly' },
    gauge: { name: 'srvmon_test_only_ratio', help: 'Share of CPU time waiting for IO, 0-1.' },
  };
  const gauges = sampleGauges({ ...RULE_KIND_TABLE, testOnly });
  assert.deepEqual(gauges.at(-1), { name: 'srvmon_test_only_ratio', help: 'Share of CPU time waiting for IO, 0-1.', scale: 'ratio', key: 'testOnly' });
  assert.equal(gauges.length, sampleGauges().length + 1, 'the existing kinds point at existing gauges');
});
