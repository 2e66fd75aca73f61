// Temperature sensors from /sys: thermal zones (/sys/class/thermal/thermal_zone*/{type,temp}) and hwmon chips
// (/sys/class/hwmon/hwmon*/{name,temp*_input,temp*_label}). Found once per disk read (sensors come and go only with
// drivers), read as plain files: no child process. Values are millidegrees Celsius in the files.
import { readFile, readdir } from 'node:fs/promises';
import { buildKey } from '../catalogue/metric-keys.js';

export interface Sensor {
  /** The instance of `temp:<name>`: the zone's type (`x86_pkg_temp`) or `<chip>.<label>` (`coretemp.Package_id_0`). */
  name: string;
  /** The file holding millidegrees. */
  path: string;
}

/** Spaces and colons would break the key and the config's section names: `Package id 0` -> `Package_id_0`. */
function sensorPart(text: string): string {
  return text.trim().replace(/[\s:]+/g, '_');
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

async function readTrimmed(path: string): Promise<string | undefined> {
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch {
    return undefined;
  }
}

/** Every sensor under `sysDir`, thermal zones first; a name seen twice gets `.2`, `.3`... */
export async function discoverSensors(sysDir: string): Promise<Sensor[]> {
  const found: Sensor[] = [];
  const thermal = `${sysDir}/class/thermal`;
  for (const zone of (await listDir(thermal)).filter((entry) => entry.startsWith('thermal_zone'))) {
    const type = await readTrimmed(`${thermal}/${zone}/type`);
    if (type) found.push({ name: sensorPart(type), path: `${thermal}/${zone}/temp` });
  }
  const hwmon = `${sysDir}/class/hwmon`;
  for (const chip of await listDir(hwmon)) {
    const dir = `${hwmon}/${chip}`;
    const chipName = sensorPart((await readTrimmed(`${dir}/name`)) ?? chip);
    for (const file of await listDir(dir)) {
      const match = /^temp(\d+)_input$/.exec(file);
      if (!match) continue;
      const label = await readTrimmed(`${dir}/temp${match[1]}_label`);
      found.push({ name: `${chipName}.${sensorPart(label || `temp${match[1]}`)}`, path: `${dir}/${file}` });
    }
  }
  const seen = new Map<string, number>();
  return found.map((sensor) => {
    const count = (seen.get(sensor.name) ?? 0) + 1;
    seen.set(sensor.name, count);
    return count === 1 ? sensor : { ...sensor, name: `${sensor.name}.${count}` };
  });
}

/** Millidegrees as written by the kernel -> °C; undefined for text that is no reading. */
export function parseMillidegrees(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^-?\d+$/.test(trimmed)) return undefined;
  return Number(trimmed) / 1000;
}

/**
 * `temp:<name>` in °C for each sensor that reads. A sensor that cannot be read now (EIO, ENODATA: a sleeping
 * device, a driver without a value) is a gap, not an error: many chips expose inputs they never fill.
 */
export async function readTemperatures(sensors: readonly Sensor[]): Promise<Record<string, number>> {
  const values: Record<string, number> = {};
  await Promise.all(
    sensors.map(async (sensor) => {
      const text = await readTrimmed(sensor.path);
      const celsius = text === undefined ? undefined : parseMillidegrees(text);
      if (celsius !== undefined) values[buildKey('temp', sensor.name)] = celsius;
    }),
  );
  return values;
}
