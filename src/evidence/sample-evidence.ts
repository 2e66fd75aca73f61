// Evidence read from the transition's sample alone (no file, no process table): the network rates of an interface
// and the busiest interfaces, a mount's disk I/O, the hottest sensors. Pure: the sample's values come in.
import type { DiskIoEvidence, InterfaceRate, NetworkEvidence, SensorReading } from '../alerts/evidence.js';
import { buildKey, familyEntries } from '../catalogue/metric-keys.js';

/** Interfaces and sensors named per list. */
export const TOP_INSTANCES = 3;

/** Highest first; equal values by name, so that the list is stable from one alert to the next. */
function top(entries: [string, number][]): [string, number][] {
  return entries.filter(([, value]) => Number.isFinite(value)).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).slice(0, TOP_INSTANCES);
}

function withValue<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
  return value !== undefined && Number.isFinite(value) ? ({ [key]: value } as Record<K, number>) : {};
}

/** The interface's receive and transmit rates now, and the 3 busiest interfaces in the alert's direction. */
export function networkEvidence(values: Record<string, number>, iface: string, direction: 'rx' | 'tx'): NetworkEvidence | undefined {
  const rx = values[buildKey('netRx', iface)];
  const tx = values[buildKey('netTx', iface)];
  if (rx === undefined && tx === undefined) return undefined;
  const busiest: InterfaceRate[] = top(familyEntries(values, direction === 'rx' ? 'netRx' : 'netTx')).map(([name, bytesPerSec]) => ({ interface: name, bytesPerSec: Math.round(bytesPerSec) }));
  return {
    interface: iface,
    direction,
    ...withValue('rxBytesPerSec', rx === undefined ? undefined : Math.round(rx)),
    ...withValue('txBytesPerSec', tx === undefined ? undefined : Math.round(tx)),
    top: busiest,
  };
}

/** The mount's read and write rates and busy share now; undefined when the sample has none of them. */
export function diskIoEvidence(values: Record<string, number>, mount: string): DiskIoEvidence | undefined {
  const read = values[buildKey('diskRead', mount)];
  const write = values[buildKey('diskWrite', mount)];
  const busy = values[buildKey('diskBusy', mount)];
  if (read === undefined && write === undefined && busy === undefined) return undefined;
  return {
    mount,
    ...withValue('readBytesPerSec', read === undefined ? undefined : Math.round(read)),
    ...withValue('writeBytesPerSec', write === undefined ? undefined : Math.round(write)),
    ...withValue('busyPercent', busy === undefined ? undefined : Math.round(busy * 10) / 10),
  };
}

/** The 3 hottest sensors of the sample, hottest first; empty when it has none. */
export function hottestSensors(values: Record<string, number>): SensorReading[] {
  return top(familyEntries(values, 'temp')).map(([sensor, celsius]) => ({ sensor, celsius: Math.round(celsius * 10) / 10 }));
}
