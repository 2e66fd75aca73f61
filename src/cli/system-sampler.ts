// The real sampler for the running monitor: this machine's reader on the configured cadence.
import type { SampleSource } from '../app/monitor.js';
import type { Clock } from '../clock.js';
import type { SrvmonConfig } from '../config/config-types.js';
import { createSystemReader } from '../sampler/create-reader.js';
import { Sampler } from '../sampler/sampler.js';
import { EventReader } from '../sampler/events/event-reader.js';
import { hostRunsSystemd } from '../sampler/events/systemd-watch.js';
import type { Sample } from '../types.js';

export function createSystemSampler(
  config: SrvmonConfig,
  clock: Clock,
  onSample: (sample: Sample) => void,
  onWarning: (message: string) => void,
  /** The config in force now (reloads replace it): the event kinds' readers follow its rules. @default config */
  currentConfig: () => SrvmonConfig = () => config,
  onInfo: (message: string) => void = () => {},
): SampleSource {
  const onNoSensors = (): void => {
    // One line, and only for someone who asked for temperature rules: most VMs have no sensors and that is fine.
    if (currentConfig().rules.temperature.enabled) onInfo('no temperature sensors in /sys/class/thermal or /sys/class/hwmon: the temperature rules are skipped');
  };
  // Where sd_booted()'s marker is looked for: tests (and a container that mounts the host's /run elsewhere) move it.
  const systemdRunDir = process.env['SRVMON_SYSTEMD_RUN_DIR'] || undefined;
  const reader = new EventReader({
    inner: createSystemReader(process.platform, { onNoSensors }),
    rules: () => currentConfig().rules,
    stateDir: config.stateDir,
    nowMs: () => clock.nowMs(),
    runsSystemd: () => hostRunsSystemd(systemdRunDir),
    onInfo,
  });
  return new Sampler({
    reader,
    clock,
    intervalMs: config.intervalMs,
    diskIntervalMs: config.diskIntervalMs,
    onSample,
    // Reported once per metric until it recovers: a gap in the data, not a log line every second.
    onError: (metric, error) => onWarning(`cannot read ${metric}: ${error instanceof Error ? error.message : String(error)} (a gap is recorded)`),
  });
}
