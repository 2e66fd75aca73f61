import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ConfigError } from '../../src/config/config-error.js';
import { loadConfig } from '../../src/config/load-config.js';
import { ownerLocationWithoutFile } from '../../src/config/owner-location.js';

function withHome(run: (home: string) => Promise<void>): () => Promise<void> {
  return async () => {
    const home = mkdtempSync(join(tmpdir(), 'srvmon-owner-location-'));
    try {
      await run(home);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  };
}

test('without a config file: the same state dir and socket as the full load, without loading it', withHome(async (home) => {
  const cwd = join(home, 'work');
  mkdirSync(cwd);
  const env = { HOME: home };
  const full = await loadConfig({ cwd, env, homeDir: home });
  assert.deepEqual(await ownerLocationWithoutFile({}, env, cwd), { stateDir: full.config.stateDir, socket: full.config.control.socket });
  const xdg = { HOME: home, XDG_STATE_HOME: join(home, 'xdg') };
  assert.deepEqual(await ownerLocationWithoutFile({}, xdg, cwd), { stateDir: join(home, 'xdg', 'srvmon'), socket: join(home, 'xdg', 'srvmon', 'control.sock') });
  const flagged = await loadConfig({ cwd, env, homeDir: home, cli: { stateDir: 'st' } });
  assert.deepEqual(await ownerLocationWithoutFile({ stateDir: 'st' }, env, cwd), { stateDir: flagged.config.stateDir, socket: flagged.config.control.socket });
}));

test('a config file anywhere the search looks (trusted or not), --config or --interval: the full load decides', withHome(async (home) => {
  const cwd = join(home, 'work');
  mkdirSync(cwd);
  const env = { HOME: home };
  assert.equal(await ownerLocationWithoutFile({ configPath: 'x.yaml' }, env, cwd), null);
  assert.equal(await ownerLocationWithoutFile({ interval: '2s' }, env, cwd), null);
  writeFileSync(join(home, '.srvmonrc'), 'control:\n  socket: /tmp/elsewhere.sock\n');
  assert.equal(await ownerLocationWithoutFile({}, env, cwd), null, 'in the home directory');
  rmSync(join(home, '.srvmonrc'));
  mkdirSync(join(home, '.config', 'srvmon'), { recursive: true });
  writeFileSync(join(home, '.config', 'srvmon', 'config.yaml'), 'stateDir: /tmp/x\n');
  assert.equal(await ownerLocationWithoutFile({}, env, cwd), null, 'in $XDG_CONFIG_HOME/srvmon');
}));

test('an empty --state-dir is the same config error as in the full load', withHome(async (home) => {
  await assert.rejects(ownerLocationWithoutFile({ stateDir: ' ' }, { HOME: home }, home), (error: unknown) => error instanceof ConfigError && /must not be empty/.test(error.message));
}));
