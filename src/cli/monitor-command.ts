// `srvmon` / `srvmon --no-ui`: the long-running monitor. Resolves with the exit code once told to stop.
import { Monitor } from '../app/monitor.js';
import { localPort } from '../app/local-port.js';
import { systemClock } from '../clock.js';
import { startHeadlessReporter } from '../headless/reporter.js';
import type { CliArgs } from './args.js';
import { loadCliConfig } from './load-cli-config.js';
import { createSystemSampler } from './system-sampler.js';
import { userErrorOf } from './user-error.js';
import { loadSinkFactory } from './create-sink.js';
import { readVersion } from './version.js';

/** SIGTERM must end the process within 2 s even if a channel hangs. */
const STOP_DEADLINE_MS = 1500;

export async function runMonitor(args: CliArgs): Promise<number> {
  const loaded = await loadCliConfig(args);
  // The dashboard needs a terminal; piped or redirected output (systemd, `srvmon | tee`) gets the headless lines.
  const wantsUi = !(args.noUi || args.json);
  const headless = !wantsUi || !process.stdout.isTTY;
  if (wantsUi && headless) process.stderr.write('srvmon: stdout is not a terminal; running headless (--no-ui)\n');
  const monitor = new Monitor({
    config: loaded.config,
    clock: systemClock,
    createSampler: (onSample) => createSystemSampler(loaded.config, systemClock, onSample, (message) => monitor.notice('warning', message)),
    createSink: await loadSinkFactory(loaded.config, systemClock),
  });
  // /metrics (off unless asked for): a port in use is a one-line error naming the address (exit 78), before sampling.
  // prom-client is loaded only when /metrics is asked for.
  const wantsMetrics = args.metricsListen !== undefined || loaded.config.prometheus.listen !== undefined;
  const metrics = wantsMetrics && (await (await import('../metrics/metrics-exporter.js')).startMetricsExporter({
    store: monitor.store,
    clock: systemClock,
    flag: args.metricsListen,
    configListen: loaded.config.prometheus.listen,
    file: loaded.filepath,
  }));
  if (metrics) monitor.notice('info', `serving Prometheus metrics on http://${metrics.address}/metrics`);

  const out = (line: string): void => void process.stdout.write(`${line}\n`);
  const err = (line: string): void => void process.stderr.write(`${line}\n`);
  let stopView: () => void;
  if (headless) {
    stopView = startHeadlessReporter({ store: monitor.store, json: args.json, out, err });
    if (!args.json) err(`srvmon ${readVersion()}: monitoring, config ${loaded.filepath ?? '(none, defaults)'}, state ${loaded.config.stateDir}`);
    else out(JSON.stringify({ type: 'start', time: new Date().toISOString(), version: readVersion(), config: loaded.filepath, stateDir: loaded.config.stateDir, intervalMs: loaded.config.intervalMs }));
  } else {
    monitor.startSampling(); // the first sample is taken while the dashboard's modules load
    const { startDashboard } = await import('../ui/dashboard.js');
    // q / Ctrl+C take the SIGTERM path below, so state is flushed before the terminal is restored and srvmon exits 0.
    stopView = startDashboard({ monitor: localPort(monitor), ascii: args.ascii, onQuit: () => process.kill(process.pid, 'SIGTERM') });
  }

  // A bug in a view or a channel must not take the monitor down with it: report it and keep sampling.
  process.on('uncaughtException', (error) => monitor.notice('warning', `internal error: ${error.stack ?? error.message}`));
  process.on('unhandledRejection', (reason) => monitor.notice('warning', `internal error: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`));

  monitor.start();

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (): void => {
      if (stopping) return;
      stopping = true;
      const deadline = setTimeout(() => {
        stopView(); // the terminal is restored even when a channel hangs the stop
        resolve(0);
      }, STOP_DEADLINE_MS);
      Promise.all([monitor.stop(), metrics ? metrics.close() : undefined]).finally(() => {
        clearTimeout(deadline);
        stopView();
        resolve(0);
      });
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
    const reload = (): void => {
      loadCliConfig(args)
        .then(async (reloaded) => monitor.reload(reloaded.config, await loadSinkFactory(reloaded.config, systemClock)))
        .catch((error: unknown) => {
          const userError = userErrorOf(error);
          monitor.notice('warning', `config not reloaded, keeping the old one: ${userError ? userError.message : String(error)}`);
        });
    };
    // Headless, SIGHUP is systemd's reload. With the dashboard it means the terminal went away (SSH dropped, tmux pane
    // closed): stop, rather than sample on with nobody watching.
    process.on('SIGHUP', headless ? reload : stop);
  });
}
