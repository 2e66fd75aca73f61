// `srvmon` in a terminal while an agent owns the state dir: the dashboard as a view of the agent. Every key acts on
// the agent through its control socket; q leaves the agent running.
import { systemClock } from '../clock.js';
import type { ControlConnection } from '../control/control-client.js';
import { RemoteMonitor } from '../control/remote-monitor.js';
import type { CliArgs } from './args.js';
import { onFatalCleanup } from './fatal-error.js';
import { EXIT_BROKEN_PIPE, stderr, stdout, type OutputFailure } from './output-stream.js';
import type { SignalQueue } from './signal-queue.js';
import type { Locale } from '../types.js';

export async function runAttachedDashboard(connection: ControlConnection, args: CliArgs, signals: SignalQueue, viewerLocale: Locale): Promise<number> {
  const remote = RemoteMonitor.fromConnection(connection, systemClock, viewerLocale);
  const { startDashboard } = await import('../ui/dashboard.js');
  return new Promise<number>((resolve) => {
    let stopped = false;
    let stopView: () => void = () => {};
    const stop = (code = 0): void => {
      if (stopped) return;
      stopped = true;
      remote.close();
      stopView();
      resolve(code);
    };
    stopView = startDashboard({ monitor: remote, ascii: args.ascii, onQuit: () => stop() });
    onFatalCleanup(() => stopView());
    // A hangup (SSH dropped) ends the view; the agent goes on.
    signals.attach({ SIGTERM: () => stop(), SIGINT: () => stop(), SIGHUP: () => stop() });
    const onOutputFailure = (failure: OutputFailure): void => {
      if (failure.code === 'EPIPE') stop(EXIT_BROKEN_PIPE);
      else if (failure.tty) stop();
    };
    stdout.onFailure(onOutputFailure);
    stderr.onFailure(onOutputFailure);
  });
}
