// The process table reads a process's command line once, not on every read: again only after exec (its comm changes),
// for a new process on a reused pid, or every COMMAND_REFRESH_READS reads (setproctitle keeps comm).
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { COMMAND_REFRESH_READS, ProcessTableReader } from '../../src/sampler/process-table.js';

const fixture = fileURLToPath(new URL('../../../test/fixtures/proc-tree/procs/t1', import.meta.url));
const passwd = fileURLToPath(new URL('../../../test/fixtures/proc-tree/procs/passwd', import.meta.url));

function copyOfProc(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'srvmon-proc-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(fixture, dir, { recursive: true });
  return dir;
}

async function commandOf(reader: ProcessTableReader, pid: number): Promise<string | undefined> {
  return (await reader.read()).processes.find((p) => p.pid === pid)?.command;
}

/** Reads that only move the reader's counter on. */
async function readsBeforeRefresh(reader: ProcessTableReader, reads: number): Promise<void> {
  for (let i = 0; i < reads; i++) await reader.read();
}

test('a command line changed in place shows only at the periodic refresh; exec (new comm) and a reused pid show at once', async (t) => {
  const proc = copyOfProc(t);
  const reader = new ProcessTableReader({ procDir: proc, passwdPath: passwd });
  // Reads are numbered from 1; pid 100 is refreshed when (read + 100) % 10 === 0, i.e. on reads 10, 20...
  assert.equal(await commandOf(reader, 100), 'nginx: worker process');
  writeFileSync(join(proc, '100', 'cmdline'), 'nginx: worker process is shutting down\0');
  assert.equal(await commandOf(reader, 100), 'nginx: worker process', 'read 2: the known command line, the file not read');
  await readsBeforeRefresh(reader, COMMAND_REFRESH_READS - 4);
  assert.equal(await commandOf(reader, 100), 'nginx: worker process', `read ${COMMAND_REFRESH_READS - 1}: still the known one`);
  assert.equal(await commandOf(reader, 100), 'nginx: worker process is shutting down', `read ${COMMAND_REFRESH_READS}: refreshed`);

  // exec: the same pid and start time, another comm and argv.
  const stat = join(proc, '100', 'stat');
  writeFileSync(stat, readFileSync(stat, 'utf8').replace('(nginx)', '(sleep)'));
  writeFileSync(join(proc, '100', 'cmdline'), 'sleep\x00600\x00');
  assert.equal(await commandOf(reader, 100), 'sleep 600');

  // Another process on the same pid: a later start time.
  writeFileSync(stat, readFileSync(stat, 'utf8').replace(' 0 500 123456 ', ' 0 900 123456 '));
  writeFileSync(join(proc, '100', 'cmdline'), 'sleep\x00700\x00');
  assert.equal(await commandOf(reader, 100), 'sleep 700');
});
