// `srvmon` / `srvmon --no-ui`: the long-running monitor. Resolves with the exit code once told to stop.
import { Monitor } from '../app/monitor.js';
import { localPort } from '../app/local-port.js';
import { systemClock } from '../clock.js';
import { startHeadlessReporter } from '../headless/reporter.js';
import type { CliArgs } from './args.js';
import { loadCliConfig } from './load-cli-config.js';
import { createSystemSampler } from './system-sampler.js';
import { systemEvidence } from './system-evidence.js';
import { userErrorOf } from './user-error.js';
import { loadSinkFactory } from './create-sink.js';
import { onFatalCleanup } from './fatal-error.js';
import { cannotWrite, EXIT_BROKEN_PIPE, stderr, stdout, type OutputFailure } from './output-stream.js';
import { STOP_DEADLINE_MS, type SignalQueue } from './signal-queue.js';
import { readVersion } from './version.js';
import { NoOwnerError, StateDirInUseError } from '../control/attach-error.js';
import { acquireStateDirLock, inUseMessage } from '../control/state-dir-lock.js';
import type { SrvmonConfig } from '../config/config-types.js';
import type { ControlServer } from '../control/control-server.js';

/** signals: installed by main.ts before anything else; signals that came during start are delivered once running. */
export async function runMonitor(args: CliArgs, signals: SignalQueue): Promise<number> {
  const loaded = await loadCliConfig(args);
  // The dashboard needs a terminal that can draw it; piped or redirected output (systemd, `srvmon | tee`) and a dumb
  // terminal (Emacs shell, TERM=dumb) get the headless lines.
  const wantsUi = !(args.noUi || args.json);
  const noUiBecause = !wantsUi ? null : !stdout.isTTY ? 'stdout is not a terminal' : dumbTerminal(process.env.TERM);
  const headless = !wantsUi || noUiBecause !== null;
  if (noUiBecause) stderr.line(`srvmon: ${noUiBecause}; running headless (--no-ui)`);

  // One owner per state dir, many views. A dashboard first looks for a running owner (the agent under systemd) and
  // becomes a view of it; --standalone skips that and runs a monitor of its own.
  if (!headless && !args.standalone) {
    // Loaded here only: the headless agent never looks for another owner, so it need not load the client.
    const { findOwner, ownerSockets } = await import('../control/find-owner.js');
    const owner = await findOwner(ownerSockets(args.attach, loaded.config.control.socket));
    if (owner) return (await import('./attached-dashboard.js')).runAttachedDashboard(owner, args, signals, loaded.config.locale);
    if (args.attach !== undefined) throw new NoOwnerError(`no srvmon is running on ${args.attach}`);
  }
  // The owner holds the state dir's lock before it touches state.json, the alert log or the outbox.
  const startedMs = Date.now();
  const lock = await acquireStateDirLock(loaded.config.stateDir, { pid: process.pid, startedMs, version: readVersion(), socket: loaded.config.control.socket });
  if (!lock.ok) throw new StateDirInUseError(inUseMessage(loaded.config.stateDir, lock.holder));

  const monitor: Monitor = new Monitor({
    config: loaded.config,
    clock: systemClock,
    createSampler: (onSample) =>
      createSystemSampler(
        loaded.config,
        systemClock,
        onSample,
        (message) => monitor.notice('warning', message),
        () => monitor.config,
        (message) => monitor.notice('info', message),
      ),
    createSink: await loadSinkFactory(loaded.config, systemClock),
    createEvidence: systemEvidence(systemClock),
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

  const out = (line: string): void => stdout.line(line);
  const err = (line: string): void => stderr.line(line);
  let stopView: () => void;
  if (headless) {
    stopView = startHeadlessReporter({ store: monitor.store, json: args.json, out, err, locale: loaded.config.locale });
    if (!args.json) err(`srvmon ${readVersion()}: monitoring, config ${loaded.filepath ?? '(none, defaults)'}, state ${loaded.config.stateDir}`);
    else out(JSON.stringify({ type: 'start', time: new Date().toISOString(), version: readVersion(), config: loaded.filepath, stateDir: loaded.config.stateDir, intervalMs: loaded.config.intervalMs }));
  } else {
    monitor.startSampling(); // the first sample is taken while the dashboard's modules load
    const { startDashboard } = await import('../ui/dashboard.js');
    // q / Ctrl+C take the SIGTERM path below, so state is flushed before the terminal is restored and srvmon exits 0.
    stopView = startDashboard({ monitor: localPort(monitor), ascii: args.ascii, onQuit: () => process.kill(process.pid, 'SIGTERM') });
    // A bug ends the process (exit 70, see fatal-error.ts), but not with the terminal left in the dashboard's mode.
    onFatalCleanup(() => stopView());
  }

  monitor.start();
  // After the first frame: nothing that attaches needs to be there before the view is.
  const control = await startControl(monitor, loaded.config, startedMs);

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (code = 0): void => {
      if (stopping) return;
      stopping = true;
      const deadline = setTimeout(() => {
        stopView(); // the terminal is restored even when a channel hangs the stop
        resolve(code);
      }, STOP_DEADLINE_MS);
      Promise.all([monitor.stop(), metrics ? metrics.close() : undefined, control?.close()])
        .then(() => lock.lock.release())
        .finally(() => {
          clearTimeout(deadline);
          stopView();
          resolve(code);
        });
    };
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
    signals.attach({ SIGTERM: () => stop(), SIGINT: () => stop(), SIGHUP: headless ? reload : () => stop() });

    // Output that fails has one right answer per cause, decided here once; the failed stream drops later writes.
    const onOutputFailure = (failure: OutputFailure): void => {
      // The reader left (`srvmon --json | head -1`): end quietly, state flushed.
      if (failure.code === 'EPIPE') stop(EXIT_BROKEN_PIPE);
      // The terminal hung up (SSH dropped, tmux killed; headless, its SIGHUP was taken for a reload): nobody can see
      // this process any more, and its next line would fail again. Stop, state flushed.
      else if (failure.code === 'EIO' && failure.tty) stop();
      // A full disk or the like under stdout: alerts still go out through the channels; say it once.
      else if (failure.stream === 'stdout') stderr.line(`srvmon: ${cannotWrite(failure)}; monitoring goes on without it`);
      // stderr failing otherwise leaves nowhere to say it.
    };
    stdout.onFailure(onOutputFailure);
    stderr.onFailure(onOutputFailure);
  });
}

