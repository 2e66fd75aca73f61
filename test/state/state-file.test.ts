import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { StateFile } from '../../src/state/state-file.js';

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'srvmon-statefile-'));
  dirs.push(dir);
  return dir;
}

function loadFrom(content: string) {
  const dir = tempDir();
  writeFileSync(join(dir, 'state.json'), content);
  const warnings: string[] = [];
  const file = new StateFile(dir, (m) => warnings.push(m));
  return { state: file.load(), warnings, file, dir };
}

const GOOD_RULE = { status: 'firing', severity: 'warning', sinceMs: 1_700_000_000_000, episodeNotified: true, lastNotifiedMs: 1_700_000_000_000 };

for (const [what, mute, reason] of [
  ['an empty object', {}, 'sinceMs must be a time in ms'],
  ['a string untilMs', { sinceMs: 1_700_000_000_000, untilMs: 'tomorrow' }, 'untilMs must be a time in ms or null'],
  ['an untilMs beyond what a date can hold', { sinceMs: 1_700_000_000_000, untilMs: 1e300 }, 'untilMs must be a time in ms or null'],
  ['a list', [1, 2], 'must be {sinceMs, untilMs} or null'],
  ['true', true, 'must be {sinceMs, untilMs} or null'],
] as const) {
  test(`a mute read back as ${what} is dropped with a warning naming file, key and value (never a mute without end)`, () => {
    const { state, warnings, dir } = loadFrom(JSON.stringify({ version: 1, rules: { memory: GOOD_RULE }, mute, overrides: { cpu: 70 } }));
    assert.equal(state.mute, null);
    assert.deepEqual(state.overrides, { cpu: 70 }, 'the valid parts are kept');
    assert.deepEqual(Object.keys(state.rules), ['memory']);
    assert.deepEqual(warnings, [`ignoring mute = ${JSON.stringify(mute)} in ${join(dir, 'state.json')}: ${reason}`]);
  });
}

test('valid mutes are kept: a timed one and one until unmuted', () => {
  for (const mute of [{ sinceMs: 1_700_000_000_000, untilMs: 1_700_000_600_000 }, { sinceMs: 1_700_000_000_000, untilMs: null }]) {
    const { state, warnings } = loadFrom(JSON.stringify({ version: 1, rules: {}, mute, overrides: {} }));
    assert.deepEqual(state.mute, mute);
    assert.deepEqual(warnings, []);
  }
});

test('overrides outside what the live command accepts are dropped, each with a warning; valid ones are kept', () => {
  const overrides = { cpu: -50, memory: 1e9, swap: '80', load: 0, disk: 95, 'disk:/data': 100.5, 'disk:/srv': 75, bogus: 50, 'load ': 1 };
  const { state, warnings, dir } = loadFrom(JSON.stringify({ version: 1, rules: {}, mute: null, overrides }));
  assert.deepEqual(state.overrides, { disk: 95, 'disk:/srv': 75 });
  const file = join(dir, 'state.json');
  assert.deepEqual(warnings, [
    `ignoring overrides.cpu = -50 in ${file}: threshold must be from 0 to 100`,
    `ignoring overrides.memory = 1000000000 in ${file}: threshold must be from 0 to 100`,
    `ignoring overrides.swap = "80" in ${file}: threshold must be a number`,
    `ignoring overrides.load = 0 in ${file}: load threshold must be above 0`,
    `ignoring overrides.disk:/data = 100.5 in ${file}: threshold must be from 0 to 100`,
    `ignoring overrides.bogus = 50 in ${file}: no such rule`,
    `ignoring overrides.load  = 1 in ${file}: no such rule`,
  ]);
});

