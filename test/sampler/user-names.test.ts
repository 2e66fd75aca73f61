import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePasswd, UserNames } from '../../src/sampler/user-names.js';

test('passwd: first entry per uid, malformed lines skipped, control characters escaped', () => {
  const names = parsePasswd('root:x:0:0::/root:/bin/sh\ntoor:x:0:0::/:/bin/sh\n\n+::::::\nbad:x:abc:1::/:\nev\x1bil:x:7:7::/:\n');
  assert.deepEqual([...names], [[0, 'root'], [7, 'ev\\x1bil']]);
});

test('the file is read once; unknown uids and an unreadable file give numbers', () => {
  let reads = 0;
  const users = new UserNames(() => {
    reads++;
    return 'srv:x:1000:1000::/home/srv:/bin/sh\n';
  });
  assert.equal(users.name(1000), 'srv');
  assert.equal(users.name(1001), '1001');
  assert.equal(users.name(1000), 'srv');
  assert.equal(reads, 1);
  const broken = new UserNames(() => {
    throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
  });
  assert.equal(broken.name(0), '0');
});
