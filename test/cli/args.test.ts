// parseCliArgs: a value that starts with "-" is named in the error, not "argument is ambiguous".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseCliArgs, UsageError } from '../../src/cli/args.js';

function usageError(argv: string[]): string {
  try {
    parseCliArgs(argv);
  } catch (error: unknown) {
    assert.ok(error instanceof UsageError, String(error));
    assert.equal(error.exitCode, 64);
    return error.message;
  }
  assert.fail(`no usage error for ${argv.join(' ')}`);
}

test('a negative interval is a usage error that names the value', () => {
  const expected = '--interval must be a positive duration such as 1s or 500ms, got "-5s"';
  assert.equal(usageError(['--interval', '-5s']), expected);
  assert.equal(usageError(['-i', '-5s']), expected);
  assert.equal(usageError(['--interval=-5s']), expected);
  assert.equal(usageError(['--no-ui', '--interval', '-5s', '--json']), expected);
});

test('another option followed by something that looks like an option', () => {
  assert.equal(usageError(['--config', '--json']), '--config needs a value, got "--json" (write --config=--json if that is the value)');
  assert.equal(usageError(['-c', '-x.yaml']), '--config needs a value, got "-x.yaml" (write --config=-x.yaml if that is the value)');
});

test('values that start with "-" written with = are taken; ordinary arguments still parse', () => {
  assert.equal(parseCliArgs(['--config=-x.yaml']).configPath, '-x.yaml');
  const args = parseCliArgs(['--no-ui', '--json', '-i', '5s', '-c', 'rc.yaml', '--state-dir', '/var/lib/srvmon']);
  assert.deepEqual([args.command, args.noUi, args.json, args.interval, args.configPath, args.stateDir], ['monitor', true, true, '5s', 'rc.yaml', '/var/lib/srvmon']);
  assert.equal(parseCliArgs(['replay', '-', '--json']).traceFile, '-');
});

test('--rule repeats for mute and unmute, and goes with nothing else', () => {
  assert.deepEqual(parseCliArgs(['mute', '1h', '--rule', 'memory', '--rule', 'disk:/data']).rules, ['memory', 'disk:/data']);
  assert.deepEqual(parseCliArgs(['mute', '--rule=cpu']).rules, ['cpu']);
  assert.equal(parseCliArgs(['mute', '--rule=cpu']).muteDuration, undefined);
  assert.deepEqual(parseCliArgs(['unmute', '--rule', 'cpu']).rules, ['cpu']);
  assert.equal(parseCliArgs(['mute', '2h']).rules, undefined);
  assert.equal(usageError(['status', '--rule', 'cpu']), '--rule goes with mute and unmute only: srvmon mute [DURATION] --rule ID');
  assert.equal(usageError(['--no-ui', '--rule', 'cpu']), '--rule goes with mute and unmute only: srvmon mute [DURATION] --rule ID');
  assert.equal(usageError(['mute', '--rule', '']), '--rule needs a rule id such as cpu, memory or disk:/data');
  assert.equal(usageError(['mute', '--rule']), "Option '--rule <value>' argument missing");
});