test('rule states that would crash or confuse the engine are dropped with a warning', () => {
  const rules = { memory: null, cpu: 5, swap: { ...GOOD_RULE, status: 'burning' }, load: { ...GOOD_RULE, lastNotifiedMs: 'x' }, 'disk:/': GOOD_RULE };
  const { state, warnings } = loadFrom(JSON.stringify({ version: 1, rules, mute: null, overrides: {} }));
  assert.deepEqual(Object.keys(state.rules), ['disk:/']);
  assert.equal(warnings.length, 4, warnings.join('\n'));
  assert.match(warnings[0]!, /^ignoring rules\.memory = null in .*state\.json: must be a rule state \{status, severity, episodeNotified, \.\.\.\}$/);
  assert.match(warnings[1]!, /^ignoring rules\.cpu = 5 in .*state\.json: must be a rule state/);
  assert.match(warnings[2]!, /^ignoring rules\.swap = \{"status":"burning",.*… in .*state\.json: status: /);
  assert.match(warnings[3]!, /^ignoring rules\.load = .* in .*state\.json: lastNotifiedMs: /);
});

for (const [what, content] of [
  ['not JSON', 'garbage{'],
  ['empty', ''],
  ['null', 'null'],
  ['a list', '[1,2]'],
  ['a string', '"state"'],
  ['sections of the wrong type', '{"rules":[1],"mute":"on","overrides":7}'],
] as const) {
  test(`state.json that is ${what}: no crash, empty state, a warning`, () => {
    const { state, warnings } = loadFrom(content);
    assert.deepEqual(state, { version: 1, rules: {}, mute: null, ruleMutes: {}, overrides: {} });
    assert.ok(warnings.length >= 1);
  });
}

test('a corrupt state.json is set aside at the first save (not overwritten), with a warning naming it', () => {
  const { warnings, file, dir } = loadFrom('{"version":1,"rules":{');
  const path = join(dir, 'state.json');
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, new RegExp(`^${path.replace(/[.]/g, '\\.')} is corrupt \\(.+\\); starting with empty state, the file is kept as ${path.replace(/[.]/g, '\\.')}\\.corrupt$`));
  assert.equal(readFileSync(path, 'utf8'), '{"version":1,"rules":{', 'loading alone changes nothing (check-config loads too)');
  assert.ok(file.save({ version: 1, rules: {}, mute: null, ruleMutes: {}, overrides: {} }));
  assert.equal(readFileSync(`${path}.corrupt`, 'utf8'), '{"version":1,"rules":{');
  assert.equal(JSON.parse(readFileSync(path, 'utf8')).version, 1);
});

test('state.json as a symlink is not read (nor followed by the next save)', () => {
  const dir = tempDir();
  const other = join(tempDir(), 'theirs.json');
  const planted = JSON.stringify({ version: 1, rules: {}, mute: { sinceMs: 1, untilMs: null }, overrides: {} });
  writeFileSync(other, planted);
  symlinkSync(other, join(dir, 'state.json'));
  const warnings: string[] = [];
  const file = new StateFile(dir, (m) => warnings.push(m));
  assert.equal(file.load().mute, null);
  assert.match(warnings.join('\n'), /state\.json: a symbolic link, not followed; starting with empty state/);
  assert.ok(file.save({ version: 1, rules: {}, mute: null, ruleMutes: {}, overrides: {} }));
  assert.equal(readFileSync(other, 'utf8'), planted);
  assert.ok(existsSync(join(dir, 'state.json')));
});

test('rule mutes are read back like the global mute: valid ones kept, an unknown rule id or a mute without end dropped with a warning', () => {
  const ruleMutes = {
    memory: { sinceMs: 1_700_000_000_000, untilMs: 1_700_003_600_000 },
    'disk:/data': { sinceMs: 1_700_000_000_000, untilMs: null },
    cpu: { sinceMs: 1_700_000_000_000, untilMs: 'later' },
    bogus: { sinceMs: 1_700_000_000_000, untilMs: null },
    disk: { sinceMs: 1_700_000_000_000, untilMs: null },
  };
  const { state, warnings, dir } = loadFrom(JSON.stringify({ version: 1, rules: {}, mute: null, ruleMutes, overrides: {} }));
  assert.deepEqual(state.ruleMutes, { memory: ruleMutes.memory, 'disk:/data': ruleMutes['disk:/data'] });
  const file = join(dir, 'state.json');
  assert.deepEqual(warnings, [
    `ignoring ruleMutes.cpu = {"sinceMs":1700000000000,"untilMs":"later"} in ${file}: untilMs must be a time in ms or null`,
    `ignoring ruleMutes.bogus = {"sinceMs":1700000000000,"untilMs":null} in ${file}: no such rule`,
    `ignoring ruleMutes.disk = {"sinceMs":1700000000000,"untilMs":null} in ${file}: no such rule`,
  ]);
  assert.deepEqual(loadFrom(JSON.stringify({ version: 1, rules: {}, mute: null, overrides: {} })).state.ruleMutes, {}, 'a file from before rule mutes');
  assert.match(loadFrom(JSON.stringify({ ruleMutes: [1] })).warnings[0]!, /^ignoring ruleMutes = \[1\] in .*: must be a section of key: value pairs$/);
});