/** Why the dashboard cannot be drawn on this terminal type, or null when it can. */
function dumbTerminal(term: string | undefined): string | null {
  return term === 'dumb' ? 'TERM=dumb cannot draw the dashboard' : null;
}

/**
 * The control socket, through which dashboards and the CLI reach this owner. A socket that cannot be created is a
 * warning, not the end: the monitor still samples and alerts, only nothing can attach to it.
 */
async function startControl(monitor: Monitor, config: SrvmonConfig, startedMs: number): Promise<ControlServer | null> {
  const { startControlServer } = await import('../control/control-server.js');
  try {
    const server = await startControlServer({
      socketPath: config.control.socket,
      group: config.control.group,
      store: monitor.store,
      owner: () => ({ pid: process.pid, startedMs, version: readVersion(), stateDir: monitor.config.stateDir, locale: monitor.config.locale, intervalMs: monitor.config.intervalMs }),
      commands: localPort(monitor).commands,
      onWarning: (message) => monitor.notice('warning', message),
    });
    monitor.notice('info', `control socket ${server.socketPath}: "srvmon" attaches to this monitor, "srvmon status" shows it`);
    return server;
  } catch (error: unknown) {
    monitor.notice('warning', `${error instanceof Error ? error.message : String(error)}; dashboards and "srvmon status" cannot reach this monitor`);
    return null;
  }
}
