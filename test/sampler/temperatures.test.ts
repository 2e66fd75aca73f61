import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { LinuxReader } from '../../src/sampler/linux-reader.js';
import { discoverSensors, parseMillidegrees, readTemperatures } from '../../src/sampler/temperatures.js';

const sysDir = fileURLToPath(new URL('../../../test/fixtures/sys-temps', import.meta.url));
const procDir = fileURLToPath(new URL('../../../test/fixtures/proc', import.meta.url));

test('thermal zones by type, hwmon inputs as chip.label (spaces -> _), a repeated name numbered; cooling devices are no sensors', async () => {
  const sensors = await discoverSensors(sysDir);
  assert.deepEqual(
    sensors.map((s) => s.name),
    ['x86_pkg_temp', 'acpitz', 'coretemp.Package_id_0', 'coretemp.Core_0', 'nvme.Composite', 'nvme.temp2', 'nvme.temp3', 'nvme.Composite.2'],
  );
});

test('millidegrees become °C; an empty or unreadable input is a gap, not a zero', async () => {
  const values = await readTemperatures(await discoverSensors(sysDir));
  assert.deepEqual(values, {
    'temp:x86_pkg_temp': 47,
    'temp:acpitz': 27.8,
    'temp:coretemp.Package_id_0': 48,
    'temp:coretemp.Core_0': 45,
    'temp:nvme.Composite': 38.85,
    'temp:nvme.temp2': 39.85,
    'temp:nvme.Composite.2': 36.85,
  });
  assert.equal(parseMillidegrees('-5500\n'), -5.5);
  assert.equal(parseMillidegrees('N/A'), undefined);
});

test('a host without sensors: no temp keys, no error, and the reader says so once', async () => {
  const empty = mkdtempSync(path.join(tmpdir(), 'srvmon-nosys-'));
  try {
    let told = 0;
    const reader = new LinuxReader({ procDir, sysDir: empty, onNoSensors: () => told++, statfs: async () => ({ bsize: 4096, blocks: 100, bfree: 50, bavail: 50 }) as never });
    for (let i = 0; i < 3; i++) {
      const result = await reader.readDisks();
      assert.ok(!Object.keys(result.values).some((k) => k.startsWith('temp:')));
      assert.equal(result.errors['temperature'], undefined);
    }
    assert.equal(told, 1);
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
});

test('the reader puts the sensors of its sysDir into the disk read', async () => {
  const reader = new LinuxReader({ procDir, sysDir, statfs: async () => ({ bsize: 4096, blocks: 100, bfree: 50, bavail: 50 }) as never });
  const result = await reader.readDisks();
  assert.equal(result.values['temp:x86_pkg_temp'], 47);
});
