// The real sampler for the running monitor: this machine's reader on the configured cadence.
import type { SampleSource } from '../app/monitor.js';
import type { Clock } from '../clock.js';
import type { SrvmonConfig } from '../config/config-types.js';
import { createSystemReader } from '../sampler/create-reader.js';
import { Sampler } from '../sampler/sampler.js';
import type { Sample } from '../types.js';

export function createSystemSampler(
  config: SrvmonConfig,
  clock: Clock,
  onSample: (sample: Sample) => void,
  onWarning: (message: string) => void,
  onInfo: (message: string) => void = () => {},
): SampleSource {
  const onNoSensors = (): void => {
    // One line, and only for someone who asked for temperature rules: most VMs have no sensors and that is fine.
    if (config.rules.temperature.enabled) onInfo('no temperature sensors in /sys/class/thermal or /sys/class/hwmon: the temperature rules are skipped');
  };
  return new Sampler({
    reader: createSystemReader(process.platform, { onNoSensors }),
    clock,
    intervalMs: config.intervalMs,
    diskIntervalMs: config.diskIntervalMs,
    onSample,
    // Reported once per metric until it recovers: a gap in the data, not a log line every second.
    onError: (metric, error) => onWarning(`cannot read ${metric}: ${error instanceof Error ? error.message : String(error)} (a gap is recorded)`),
  });
}
