import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { admit, emptyPolicyState } from '../../../src/notify/policy/channel-policy.js';
import { PolicyStore } from '../../../src/notify/policy/policy-store.js';
import { tempStateDir } from '../outbox-fixture.js';
import { at, event, NIGHT, policy } from './policy-fixtures.js';

test('the state is saved while something is held and read back the same; nothing held, no file', () => {
  const outbox = join(tempStateDir(), 'outbox');
  const store = new PolicyStore(outbox, 'wecom', (w) => assert.fail(w));
  const held = admit(emptyPolicyState(), policy({ quietHours: [NIGHT] }), event({ timeMs: at(23, 30) }), at(23, 30)).state;
  store.save(held);
  assert.ok(existsSync(store.file));
  assert.deepEqual(new PolicyStore(outbox, 'wecom', (w) => assert.fail(w)).load(), held);
  store.save(emptyPolicyState());
  assert.ok(!existsSync(store.file));
});

test('a state file that is not valid is set aside with a warning, and the channel starts afresh', () => {
  const outbox = join(tempStateDir(), 'outbox');
  mkdirSync(join(outbox, 'policy'), { recursive: true });
  const warnings: string[] = [];
  const store = new PolicyStore(outbox, 'wecom', (w) => warnings.push(w));
  writeFileSync(store.file, '{"version":1,"held":"nope"}');
  assert.deepEqual(store.load(), emptyPolicyState());
  assert.ok(existsSync(`${store.file}.bad`));
  assert.match(warnings[0] ?? '', /is not valid; set aside as \.bad/);
});
